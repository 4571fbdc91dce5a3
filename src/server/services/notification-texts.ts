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
