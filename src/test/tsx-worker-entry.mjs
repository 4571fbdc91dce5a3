// Worker entry for tests: loads a TypeScript worker module through tsx. Tests run the sources, not
// the production build (where Turbopack bundles each worker as plain JavaScript).
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register({ tsconfig: workerData.tsconfig });
await import(workerData.entry);
