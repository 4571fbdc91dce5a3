/**
 * The coach's multi-week calendar against a real PostgreSQL: several weeks with their verdicts in a
 * constant number of queries, moves and copies that lock every week they touch (a stale screen is
 * refused and changes nothing), copies that take whole rows, and undo as the inverse edit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, weekStartFor } from "~/domain/rules";
import { todayUtc } from "~/lib/clock";
import { connect, type Connection } from "~/server/db/connection";
import { createOrgFixture, type OrgFixture } from "~/test/fixtures";
import { contextFor } from "~/test/sessions";
import { refusal } from "~/test/refusal";
import { useTestDatabase } from "~/test/test-database";
import type { SessionUser } from "~/server/data/users";
import { createCaller } from "./root";

// Far enough ahead that nothing of the fixture is there; fixture users live in UTC, weeks from Monday.
const first = addDays(weekStartFor(todayUtc(), "monday"), 7 * 10);

describe("plan calendar", () => {
  const t = useTestDatabase();
  let a: OrgFixture;
  const as = (user: SessionUser) => createCaller(contextFor(t.db, user));
  const base = () => ({ orgSlug: a.slug, athleteId: a.athleteIds.athlete1 });
  const calendar = (count = 6) => as(a.users.coach).planCalendar.weeks({ ...base(), from: first, count });
  const seen = (data: Awaited<ReturnType<typeof calendar>>) =>
    data.weeks.map((w) => ({ weekStart: w.weekStart, version: w.week?.version ?? null }));

  beforeAll(async () => {
    a = await createOrgFixture(t.db, "calendar");
    const coach = as(a.users.coach);
    const session = (day: number, kind: "recovery" | "aerobic" | "tempo" | "long", durationMin: number) => ({
      day,
      kind,
      durationMin,
      distanceM: null,
      targetRpe: kind === "tempo" ? 7 : 3,
      description: `${kind} on day ${day}`,
    });
    await coach.weeks.save({
      ...base(),
      weekStart: first,
      version: null,
      status: "published",
      sessions: [
        session(0, "recovery", 30),
        session(1, "tempo", 45),
        session(3, "aerobic", 50),
        session(5, "long", 90),
      ],
    });
    await coach.weeks.save({
      ...base(),
      weekStart: addDays(first, 7),
      version: null,
      status: "draft",
      sessions: [session(2, "aerobic", 40)],
    });
  });

  it("shows each week with its sessions, status, version and the engine's verdict", async () => {
    const data = await calendar();
    expect(data.first).toBe(first);
    expect(data.weeks.map((w) => w.weekStart)).toEqual([0, 1, 2, 3, 4, 5].map((i) => addDays(first, 7 * i)));
    expect(data.weeks.map((w) => w.week)).toEqual([
      { status: "published", version: 1 },
      { status: "draft", version: 1 },
      null,
      null,
      null,
      null,
    ]);
    expect(data.weeks[0]!.sessions.map((s) => [s.date, s.kind, s.targetRpe, s.description])).toEqual([
      [first, "recovery", 3, "recovery on day 0"],
      [addDays(first, 1), "tempo", 7, "tempo on day 1"],
      [addDays(first, 3), "aerobic", 3, "aerobic on day 3"],
      [addDays(first, 5), "long", 3, "long on day 5"],
    ]);
    expect(data.weeks[0]!.evaluation.plan?.proportions).not.toBeNull();
    expect(data.weeks[2]!.sessions).toEqual([]);
  });

  it("refuses athletes, and weeks of athletes the coach does not see", async () => {
    const athlete = await refusal(as(a.users.athlete1).planCalendar.weeks({ ...base(), from: first, count: 4 }));
    expect(athlete.code).toBe("FORBIDDEN");
  });

  it("moves a session to another week, keeping each week's status, and undoes it by moving it back", async () => {
    const coach = as(a.users.coach);
    const before = await calendar();
    const tempo = before.weeks[0]!.sessions.find((s) => s.kind === "tempo")!;
    const moved = await coach.planCalendar.move({
      ...base(),
      sessionId: tempo.id,
      toDate: addDays(first, 7 + 4),
      seen: seen(before),
    });
    expect(moved.undo).toEqual({ type: "move", sessionId: tempo.id, toDate: addDays(first, 1) });

    const after = await calendar();
    expect(after.weeks[0]!.week).toEqual({ status: "published", version: 2 });
    expect(after.weeks[1]!.week).toEqual({ status: "draft", version: 2 });
    expect(after.weeks[1]!.sessions.map((s) => [s.id, s.date])).toContainEqual([tempo.id, addDays(first, 11)]);

    // The screen from before the move is stale: refused, nothing changes.
    const stale = await refusal(
      coach.planCalendar.move({ ...base(), sessionId: tempo.id, toDate: addDays(first, 2), seen: seen(before) }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(await calendar()).toEqual(after);

    if (moved.undo.type !== "move") throw new Error("a move is undone by moving back");
    await coach.planCalendar.move({ ...base(), sessionId: tempo.id, toDate: moved.undo.toDate, seen: seen(after) });
    const undone = await calendar();
    expect(undone.weeks[0]!.sessions.map((s) => s.id)).toContain(tempo.id);
    expect(undone.weeks[0]!.week).toEqual({ status: "published", version: 3 });
  });

  it("copies a week four weeks ahead, whole rows with new ids, into a new draft week; undone by removing the copies", async () => {
    const coach = as(a.users.coach);
    const before = await calendar();
    const source = before.weeks[0]!.sessions;
    const copied = await coach.planCalendar.copy({
      ...base(),
      sourceFrom: first,
      sourceTo: addDays(first, 6),
      targetFrom: addDays(first, 28),
      seen: seen(before),
    });
    expect(copied.message).toMatch(/^Copied 4 sessions/);
    const after = await calendar();
    const target = after.weeks[4]!;
    expect(target.week).toEqual({ status: "draft", version: 1 });
    const strip = ({ id: _id, date, position: _p, ...rest }: (typeof source)[number]) => ({
      ...rest,
      day: date,
    });
    expect(target.sessions.map((s) => strip({ ...s, date: addDays(s.date, -28) }))).toEqual(source.map(strip));
    expect(target.sessions.map((s) => s.id).filter((id) => source.some((s) => s.id === id))).toEqual([]);
    expect(target.evaluation.plan?.proportions).toEqual(before.weeks[0]!.evaluation.plan?.proportions);

    // A second tab that has not seen the copy cannot undo on top of someone else's change.
    if (copied.undo.type !== "remove") throw new Error("a copy is undone by removing");
    const staleUndo = await refusal(
      coach.planCalendar.remove({
        ...base(),
        sessionIds: copied.undo.sessionIds,
        seen: [{ weekStart: addDays(first, 28), version: null }],
      }),
    );
    expect(staleUndo.code).toBe("CONFLICT");

    await coach.planCalendar.remove({ ...base(), sessionIds: copied.undo.sessionIds, seen: seen(after) });
    const undone = await calendar();
    expect(undone.weeks[4]!.sessions).toEqual([]);
  });

  it("refuses a copy that would overfill a week or has nothing to copy, and changes nothing", async () => {
    const coach = as(a.users.coach);
    const before = await calendar();
    // Six copies of a four-session week into one week: 24 sessions, over the 21 a week allows.
    for (let i = 0; i < 5; i++) {
      await coach.planCalendar.copy({
        ...base(),
        sourceFrom: first,
        sourceTo: addDays(first, 6),
        targetFrom: addDays(first, 35),
        seen: seen(await calendar()),
      });
    }
    const full = await calendar();
    const overfill = await refusal(
      coach.planCalendar.copy({
        ...base(),
        sourceFrom: first,
        sourceTo: addDays(first, 6),
        targetFrom: addDays(first, 35),
        seen: seen(full),
      }),
    );
    expect(overfill.code).toBe("BAD_REQUEST");
    expect(overfill.message).toMatch(/at most 21 a week/);
    const empty = await refusal(
      coach.planCalendar.copy({
        ...base(),
        sourceFrom: addDays(first, 14),
        sourceTo: addDays(first, 20),
        targetFrom: addDays(first, 21),
        seen: seen(full),
      }),
    );
    expect(empty.message).toBe("There is nothing planned on those dates to copy.");
    expect(await calendar()).toEqual(full);
    expect(before.weeks[5]!.sessions).toEqual([]);
  });

  describe("query count", () => {
    let counted: Connection;
    let statements = 0;
    beforeAll(() => {
      counted = connect(t.url, { max: 2, onQuery: () => statements++ });
    });
    afterAll(() => counted.close());

    it("is the same for 4 weeks and for 12", async () => {
      const caller = createCaller(contextFor(counted.db, a.users.coach));
      const countFor = async (count: number) => {
        await caller.planCalendar.weeks({ ...base(), from: first, count }); // warm up
        const before = statements;
        await caller.planCalendar.weeks({ ...base(), from: first, count });
        return statements - before;
      };
      expect(await countFor(12)).toBe(await countFor(4));
    });
  });
});
