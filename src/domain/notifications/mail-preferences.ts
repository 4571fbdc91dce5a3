/**
 * What mail each kind of notification sends (issue 17): at once, in a daily summary, or none. Pure:
 * the settings page, the worker and the unsubscribe page share it.
 */
export const MAIL_MODES = ["immediately", "daily", "never"] as const;
export type MailMode = (typeof MAIL_MODES)[number];

/** Kinds of mail a member can choose for, in the order the settings page lists them. */
export const MAIL_KINDS = [
  "comment",
  "week_published",
  "week_changed",
  "run_warning",
  "session_missed",
  "rpe_pending",
  "invitation_accepted",
  "digest",
  "week_preview",
  "daily_summary",
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Scheduled mails are sent or not: "daily" means nothing for them. */
export const SCHEDULED_KINDS: readonly MailKind[] = ["digest", "week_preview", "daily_summary"];

export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  comment: "Comments and replies",
  week_published: "A week of training published",
  week_changed: "A published week changed",
  run_warning: "A run that raised a warning (coaches)",
  session_missed: "A missed session",
  rpe_pending: "Imported runs waiting for their effort",
  invitation_accepted: "Someone accepted your invitation",
  digest: "Monday digest of your athletes (coaches)",
  week_preview: "Sunday preview of next week's plan",
  daily_summary: "Daily summary of what you chose to get once a day",
};

/** Defaults: what needs a reply comes at once; the rest once a day, so mail stays worth opening. */
export const DEFAULT_MAIL_MODES: Record<MailKind, MailMode> = {
  comment: "immediately",
  week_published: "immediately",
  week_changed: "immediately",
  run_warning: "daily",
  session_missed: "daily",
  rpe_pending: "daily",
  invitation_accepted: "immediately",
  digest: "immediately",
  week_preview: "immediately",
  daily_summary: "immediately",
};

export const isMailKind = (kind: string): kind is MailKind => (MAIL_KINDS as readonly string[]).includes(kind);

/** A member's stored choices over the defaults; unknown kinds and values are ignored. */
export function mailModes(stored: Readonly<Record<string, unknown>> | null | undefined): Record<MailKind, MailMode> {
  const modes = { ...DEFAULT_MAIL_MODES };
  for (const kind of MAIL_KINDS) {
    const value = stored?.[kind];
    if (typeof value !== "string" || !(MAIL_MODES as readonly string[]).includes(value)) continue;
    modes[kind] = SCHEDULED_KINDS.includes(kind) && value === "daily" ? "immediately" : (value as MailMode);
  }
  return modes;
}
