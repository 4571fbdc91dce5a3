// `npm start`: migrations, then the production server (`next start`; run `npm run build` first).
// Without DATABASE_URL it runs on the embedded PostgreSQL with demo data, like `npm run dev`.
import { existsSync } from "node:fs";
import { runNext } from "./lib/run-next";

if (!existsSync(".next/BUILD_ID")) {
  console.error("[runbalance] no production build found: run `npm run build` first");
  process.exit(1);
}
await runNext("start");
