// `npm run db:seed`: writes the demo organisation, on request only, as the tables' owner:
// DATABASE_MIGRATION_URL, or DATABASE_URL when that is the owner's.
import { connect } from "~/server/db/connection";
import { demoAccounts, seedDemo } from "~/server/seed/seed-demo";
import { now } from "~/lib/clock";

const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL;
if (!url) {
  console.error(
    "DATABASE_MIGRATION_URL (or DATABASE_URL) is not set. (`npm run dev` seeds the embedded database by itself.)",
  );
  process.exit(1);
}
const { db, close } = connect(url, { max: 2 });
const result = await seedDemo(db, now());
await close();
console.log(result === "seeded" ? "demo organisation created" : "demo organisation already present: nothing changed");
console.log(`demo password: ${demoAccounts().password}`);
