// `npm run db:seed`: writes the demo organisation into DATABASE_URL, on request only.
import { connect } from "~/server/db/connection";
import { demoAccounts, seedDemo } from "~/server/seed/seed-demo";
import { todayUtc } from "~/lib/clock";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set. (`npm run dev` seeds the embedded database by itself.)");
  process.exit(1);
}
const { db, close } = connect(url, { max: 2 });
const result = await seedDemo(db, todayUtc());
await close();
console.log(result === "seeded" ? "demo organisation created" : "demo organisation already present: nothing changed");
console.log(`demo password: ${demoAccounts().password}`);
