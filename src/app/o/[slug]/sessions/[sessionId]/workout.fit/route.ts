import { now } from "~/lib/clock";
import { getCurrentSession } from "~/server/auth/session";
import { getDb } from "~/server/db";
import { answer503WhenDatabaseIsDown } from "~/server/http/database-outage";
import { downloadWorkout } from "~/server/http/workout-file";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const refusal = (message: string, status: number) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/**
 * A structured planned session as a FIT workout file, to copy onto a Garmin (or any FIT) watch.
 * Its athlete and their coaches may download it; anyone else gets 404, signed-out 401.
 */
export const GET = answer503WhenDatabaseIsDown(
  "workout download",
  "text",
  async (_request: Request, { params }: { params: Promise<{ slug: string; sessionId: string }> }) => {
    const { slug, sessionId } = await params;
    const session = await getCurrentSession();
    if (!session) return refusal("Please sign in.", 401);
    if (!UUID.test(sessionId)) return refusal("No such planned session.", 404);
    const outcome = await downloadWorkout(
      getDb(),
      { userId: session.user.id, sessionSecret: session.secret, orgSlug: slug, sessionId },
      now(),
    );
    if (outcome.status !== 200) return refusal(outcome.message, outcome.status);
    return new Response(new Uint8Array(outcome.bytes), {
      headers: {
        "content-type": "application/vnd.ant.fit",
        // The name is built from a date and a session kind only: nothing a user typed reaches the header.
        "content-disposition": `attachment; filename="${outcome.fileName}"`,
        "content-length": String(outcome.bytes.byteLength),
        "cache-control": "no-store",
      },
    });
  },
);
