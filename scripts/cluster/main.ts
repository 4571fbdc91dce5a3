// `npm run cluster [-- --instances N]`: the local production topology in the foreground (ADR 022,
// docs/scaling.md). Ctrl-C or SIGTERM stops everything; a run killed outright is cleaned up by the next.
import { startCluster } from "./cluster";

const argv = process.argv.slice(2);
const instancesArg = argv.indexOf("--instances");
const instances = instancesArg >= 0 ? Number(argv[instancesArg + 1]) : 2;
if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
  console.error("--instances must be a whole number from 1 to 8");
  process.exit(2);
}

const cluster = await startCluster({ name: "dev", basePort: 55400, instances });
for (const line of cluster.describe()) console.log(`[cluster] ${line}`);
console.log("[cluster] running; Ctrl-C stops everything");

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log("[cluster] stopping");
  await cluster.stop();
  process.exit(0);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown());
