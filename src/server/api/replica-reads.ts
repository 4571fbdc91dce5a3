import "server-only";
/**
 * Which pool an opted-in query reads from (ADR 023): the procedure kinds of trpc.ts ask
 * `readOnReplica` first and run the query on the primary when it answers served: false.
 */
import type { Database, Tx } from "~/server/db/connection";
import { onReplica } from "~/server/db/replica";
import { withSession, type MemberSession } from "~/server/db/tenant";
import type { CacheWriter } from "~/server/services/week-digests";
import type { Context, ProcedureMeta } from "./trpc";

/** Where a procedure's cache writes go: at once in its own transaction, or after a replica read (ADR 023). */
export type { CacheWriter };

/**
 * A write a read makes only to cache what it computed (the roster's week digests), given the
 * transaction to write in. On the primary it runs at once, in the read's transaction; a read served
 * by the replica (read-only) hands it to the primary afterwards, in a transaction of its own.
 */
export type CacheWrite = (tx: Tx) => Promise<void>;

/** A cache that failed to fill costs the next read a recomputation, never this read its answer. */
async function writeCachesOnPrimary(db: Database, sessionSecret: string, writes: CacheWrite[]): Promise<void> {
  if (writes.length === 0) return;
  try {
    await withSession(db, sessionSecret, async (tx) => {
      for (const write of writes) await write(tx);
    });
  } catch (error) {
    console.warn("A read served by the replica could not fill its cache on the primary:", error);
  }
}

/**
 * An opted-in query (meta `reads: "replica"`) on the replica (ADR 023), with its cache writes
 * handed to the primary afterwards; served: false when it is not opted in, no replica is configured,
 * or the replica cannot serve it (behind the user's last write, a session it has not replayed yet,
 * unreachable): the caller then runs it on the primary. The session itself was checked on the
 * primary (context.ts).
 */
export async function readOnReplica<T>(
  ctx: Context,
  enter: { sessionSecret: string; orgSlug?: string },
  meta: ProcedureMeta | undefined,
  type: string,
  work: (
    tx: Tx,
    sessionUserId: string | null,
    membership: MemberSession["membership"],
    writeCache: CacheWriter,
  ) => Promise<T>,
): Promise<{ served: true; value: T } | { served: false }> {
  const replica = type === "query" && meta?.reads === "replica" ? ctx.readRouting?.replica : null;
  if (replica) {
    const afterwards: CacheWrite[] = [];
    const { sessionSecret } = enter;
    const read = { ...enter, expectedUserId: ctx.user?.id ?? null, mustSee: ctx.readRouting!.mustSee };
    const outcome = await onReplica(replica, read, (tx, id, membership) =>
      work(tx, id, membership, (write) => void afterwards.push(write)),
    );
    if (outcome.served) {
      ctx.readRouting!.served("replica");
      await writeCachesOnPrimary(ctx.db, sessionSecret, afterwards);
      return outcome;
    }
  }
  ctx.readRouting?.served("primary");
  return { served: false };
}
