import "server-only";
import { addDays } from "~/domain/rules";
import { renderMail, type MailContent, type MailItem, type RenderedMail } from "~/domain/notifications/mail-content";
import { MAIL_KIND_LABELS, isMailKind, mailModes, type MailKind } from "~/domain/notifications/mail-preferences";
import { URGENCY_LABELS } from "~/domain/training/roster-line";
import { now } from "~/lib/clock";
import { formatDay, formatDistance, formatInstant, formatMinutes, KIND_NAMES } from "~/lib/format";
import { zonedParts } from "~/lib/zoned-time";
import { unreadThreads } from "~/server/data/comments";
import {
  allMembers,
  claimDelivery,
  findMailActor,
  findNotifications,
  findOrganisationForMail,
  findRecipient,
  notificationsSince,
  recordDeliveryOutcome,
  unsubscribeToken,
} from "~/server/data/mail";
import { plannedBetween } from "~/server/data/weeks";
import type { Database, Tx } from "~/server/db/connection";
import { withTenant } from "~/server/db/tenant";
import { appUrl } from "~/server/env";
import { sendMail } from "~/server/mail/send-mail";
import { rosterFor } from "./roster";

/**
 * The job queue's mail work (ADR 017). Every function runs in the worker with the owner's login and
 * acts inside one organisation as one member (withTenant: the app role, that member's context), so
 * row-level security binds it like a request of that member. Each mail goes through `deliverOnce`,
 * which names it by an idempotency key (a row of mail_deliveries): sent once however often its job
 * runs, its attempts and last error recorded; a failed send throws so the queue retries with back-off.
 */

type Recipient = NonNullable<Awaited<ReturnType<typeof findRecipient>>>;

export interface NotificationMailJob {
  orgId: string;
  notifications: { id: string; recipientUserId: string }[];
}

export interface MemberJob {
  orgId: string;
  userId: string;
}

const firstName = (name: string) => name.trim().split(/\s+/)[0] || name;

async function deliverOnce(
  db: Database,
  job: MemberJob & { kind: MailKind; key: string },
  build: (tx: Tx, recipient: Recipient, links: Links) => Promise<RenderedMail | null>,
): Promise<"accepted" | "skipped" | "done before" | "not wanted"> {
  // The link token is made with the owner's login (the app's role cannot make one), outside the member's context.
  const token = await unsubscribeToken(db, job.userId, job.kind);
  const links: Links = {
    unsubscribeUrl: `${appUrl()}/api/unsubscribe/${token}`,
    oneClickUrl: `${appUrl()}/api/unsubscribe/${token}`,
    settingsUrl: `${appUrl()}/settings#mail`,
  };
  let failure: unknown = null;
  const outcome = await withTenant(db, { orgId: job.orgId, userId: job.userId }, async (tx) => {
    const recipient = await findRecipient(tx, job.userId);
    if (!recipient || mailModes(recipient.mailPreferences)[job.kind] === "never") return "not wanted" as const;
    const delivery = await claimDelivery(tx, job.orgId, {
      recipientUserId: job.userId,
      kind: job.kind,
      key: job.key,
      subject: "",
    });
    if (delivery.status === "accepted" || delivery.status === "skipped") return "done before" as const;
    const mail = await build(tx, recipient, links);
    if (!mail) {
      await recordDeliveryOutcome(tx, job.orgId, delivery.id, { status: "skipped", attempts: delivery.attempts });
      return "skipped" as const;
    }
    const attempts = delivery.attempts + 1;
    try {
      await sendMail(tx, job.orgId, {
        to: recipient.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: {
          "List-Unsubscribe": `<${links.oneClickUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
      });
    } catch (error) {
      failure = error;
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await recordDeliveryOutcome(tx, job.orgId, delivery.id, {
        status: "failed",
        attempts,
        lastError,
        subject: mail.subject,
      });
      return "skipped" as const;
    }
    await recordDeliveryOutcome(tx, job.orgId, delivery.id, {
      status: "accepted",
      attempts,
      acceptedAt: now(),
      subject: mail.subject,
    });
    return "accepted" as const;
  });
  // Thrown after the failed attempt is committed, so the queue retries and the attempt is on record.
  if (failure) throw failure;
  return outcome;
}

interface Links {
  unsubscribeUrl: string;
  oneClickUrl: string;
  settingsUrl: string;
}

const content = (
  recipient: Recipient,
  links: Links,
  kind: MailKind,
  rest: Pick<MailContent, "subject" | "intro" | "sections" | "action">,
): RenderedMail =>
  renderMail({
    greeting: firstName(recipient.name),
    kind,
    unsubscribeUrl: links.unsubscribeUrl,
    settingsUrl: links.settingsUrl,
    ...rest,
  });

/** Mail for fresh notifications whose kind the recipient wants immediately. */
export async function mailNotifications(db: Database, job: NotificationMailJob): Promise<void> {
  for (const { id, recipientUserId } of job.notifications) await deliverWanted(db, job.orgId, recipientUserId, id);
}

async function deliverWanted(db: Database, orgId: string, userId: string, notificationId: string) {
  const probe = await withTenant(db, { orgId, userId }, async (tx) => {
    const [notification] = await findNotifications(tx, orgId, [notificationId]);
    const recipient = await findRecipient(tx, userId);
    return notification && recipient ? { notification, modes: mailModes(recipient.mailPreferences) } : null;
  });
  if (!probe || !isMailKind(probe.notification.kind)) return "not wanted";
  const kind = probe.notification.kind as MailKind;
  // "daily": the daily summary picks it up; "never": nothing.
  if (probe.modes[kind] !== "immediately") return "not wanted";
  return deliverOnce(
    db,
    { orgId, userId, kind, key: `notification:${notificationId}` },
    async (_tx, recipient, links) => {
      const n = probe.notification;
      return content(recipient, links, kind, {
        subject: n.title,
        intro: n.body ? `${n.title}\n\n${n.body}` : n.title,
        sections: [{ heading: "When", items: [{ text: formatInstant(n.createdAt, recipient.timeZone) }] }],
        action: { label: "Open in Runbalance", url: `${appUrl()}${n.link}` },
      });
    },
  );
}

/** The recipient's daily summary of notifications of the kinds they chose "daily" for. */
export async function mailDailySummary(db: Database, job: MemberJob & { date: string }): Promise<void> {
  await deliverOnce(
    db,
    { ...job, kind: "daily_summary", key: `daily:${job.userId}:${job.date}` },
    async (tx, recipient, links) => {
      const modes = mailModes(recipient.mailPreferences);
      const since = new Date(now().getTime() - 24 * 3600_000);
      const items = (await notificationsSince(tx, job.orgId, job.userId, since)).filter(
        (n) => isMailKind(n.kind) && modes[n.kind as MailKind] === "daily" && n.readAt === null,
      );
      if (items.length === 0) return null;
      const byKind = new Map<MailKind, MailItem[]>();
      for (const n of items) {
        const list = byKind.get(n.kind as MailKind) ?? [];
        list.push({
          text: `${n.title} (${formatInstant(n.createdAt, recipient.timeZone)})`,
          url: `${appUrl()}${n.link}`,
        });
        byKind.set(n.kind as MailKind, list);
      }
      return content(recipient, links, "daily_summary", {
        subject: `Your day in Runbalance: ${items.length} update${items.length === 1 ? "" : "s"}`,
        intro: "What happened in the last 24 hours, in one mail as you asked.",
        sections: [...byKind].map(([kind, list]) => ({ heading: MAIL_KIND_LABELS[kind], items: list })),
      });
    },
  );
}

/** The coach's Monday digest of the week starting `weekStart`: sent once per coach and week. */
export async function mailCoachDigest(db: Database, job: MemberJob & { weekStart: string }): Promise<void> {
  await deliverOnce(
    db,
    { ...job, kind: "digest", key: `digest:${job.userId}:${job.weekStart}` },
    async (tx, recipient, links) => {
      const org = await findOrganisationForMail(tx, job.orgId);
      const actor = await findMailActor(tx, job.orgId, job.userId);
      if (!org || !actor || actor.role === "athlete") return null;
      const rows = await rosterFor(tx, org, actor, now());
      if (rows.length === 0) return null;
      const athleteUrl = (id: string) => `${appUrl()}/o/${org.slug}/athletes/${id}`;
      const attention = rows
        .filter((r) => r.urgency === "urgent" || r.urgency === "attention" || r.urgency === "watch")
        .map((r) => ({
          text: `${r.displayName}: ${URGENCY_LABELS[r.urgency]}${r.tags.length ? ` (${r.tags.join(", ")})` : ""}`,
          url: athleteUrl(r.athleteId),
        }));
      const noPlan = rows
        .filter((r) => r.nextWeek !== "published")
        .map((r) => ({
          text: `${r.displayName}: ${r.nextWeek === "draft" ? "a draft, not published yet" : "nothing planned"}`,
          url: athleteUrl(r.athleteId),
        }));
      const unread = await unreadThreads(tx, job.orgId, actor);
      const unreadByAthlete = new Map<string, { name: string; count: number; athleteId: string }>();
      for (const t of unread) {
        const seen = unreadByAthlete.get(t.athleteId) ?? { name: t.athleteName, count: 0, athleteId: t.athleteId };
        seen.count += t.count;
        unreadByAthlete.set(t.athleteId, seen);
      }
      const sections = [
        {
          heading: "Who needs attention",
          items: attention.length ? attention : [{ text: "Nobody: every athlete is on track." }],
        },
        { heading: "No plan for the coming week", items: noPlan.length ? noPlan : [{ text: "Everyone has a plan." }] },
        {
          heading: "Unread comments",
          items: unreadByAthlete.size
            ? [...unreadByAthlete.values()].map((u) => ({
                text: `${u.name}: ${u.count} unread`,
                url: athleteUrl(u.athleteId),
              }))
            : [{ text: "None." }],
        },
      ];
      return content(recipient, links, "digest", {
        subject: `Your week ahead in ${org.name}: ${attention.length} need attention, ${noPlan.length} without a plan`,
        intro: `Your athletes as of ${formatInstant(now(), recipient.timeZone)}.`,
        sections,
        action: { label: "Open the roster", url: `${appUrl()}/o/${org.slug}` },
      });
    },
  );
}

/** An athlete's preview of their published plan for the week starting `weekStart`. */
export async function mailWeekPreview(db: Database, job: MemberJob & { weekStart: string }): Promise<void> {
  await deliverOnce(
    db,
    { ...job, kind: "week_preview", key: `preview:${job.userId}:${job.weekStart}` },
    async (tx, recipient, links) => {
      const org = await findOrganisationForMail(tx, job.orgId);
      const actor = await findMailActor(tx, job.orgId, job.userId);
      if (!org || !actor?.athleteId) return null;
      const planned = await plannedBetween(
        tx,
        job.orgId,
        [actor.athleteId],
        job.weekStart,
        addDays(job.weekStart, 6),
        true,
      );
      const sessions = planned.get(actor.athleteId) ?? [];
      if (sessions.length === 0) return null;
      const items = sessions.map((s) => {
        const parts = [KIND_NAMES[s.kind]];
        if (s.distanceM) parts.push(formatDistance(s.distanceM, recipient.units));
        if (s.durationMin) parts.push(formatMinutes(s.durationMin));
        return { text: `${formatDay(s.date)}: ${parts.join(", ")}${s.description ? ` (${s.description})` : ""}` };
      });
      return content(recipient, links, "week_preview", {
        subject: `Your plan for the week of ${formatDay(job.weekStart)}`,
        intro: `${sessions.length} session${sessions.length === 1 ? "" : "s"} planned for you next week.`,
        sections: [{ heading: "Your week", items }],
        action: { label: "See your plan", url: `${appUrl()}/o/${org.slug}/plan/${job.weekStart}` },
      });
    },
  );
}

export type ScheduledJob =
  | { task: "coach-digest"; payload: MemberJob & { weekStart: string }; key: string }
  | { task: "week-preview"; payload: MemberJob & { weekStart: string }; key: string }
  | { task: "daily-summary"; payload: MemberJob & { date: string }; key: string }
  | { task: "missed-sessions"; payload: { orgId: string }; key: string };

/** 0 = Sunday … 6 = Saturday, like users.week_start_day. */
const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/**
 * What the hourly tick schedules, by each member's own clock (the app's `now()`): the coach's digest
 * from 07:00 on Monday, the athlete's preview from 18:00 on the last day of their week, the daily
 * summary at 07:00, and each organisation's missed-sessions sweep. Every job carries a key that names
 * its mail (per member and week or day), so a tick firing twice, or on two workers, sends nothing twice.
 */
export async function scheduledJobs(db: Database): Promise<ScheduledJob[]> {
  const at = now();
  const jobs: ScheduledJob[] = [];
  const orgs = new Set<string>();
  for (const m of await allMembers(db)) {
    orgs.add(m.orgId);
    const { date, time } = zonedParts(at, m.timeZone);
    const hour = Number(time.slice(0, 2));
    const base = { orgId: m.orgId, userId: m.userId };
    if (m.role !== "athlete" && weekdayOf(date) === 1 && hour >= 7) {
      jobs.push({
        task: "coach-digest",
        payload: { ...base, weekStart: date },
        key: `digest:${m.orgId}:${m.userId}:${date}`,
      });
    }
    const tomorrow = addDays(date, 1);
    if (m.role === "athlete" && weekdayOf(tomorrow) === m.weekStartDay && hour >= 18) {
      jobs.push({
        task: "week-preview",
        payload: { ...base, weekStart: tomorrow },
        key: `preview:${m.orgId}:${m.userId}:${tomorrow}`,
      });
    }
    if (hour === 7) {
      jobs.push({ task: "daily-summary", payload: { ...base, date }, key: `daily:${m.orgId}:${m.userId}:${date}` });
    }
  }
  const hourKey = at.toISOString().slice(0, 13);
  for (const orgId of orgs)
    jobs.push({ task: "missed-sessions", payload: { orgId }, key: `missed:${orgId}:${hourKey}` });
  return jobs;
}
