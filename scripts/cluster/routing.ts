/**
 * Where PgBouncer sends each of the cluster's databases, decided from pg_auto_failover's monitor
 * (its `pgautofailover.node` rows). Pure, so the failover rules are unit-tested without a cluster.
 */

export interface MonitorNode {
  name: string;
  host: string;
  port: number;
  /** What the monitor asked the node to be (`goalstate`). */
  goal: string;
  /** What the node last said it is (`reportedstate`). */
  reported: string;
  /** The monitor's health check: 1 healthy, 0 unhealthy, -1 unknown. */
  health: number;
}

export interface Target {
  host: string;
  port: number;
}

export interface Routing {
  /** Writes (the app's DATABASE_URL) and the worker's session pool. */
  primary: Target;
  /** The app's DATABASE_REPLICA_URL: the streaming standby, or the primary when none is healthy. */
  replica: Target;
}

/**
 * States in which a node is the writable primary. `stop_replication` is a standby already promoted
 * whose writes wait (synchronous_standby_names still set) until the monitor has given the old
 * primary `primary_demote_timeout` to demote itself: sending the pool there at once turns the rest of
 * the outage into waiting, not errors. The node must have *reported* the state too: while the goal
 * says stop_replication but the node still reports prepare_promotion, it is a standby (25006).
 */
const WRITABLE = new Set(["single", "wait_primary", "primary", "join_primary", "apply_settings", "stop_replication"]);

/**
 * The routing the monitor's rows call for, or null while no node is (becoming) the primary (the
 * first second of a failover: the old primary is draining, the standby preparing its promotion);
 * then the caller keeps the previous routing, which fails with PgBouncer's own errors (503).
 */
export function routingFor(nodes: readonly MonitorNode[]): Routing | null {
  // The old primary's goal is draining/demote_timeout/demoted by the time another node reports a
  // writable state, so at most one node matches; the first is taken if ever two did.
  const primary = nodes.find((n) => WRITABLE.has(n.goal) && WRITABLE.has(n.reported));
  if (!primary) return null;
  const standby = nodes.find(
    (n) => n !== primary && n.goal === "secondary" && n.reported === "secondary" && n.health === 1,
  );
  const target = (n: MonitorNode): Target => ({ host: n.host, port: n.port });
  return { primary: target(primary), replica: target(standby ?? primary) };
}

export const sameRouting = (a: Routing | null, b: Routing | null): boolean => JSON.stringify(a) === JSON.stringify(b);

/** PgBouncer's `[databases]` section for a routing (the server sees the database `runbalance` in all three). */
export function databasesSection(routing: Routing, database: string): string {
  const line = (name: string, t: Target, extra = "") =>
    `${name} = host=${t.host} port=${t.port} dbname=${database}${extra}`;
  return [
    "[databases]",
    line(database, routing.primary),
    line(`${database}_replica`, routing.replica),
    // Graphile Worker LISTENs and keeps session state: a session-mode pool of its own.
    line(`${database}_session`, routing.primary, " pool_mode=session"),
    "",
  ].join("\n");
}
