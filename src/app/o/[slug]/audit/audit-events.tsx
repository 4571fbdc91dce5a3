/** The audit log's events, newest first, in the reader's time zone; an empty log says so. */
const ACTION_WORDS: Record<string, string> = {
  "invitation.created": "invited",
  "invitation.resent": "re-sent the invitation to",
  "invitation.revoked": "revoked the invitation to",
  "invitation.accepted": "accepted the invitation:",
  "member.role_changed": "changed the role of",
  "member.removed": "removed",
  "coach.assigned": "assigned a coach to",
  "coach.unassigned": "removed a coach from",
  "organisation.created": "created",
};

export interface AuditEvent {
  id: string;
  action: string;
  subject: string;
  details: unknown;
  createdAt: Date | string;
  actorName: string | null;
}

export function AuditEvents({ events, timeZone }: { events: readonly AuditEvent[]; timeZone: string }) {
  if (events.length === 0)
    return (
      <p className="mt-4 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
        Nothing to show yet: when someone is invited, changes a role or leaves the organisation, it is recorded here.
      </p>
    );
  return (
    <ol className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
      {events.map((e) => (
        <li key={e.id} className="px-4 py-3 text-sm">
          <time dateTime={new Date(e.createdAt).toISOString()} className="mr-3 text-slate-600">
            {new Date(e.createdAt).toLocaleString("en-GB", { timeZone })}
          </time>
          <span className="font-medium">{e.actorName ?? "Someone"}</span> {ACTION_WORDS[e.action] ?? e.action}{" "}
          {e.subject}
          {Object.keys(e.details as object).length > 0 && (
            <span className="text-slate-600">
              {" "}
              (
              {Object.entries(e.details as Record<string, unknown>)
                .map(([k, v]) => `${k}: ${String(v)}`)
                .join(", ")}
              )
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
