import "server-only";
import { getDb, getReplicaDb } from "~/server/db";
import { markWrite, requestReadRouting } from "~/server/db/replica";
import { appUrl } from "~/server/env";

/**
 * For a route handler outside tRPC whose request wrote (sign-in opening a session, an upload storing
 * drafts): the write marker on `headers`, so this browser's next reads wait for the replica to
 * replay the write (ADR 023). Nothing, and no statement, without a replica.
 */
export async function markWriteIn(headers: Headers): Promise<void> {
  const replica = getReplicaDb();
  if (!replica) return;
  const routing = requestReadRouting({
    replica,
    markerCookie: undefined,
    resHeaders: headers,
    secure: appUrl().startsWith("https:"),
    exposeRoute: false,
  });
  await markWrite(getDb(), routing);
}
