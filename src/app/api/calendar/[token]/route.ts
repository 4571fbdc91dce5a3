import { getDb, getReplicaDb } from "~/server/db";
import { readWithoutSession } from "~/server/db/replica";
import { answer503WhenDatabaseIsDown } from "~/server/http/database-outage";
import { calendarForToken } from "~/server/services/calendar";
import { now } from "~/lib/clock";

export const dynamic = "force-dynamic";

/**
 * A private, revocable iCal feed: the token in the URL is the only credential. Calendar apps poll
 * it; while the database is down they get 503 with Retry-After and keep the events they have. The
 * feed is someone's training plan: no cache along the way may keep a copy (no-store).
 */
export const GET = answer503WhenDatabaseIsDown(
  "calendar feed",
  "text",
  async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    const cleaned = token.replace(/\.ics$/, "");
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(cleaned)) return new Response("Not found", { status: 404 });
    // Calendar apps poll: the replica serves them when there is one (ADR 023); no user waits to see a write.
    const { value: body } = await readWithoutSession(getDb(), getReplicaDb(), (db) =>
      calendarForToken(db, cleaned, now()),
    );
    if (body === null) return new Response("Not found", { status: 404 });
    return new Response(body, {
      headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "no-store" },
    });
  },
);
