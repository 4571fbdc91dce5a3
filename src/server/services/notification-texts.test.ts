import { describe, expect, it } from "vitest";
import {
  commentText,
  excerpt,
  invitationAcceptedText,
  missedSessionText,
  rpePendingText,
  runWarningText,
  weekPlanText,
} from "./notification-texts";

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

describe("the other events' texts", () => {
  it("tells the athlete of their published or changed week", () => {
    const week = { orgSlug: "club", weekStart: "2026-11-30", coachName: "Cara Coach" };
    expect(weekPlanText({ ...week, changed: false, sessions: 5 })).toEqual({
      title: "Cara Coach published your plan for the week of Mon 30 Nov",
      body: "5 sessions planned. Have a look before your next run.",
      link: "/o/club/plan/2026-11-30",
    });
    expect(weekPlanText({ ...week, changed: true, sessions: 0 })).toMatchObject({
      title: "Cara Coach changed your plan for the week of Mon 30 Nov",
      body: "No session planned: a rest week.",
    });
  });

  it("gives the coach the athlete's name and the facts of a warning", () => {
    const text = runWarningText({
      orgSlug: "club",
      athleteName: "Ann Athlete",
      runId: "r1",
      runKind: "recovery",
      runDate: "2026-11-24",
      coachMessages: ["Ann Athlete: Recovery run on Tuesday at RPE 6 (target 1–3)."],
    });
    expect(text).toEqual({
      title: "Ann Athlete’s recovery run of Tue 24 Nov raised a warning",
      body: "Ann Athlete: Recovery run on Tuesday at RPE 6 (target 1–3).",
      link: "/o/club/runs/r1",
    });
    expect(
      runWarningText({
        orgSlug: "c",
        athleteName: "A",
        runId: "r",
        runKind: null,
        runDate: "2026-11-24",
        coachMessages: ["x", "y"],
      }).title,
    ).toBe("A’s run of Tue 24 Nov raised 2 warnings");
  });

  it("asks the athlete, and only them, for the effort of imported runs", () => {
    expect(rpePendingText({ orgSlug: "club", importerName: "Cara Coach", runs: 2 })).toEqual({
      title: "Cara Coach imported 2 runs for you",
      body: "Rate how hard they felt to add them to your week.",
      link: "/o/club",
    });
  });

  it("tells the inviter who joined, linking to the athlete they now coach", () => {
    expect(invitationAcceptedText({ orgSlug: "club", name: "Jo", role: "athlete", athleteId: "a9" })).toEqual({
      title: "Jo accepted your invitation",
      body: "Jo joined as an athlete you coach.",
      link: "/o/club/athletes/a9",
    });
    expect(invitationAcceptedText({ orgSlug: "club", name: "Kim", role: "coach", athleteId: null })).toMatchObject({
      body: "Kim joined as a coach.",
      link: "/o/club/members",
    });
  });

  it("words a missed session for each reader", () => {
    const missed = {
      orgSlug: "club",
      athleteId: "a1",
      athleteName: "Ann Athlete",
      kind: "tempo",
      date: "2026-11-24",
      weekStart: "2026-11-23",
    };
    expect(missedSessionText({ ...missed, reader: "athlete" })).toMatchObject({
      title: "No run logged for your tempo run planned on Tue 24 Nov",
      link: "/o/club/plan/2026-11-23",
    });
    expect(missedSessionText({ ...missed, reader: "coach" })).toEqual({
      title: "Ann Athlete has no run for the tempo run planned on Tue 24 Nov",
      body: "Nothing was logged that day.",
      link: "/o/club/athletes/a1/week/2026-11-23",
    });
  });
});
