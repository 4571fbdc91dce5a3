// `npm run db:migrate`: applies drizzle/ migrations as the tables' owner: DATABASE_MIGRATION_URL, or
// DATABASE_URL when that is the owner's (production, CI, any server).
import { applyMigrations } from "~/server/db/migrate";

const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_MIGRATION_URL (or DATABASE_URL) is not set. (`npm run dev` migrates the embedded database by itself.)",
  );
  process.exit(1);
}
await applyMigrations(url);
console.log("migrations applied");
