// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL (production, CI, any server).
import { applyMigrations } from "~/server/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm run dev` migrates the embedded database by itself.)");
  process.exit(1);
}
await applyMigrations(url);
console.log("migrations applied");
