import { describe, expect, it } from "vitest";
import { databasesSection, routingFor, sameRouting, type MonitorNode } from "./routing";

const node = (name: string, port: number, goal: string, reported = goal, health = 1): MonitorNode => ({
  name,
  host: "127.0.0.1",
  port,
  goal,
  reported,
  health,
});
const at = (port: number) => ({ host: "127.0.0.1", port });

describe("where PgBouncer sends the cluster's databases, from the monitor's nodes", () => {
  it("steady state: writes to the primary, the replica pool to the healthy standby", () => {
    expect(routingFor([node("a", 1, "primary"), node("b", 2, "secondary")])).toEqual({
      primary: at(1),
      replica: at(2),
    });
  });

  it("a single node, or a standby still catching up or unhealthy: the replica pool reads the primary", () => {
    expect(routingFor([node("a", 1, "single")])).toEqual({ primary: at(1), replica: at(1) });
    expect(routingFor([node("a", 1, "wait_primary"), node("b", 2, "secondary", "catchingup")])).toEqual({
      primary: at(1),
      replica: at(1),
    });
    expect(routingFor([node("a", 1, "primary"), node("b", 2, "secondary", "secondary", 0)])).toEqual({
      primary: at(1),
      replica: at(1),
    });
  });

  it("the failover, step by step (pg_auto_failover 2.0's states after the primary dies)", () => {
    // Unhealthy primary drained, standby preparing its promotion: nobody to send writes to yet.
    expect(routingFor([node("a", 1, "draining", "primary", 0), node("b", 2, "prepare_promotion", "secondary")])).toBe(
      null,
    );
    // The goal says stop_replication but B still reports prepare_promotion: still a standby (25006).
    expect(
      routingFor([node("a", 1, "demote_timeout", "primary", 0), node("b", 2, "stop_replication", "prepare_promotion")]),
    ).toBe(null);
    // B promoted (writes wait for the demote timeout): the pool goes there.
    expect(
      routingFor([node("a", 1, "demote_timeout", "primary", 0), node("b", 2, "stop_replication", "stop_replication")]),
    ).toEqual({ primary: at(2), replica: at(2) });
    expect(routingFor([node("a", 1, "demoted", "primary", 0), node("b", 2, "wait_primary")])).toEqual({
      primary: at(2),
      replica: at(2),
    });
    // A back as the standby of B.
    expect(routingFor([node("a", 1, "secondary"), node("b", 2, "primary")])).toEqual({
      primary: at(2),
      replica: at(1),
    });
  });

  it("no monitor rows, or only standbys: no routing (the caller keeps its last one)", () => {
    expect(routingFor([])).toBe(null);
    expect(routingFor([node("b", 2, "secondary")])).toBe(null);
  });

  it("compares routings by value", () => {
    expect(sameRouting({ primary: at(1), replica: at(2) }, { primary: at(1), replica: at(2) })).toBe(true);
    expect(sameRouting({ primary: at(1), replica: at(2) }, { primary: at(2), replica: at(2) })).toBe(false);
    expect(sameRouting(null, { primary: at(1), replica: at(1) })).toBe(false);
  });

  it("writes PgBouncer's [databases]: the transaction pools and the worker's session pool", () => {
    expect(databasesSection({ primary: at(1), replica: at(2) }, "runbalance")).toBe(
      [
        "[databases]",
        "runbalance = host=127.0.0.1 port=1 dbname=runbalance",
        "runbalance_replica = host=127.0.0.1 port=2 dbname=runbalance",
        "runbalance_session = host=127.0.0.1 port=1 dbname=runbalance pool_mode=session",
        "",
      ].join("\n"),
    );
  });
});
