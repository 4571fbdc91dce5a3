import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "~/server/db/connection";

/**
 * The job queue's bookkeeping beyond Graphile Worker's own (ADR 017), for the worker's login only.
 * A worker's jobs stay locked for four hours after its process dies (Graphile Worker's default);
 * each process records which database session its workers belong to, so any live worker can unlock
 * the jobs of a dead one at once.
 */
export async function registerQueueWorker(db: Database, workerId: string, applicationName: string): Promise<void> {
  await db.execute(
    sql`insert into app_private.queue_workers (worker_id, application_name) values (${workerId}, ${applicationName})
        on conflict (worker_id) do nothing`,
  );
}

/**
 * Unlocks the jobs of workers whose process has no database session left (killed, crashed), and
 * forgets those workers. A job locked in the last few seconds is left alone: its worker may not have
 * registered yet. Returns the workers released.
 */
export async function releaseDeadWorkers(db: Database): Promise<string[]> {
  const rows = await db.execute<{ worker_id: string }>(sql`
    with dead as (
      select distinct j.locked_by as worker_id from graphile_worker.jobs j
      where j.locked_by is not null and j.locked_at < now() - interval '5 seconds'
        and not exists (
          select 1 from app_private.queue_workers w join pg_stat_activity a on a.application_name = w.application_name
          where w.worker_id = j.locked_by)
    ), unlocked as (
      select graphile_worker.force_unlock_workers(array(select worker_id from dead))
    ), forgotten as (
      delete from app_private.queue_workers w
      where not exists (select 1 from pg_stat_activity a where a.application_name = w.application_name)
    )
    select worker_id from dead, unlocked`);
  return rows.map((r) => r.worker_id);
}
