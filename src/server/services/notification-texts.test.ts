import { describe, expect, it } from "vitest";
import { commentText, excerpt } from "./notification-texts";

const RUN = { runId: "r1", runKind: "tempo", runDate: "2026-11-24" } as const;
const base = {
  orgSlug: "club",
  athleteId: "a1",
  athleteName: "Ann Athlete",
  reply: false,
  comment: "Nice work.",
};

describe("comment texts, for their two readers", () => {
  it("tells the athlete about their own run, by the coach's name", () => {
    expect(
      commentText({ ...base, reader: "athlete", authorName: "Cara Coach", authorIsAthlete: false, about: RUN }),
    ).toEqual({
      title: "Cara Coach commented on your tempo run of Tue 24 Nov",
      body: "Nice work.",
      link: "/o/club/runs/r1#thread-run-r1",
    });
  });

  it("tells a coach whose run or week it is", () => {
    const week = { weekStart: "2026-11-23" } as const;
    expect(
      commentText({
        ...base,
        reader: "coach",
        authorName: "Ann Athlete",
        authorIsAthlete: true,
        reply: true,
        about: week,
      }),
    ).toMatchObject({
      title: "Ann Athlete replied on their week of Mon 23 Nov",
      link: "/o/club/athletes/a1/week/2026-11-23#thread-week-2026-11-23",
    });
    expect(
      commentText({ ...base, reader: "coach", authorName: "Olga Owner", authorIsAthlete: false, about: RUN }).title,
    ).toBe("Olga Owner commented on Ann Athlete’s tempo run of Tue 24 Nov");
    // The athlete reads a week's conversation on their feedback page.
    expect(
      commentText({ ...base, reader: "athlete", authorName: "Cara", authorIsAthlete: false, about: week }).link,
    ).toBe("/o/club/feedback#thread-week-2026-11-23");
  });

  it("quotes a comment on one line, cut with an ellipsis", () => {
    expect(excerpt("Two\n\nlines  here")).toBe("Two lines here");
    const long = excerpt("word ".repeat(100));
    expect(long.length).toBeLessThanOrEqual(140);
    expect(long.endsWith("…")).toBe(true);
  });
});
