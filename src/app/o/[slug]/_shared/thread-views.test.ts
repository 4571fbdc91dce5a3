import { describe, expect, it } from "vitest";
import { commentWhen, threadAnchor, threadTitle, threadViews } from "./thread-views";

const runThread = {
  key: "run:r1",
  athleteId: "a1",
  runId: "r1",
  weekStart: null,
  runDate: "2026-11-24",
  runKind: "recovery",
  unread: 1,
  lastAt: "2026-11-24T19:30:00.000Z",
  comments: [
    {
      id: "c1",
      athleteId: "a1",
      runId: "r1",
      weekStart: null,
      authorUserId: "coach",
      authorName: "Ben Laurent",
      body: "Easy means easy.",
      createdAt: new Date("2026-11-24T19:30:00Z"),
      runDate: "2026-11-24",
      runKind: "recovery" as const,
      unread: false,
    },
    {
      id: "c2",
      athleteId: "a1",
      runId: "r1",
      weekStart: null,
      authorUserId: "gone",
      authorName: null,
      body: "Agreed.",
      createdAt: new Date("2026-11-24T20:00:00Z"),
      runDate: "2026-11-24",
      runKind: "recovery" as const,
      unread: true,
    },
  ],
};

describe("thread views", () => {
  it("names a thread for the athlete in the second person and for a coach by what it is about", () => {
    expect(threadTitle(runThread, { kind: "athlete" })).toBe("Your recovery run of Tue 24 Nov");
    expect(threadTitle(runThread, { kind: "coach" })).toBe("Recovery run of Tue 24 Nov");
    const week = { runId: null, runKind: null, runDate: null, weekStart: "2026-11-23" };
    expect(threadTitle(week, { kind: "athlete" })).toBe("Your week of Mon 23 Nov");
    expect(threadTitle(week, { kind: "coach" })).toBe("Week of Mon 23 Nov");
    expect(threadAnchor(week)).toBe("thread-week-2026-11-23");
  });

  it("writes times in the reader's zone and names the reader's own comments 'You'", () => {
    // 19:30 UTC is already the next day in Auckland.
    expect(commentWhen("2026-11-24T19:30:00Z", "Pacific/Auckland")).toBe("Wed 25 Nov, 08:30");
    const [view] = threadViews([runThread], {
      viewerId: "coach",
      timeZone: "America/Los_Angeles",
      reader: { kind: "coach" },
    });
    expect(view).toMatchObject({ anchor: "thread-run-r1", about: { runId: "r1" }, unread: 1 });
    expect(view!.comments.map((c) => [c.who, c.mine, c.when, c.unread])).toEqual([
      ["You", true, "Tue 24 Nov, 11:30", false],
      ["A former member", false, "Tue 24 Nov, 12:00", true],
    ]);
  });
});
