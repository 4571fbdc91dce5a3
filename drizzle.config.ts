import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this file (it needs no database).
// Migrations are applied by scripts/migrate.ts, on start and with `npm run db:migrate`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
