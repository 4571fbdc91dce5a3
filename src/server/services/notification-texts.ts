import "server-only";
import { KIND_LABELS, type SessionKind } from "~/domain/rules";
import { formatDay } from "~/lib/format";

/**
 * The words of each inbox event, written for its reader when it happens (two readers: the athlete
 * reads "your run", their coaches read the athlete's name and the facts), with the link to the thing.
 * Pure: the emitters in notifications.ts decide who reads, these decide what they read.
 */

/** Who a text is for: the athlete the event is about, or one of their coaches (or an owner). */
export type Reader = "athlete" | "coach";

export interface NoticeText {
  title: string;
  body: string;
  link: string;
}

/** The longest excerpt of a comment an inbox line quotes. */
export const EXCERPT_LENGTH = 140;

export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

const kindWords = (kind: string | null) => (kind && kind in KIND_LABELS ? KIND_LABELS[kind as SessionKind] : "run");

/** "recovery run of Tue 24 Nov" / "week of Mon 23 Nov". */
function thing(about: CommentAbout): string {
  return about.weekStart === undefined
    ? `${kindWords(about.runKind)}${about.runDate ? ` of ${formatDay(about.runDate)}` : ""}`
    : `week of ${formatDay(about.weekStart)}`;
}

export type CommentAbout =
  | { runId: string; runKind: string | null; runDate: string | null; weekStart?: undefined }
  | { weekStart: string; runId?: undefined };

/** Where a thread is read: the run's page, or the week's conversation (the athlete's feedback page, the coach's week). */
export function threadLink(orgSlug: string, athleteId: string, about: CommentAbout, reader: Reader): string {
  const base = `/o/${orgSlug}`;
  if (about.weekStart === undefined) return `${base}/runs/${about.runId}#thread-run-${about.runId}`;
  return reader === "athlete"
    ? `${base}/feedback#thread-week-${about.weekStart}`
    : `${base}/athletes/${athleteId}/week/${about.weekStart}#thread-week-${about.weekStart}`;
}

/**
 * A new comment or a reply: "Coach Cara replied on your tempo run of Tue 24 Nov" for the athlete,
 * "Ann Athlete commented on their week of Mon 23 Nov" or "Cara replied on Ann's …" for a coach.
 */
export function commentText(input: {
  reader: Reader;
  orgSlug: string;
  athleteId: string;
  athleteName: string;
  authorName: string;
  authorIsAthlete: boolean;
  reply: boolean;
  about: CommentAbout;
  comment: string;
}): NoticeText {
  const verb = input.reply ? "replied" : "commented";
  const what =
    input.reader === "athlete"
      ? `your ${thing(input.about)}`
      : input.authorIsAthlete
        ? `their ${thing(input.about)}`
        : `${input.athleteName}’s ${thing(input.about)}`;
  return {
    title: `${input.authorName} ${verb} on ${what}`,
    body: excerpt(input.comment),
    link: threadLink(input.orgSlug, input.athleteId, input.about, input.reader),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The athlete's week, published or changed after publishing, by their coach. */
export function weekPlanText(input: {
  orgSlug: string;
  weekStart: string;
  coachName: string;
  changed: boolean;
  sessions: number;
}): NoticeText {
  const week = `the week of ${formatDay(input.weekStart)}`;
  return {
    title: input.changed
      ? `${input.coachName} changed your plan for ${week}`
      : `${input.coachName} published your plan for ${week}`,
    body:
      input.sessions === 0
        ? "No session planned: a rest week."
        : `${plural(input.sessions, "session")} planned. Have a look before your next run.`,
    link: `/o/${input.orgSlug}/plan/${input.weekStart}`,
  };
}

/** For a coach: the athlete's name, the run, and the engine's facts for the coach (its third-person words). */
export function runWarningText(input: {
  orgSlug: string;
  athleteName: string;
  runId: string;
  runKind: string | null;
  runDate: string;
  coachMessages: readonly string[];
}): NoticeText {
  const n = input.coachMessages.length;
  return {
    title: `${input.athleteName}’s ${kindWords(input.runKind)} of ${formatDay(input.runDate)} raised ${n === 1 ? "a warning" : `${n} warnings`}`,
    body: input.coachMessages.join(" "),
    link: `/o/${input.orgSlug}/runs/${input.runId}`,
  };
}

/** For the athlete: runs someone else imported for them wait for how hard they felt (only they can say). */
export function rpePendingText(input: { orgSlug: string; importerName: string; runs: number }): NoticeText {
  return {
    title: `${input.importerName} imported ${plural(input.runs, "run")} for you`,
    body: `Rate how hard ${input.runs === 1 ? "it" : "they"} felt to add ${input.runs === 1 ? "it" : "them"} to your week.`,
    link: `/o/${input.orgSlug}`,
  };
}

/** For whoever sent the invitation. */
export function invitationAcceptedText(input: {
  orgSlug: string;
  name: string;
  role: "owner" | "coach" | "athlete";
  athleteId: string | null;
}): NoticeText {
  return {
    title: `${input.name} accepted your invitation`,
    body:
      input.role === "athlete"
        ? `${input.name} joined as an athlete${input.athleteId ? " you coach" : ""}.`
        : `${input.name} joined as ${input.role === "owner" ? "an owner" : "a coach"}.`,
    link: input.athleteId ? `/o/${input.orgSlug}/athletes/${input.athleteId}` : `/o/${input.orgSlug}/members`,
  };
}

/**
 * A planned session whose day ended without a run. The athlete is not scolded for a day that is over:
 * they are told how to record it if they did run; the coach gets the fact, to adjust the plan.
 */
export function missedSessionText(input: {
  reader: Reader;
  orgSlug: string;
  athleteId: string;
  athleteName: string;
  kind: string;
  date: string;
  weekStart: string;
}): NoticeText {
  const session = `${kindWords(input.kind)} planned on ${formatDay(input.date)}`;
  return input.reader === "athlete"
    ? {
        title: `No run logged for your ${session}`,
        body: "If you ran it, log it and it counts for your week. If not, your coach can see it and adapt your plan.",
        link: `/o/${input.orgSlug}/plan/${input.weekStart}`,
      }
    : {
        title: `${input.athleteName} has no run for the ${session}`,
        body: "Nothing was logged that day.",
        link: `/o/${input.orgSlug}/athletes/${input.athleteId}/week/${input.weekStart}`,
      };
}
