import "server-only";
import type { Flag } from "~/domain/rules";
import { flagsForReader } from "~/domain/training/reader-flags";
import type { AthleteContext } from "~/server/data/athletes";
import { earlierThreadAuthors } from "~/server/data/comments";
import type { NewNotification } from "~/server/data/notifications";
import { findMember } from "~/server/data/organisations";
import { missedSessions } from "~/server/data/weeks";
import type { Tx } from "~/server/db/connection";
import {
  commentText,
  invitationAcceptedText,
  missedSessionText,
  rpePendingText,
  runWarningText,
  weekPlanText,
  type CommentAbout,
  type Reader,
} from "./notification-texts";
import { notify } from "./notify";

/**
 * Who hears of what (issue 17): each function is called in the transaction of the change, decides
 * the recipients and has their texts written for them, then records through `notify`. Nobody is
 * told of their own action.
 */

export interface OrgRef {
  id: string;
  slug: string;
}

/** The athlete and, for each coach, a coach's text; minus the actor. One event per recipient. */
function forReaders(
  recipients: ReadonlyArray<{ userId: string; reader: Reader }>,
  actorUserId: string | null,
  event: (reader: Reader) => Omit<NewNotification, "recipientUserId">,
): NewNotification[] {
  const seen = new Set<string>(actorUserId ? [actorUserId] : []);
  const events: NewNotification[] = [];
  for (const { userId, reader } of recipients) {
    if (seen.has(userId)) continue;
    seen.add(userId);
    events.push({ recipientUserId: userId, ...event(reader) });
  }
  return events;
}

/** The athlete themself, then every coach assigned to them. */
function athleteAndCoaches(athlete: Pick<AthleteContext, "userId" | "coachUserIds">) {
  return [
    { userId: athlete.userId, reader: "athlete" as const },
    ...athlete.coachUserIds.map((userId) => ({ userId, reader: "coach" as const })),
  ];
}

/**
 * A new comment or reply on an athlete's run or week: to the athlete, every coach assigned to them,
 * and owners who have written in that thread (an owner is not told of every conversation in the
 * club, only of those they joined, as their unread badge counts them).
 */
export async function notifyComment(
  tx: Tx,
  org: OrgRef,
  input: {
    athlete: Pick<AthleteContext, "athleteId" | "userId" | "displayName" | "coachUserIds">;
    author: { userId: string; name: string };
    comment: { id: string; body: string };
    about: CommentAbout;
  },
): Promise<void> {
  const { athlete, author, about } = input;
  const earlier = await earlierThreadAuthors(tx, org.id, {
    athleteId: athlete.athleteId,
    runId: about.runId ?? null,
    weekStart: about.weekStart ?? null,
    exceptCommentId: input.comment.id,
  });
  const owners = earlier.filter((a) => a.role === "owner").map((a) => ({ userId: a.userId, reader: "coach" as const }));
  const authorIsAthlete = author.userId === athlete.userId;
  const events = forReaders([...athleteAndCoaches(athlete), ...owners], author.userId, (reader) => ({
    kind: "comment",
    athleteId: athlete.athleteId,
    actorUserId: author.userId,
    ...commentText({
      reader,
      orgSlug: org.slug,
      athleteId: athlete.athleteId,
      athleteName: athlete.displayName,
      authorName: authorIsAthlete ? athlete.displayName : author.name,
      authorIsAthlete,
      reply: earlier.length > 0,
      about,
      comment: input.comment.body,
    }),
  }));
  await notify(tx, org.id, events);
}

/** A coach published the athlete's week, or changed one already published: the athlete hears of it. */
export async function notifyWeekPlan(
  tx: Tx,
  org: OrgRef,
  input: {
    athlete: Pick<AthleteContext, "athleteId" | "userId">;
    coach: { userId: string; name: string };
    weekStart: string;
    changed: boolean;
    sessions: number;
  },
): Promise<void> {
  const text = weekPlanText({
    orgSlug: org.slug,
    weekStart: input.weekStart,
    coachName: input.coach.name,
    changed: input.changed,
    sessions: input.sessions,
  });
  await notify(
    tx,
    org.id,
    forReaders([{ userId: input.athlete.userId, reader: "athlete" }], input.coach.userId, () => ({
      kind: input.changed ? "week_changed" : "week_published",
      athleteId: input.athlete.athleteId,
      actorUserId: input.coach.userId,
      ...text,
    })),
  );
}

/**
 * A saved run raised warnings meant for the coach (`flagsForReader(…, "coach")` of severity warning,
 * about this run): every coach of the athlete hears of it, once per run (a later edit that still
 * warns does not repeat it), except whoever saved it, who just read the same feedback.
 */
export async function notifyRunWarnings(tx: Tx, org: OrgRef, input: RunWarningsInput): Promise<void> {
  await notify(tx, org.id, runWarningEvents(org, input));
}

export interface RunWarningsInput {
  athlete: Pick<AthleteContext, "athleteId" | "displayName" | "coachUserIds">;
  actorUserId: string;
  run: { id: string; kind: string | null; localDate: string };
  flags: readonly Flag[];
}

/** notifyRunWarnings' events, for the run log, which records them in the statement saving the run. */
export function runWarningEvents(org: OrgRef, input: RunWarningsInput): NewNotification[] {
  const warnings = flagsForReader(input.flags, "coach").filter(
    (f) => f.severity === "warning" && f.runId === input.run.id,
  );
  if (warnings.length === 0) return [];
  const text = runWarningText({
    orgSlug: org.slug,
    athleteName: input.athlete.displayName,
    runId: input.run.id,
    runKind: input.run.kind,
    runDate: input.run.localDate,
    coachMessages: warnings.map((f) => `${input.athlete.displayName}: ${f.coachMessage}`),
  });
  const coaches = input.athlete.coachUserIds.map((userId) => ({ userId, reader: "coach" as const }));
  return forReaders(coaches, input.actorUserId, () => ({
    kind: "run_warning",
    athleteId: input.athlete.athleteId,
    actorUserId: input.actorUserId,
    dedupeKey: `warning:${input.run.id}`,
    ...text,
  }));
}

/** Runs someone else imported for the athlete wait for the athlete's RPE. */
export async function notifyRpePending(
  tx: Tx,
  org: OrgRef,
  input: {
    athlete: Pick<AthleteContext, "athleteId" | "userId">;
    importerUserId: string;
    runs: number;
  },
): Promise<void> {
  if (input.runs === 0 || input.importerUserId === input.athlete.userId) return;
  const importer = await findMember(tx, org.id, input.importerUserId);
  const text = rpePendingText({ orgSlug: org.slug, importerName: importer?.name ?? "Your coach", runs: input.runs });
  await notify(
    tx,
    org.id,
    forReaders([{ userId: input.athlete.userId, reader: "athlete" }], input.importerUserId, () => ({
      kind: "rpe_pending",
      athleteId: input.athlete.athleteId,
      actorUserId: input.importerUserId,
      ...text,
    })),
  );
}

/** Someone joined through an invitation: whoever sent it hears of it, if they are still a member. */
export async function notifyInvitationAccepted(
  tx: Tx,
  org: OrgRef,
  input: {
    inviterUserId: string;
    joined: { userId: string; name: string; role: "owner" | "coach" | "athlete"; athleteId: string | null };
    /** Whether the inviter now coaches the new athlete (their page is then the link). */
    coachesThem: boolean;
  },
): Promise<void> {
  const inviter = await findMember(tx, org.id, input.inviterUserId);
  if (!inviter) return;
  const text = invitationAcceptedText({
    orgSlug: org.slug,
    name: input.joined.name,
    role: input.joined.role,
    athleteId: input.coachesThem ? input.joined.athleteId : null,
  });
  await notify(
    tx,
    org.id,
    forReaders([{ userId: inviter.userId, reader: "coach" }], input.joined.userId, () => ({
      kind: "invitation_accepted",
      athleteId: input.joined.athleteId,
      actorUserId: input.joined.userId,
      ...text,
    })),
  );
}

/**
 * Records one notification per missed session per recipient (the athlete and each of their coaches):
 * planned sessions of published weeks whose day ended, in the athlete's time zone, without a run.
 * Idempotent: each carries `missed:<sessionId>`, so a scheduler firing twice records it once.
 * The job queue runs it hourly for each organisation (`missed-sessions` in src/server/jobs/runner.ts).
 */
export async function recordMissedSessions(tx: Tx, options: { now: Date; orgId: string }): Promise<number> {
  const missed = await missedSessions(tx, options);
  const byOrg = new Map<string, { org: OrgRef; events: NewNotification[] }>();
  for (const m of missed) {
    const entry = byOrg.get(m.orgId) ?? { org: { id: m.orgId, slug: m.orgSlug }, events: [] };
    byOrg.set(m.orgId, entry);
    const athlete = { userId: m.athleteUserId, coachUserIds: m.coachUserIds };
    entry.events.push(
      ...forReaders(athleteAndCoaches(athlete), null, (reader) => ({
        kind: "session_missed",
        athleteId: m.athleteId,
        dedupeKey: `missed:${m.sessionId}`,
        ...missedSessionText({
          reader,
          orgSlug: m.orgSlug,
          athleteId: m.athleteId,
          athleteName: m.athleteName,
          kind: m.kind,
          date: m.date,
          weekStart: m.weekStart,
        }),
      })),
    );
  }
  for (const { org, events } of byOrg.values()) await notify(tx, org.id, events);
  return missed.length;
}
