// `npm run dev`: embedded PostgreSQL (unless DATABASE_URL is set) + migrations + demo data + `next dev`.
import { runNext } from "./lib/run-next";

await runNext("dev");
