import { describe, expect, it } from "vitest";
import { groupThreads, parseThreadKey, threadKey, type ThreadComment } from "./threads";

const comment = (over: Partial<ThreadComment> & { id: string; createdAt: string }): ThreadComment => ({
  athleteId: "a1",
  runId: null,
  weekStart: "2026-11-23",
  authorUserId: "coach",
  authorName: "Coach",
  body: "…",
  runDate: null,
  runKind: null,
  unread: false,
  ...over,
});

describe("threads", () => {
  it("keys a comment by its run before its week, and reads the key back", () => {
    expect(threadKey({ runId: "r1", weekStart: "2026-11-23" })).toBe("run:r1");
    expect(threadKey({ weekStart: "2026-11-23" })).toBe("week:2026-11-23");
    expect(() => threadKey({})).toThrow();
    expect(parseThreadKey("run:r1")).toEqual({ runId: "r1" });
    expect(parseThreadKey("week:2026-11-23")).toEqual({ weekStart: "2026-11-23" });
    expect(parseThreadKey("day:2026-11-23")).toBeNull();
  });

  it("groups comments oldest first, threads with unread first and then the most recently active", () => {
    const threads = groupThreads([
      comment({ id: "3", createdAt: "2026-11-25T10:00:00Z" }),
      comment({ id: "1", createdAt: "2026-11-23T10:00:00Z" }),
      comment({ id: "r1", runId: "run-1", runDate: "2026-11-24", createdAt: "2026-11-24T08:00:00Z", unread: true }),
      comment({ id: "o", athleteId: "a2", createdAt: "2026-11-26T08:00:00Z" }),
    ]);
    expect(threads.map((t) => [t.athleteId, t.key, t.unread])).toEqual([
      ["a1", "run:run-1", 1],
      ["a2", "week:2026-11-23", 0],
      ["a1", "week:2026-11-23", 0],
    ]);
    expect(threads[2]!.comments.map((c) => c.id)).toEqual(["1", "3"]);
    expect(threads[2]!.lastAt).toBe("2026-11-25T10:00:00.000Z");
    expect(threads[0]).toMatchObject({ runId: "run-1", weekStart: null, runDate: "2026-11-24" });
  });
});
