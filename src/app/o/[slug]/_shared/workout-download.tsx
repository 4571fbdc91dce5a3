/**
 * The FIT workout of a structured planned session, for a watch (a plain link: the route answers
 * with the file as an attachment). Athletes read "your watch"; a coach's compact link names the
 * athlete for screen readers.
 */
export function WorkoutDownloadLink({
  orgSlug,
  sessionId,
  athleteName,
}: {
  orgSlug: string;
  sessionId: string;
  /** For a coach's view; omitted on the athlete's own pages. */
  athleteName?: string;
}) {
  const href = `/o/${orgSlug}/sessions/${sessionId}/workout.fit`;
  if (athleteName) {
    return (
      <a href={href} download className="inline-flex min-h-6 items-center text-blue-700 underline underline-offset-2">
        .FIT<span className="sr-only"> workout for {athleteName}&apos;s watch</span>
      </a>
    );
  }
  return (
    <a href={href} download className="inline-flex min-h-11 items-center text-blue-700 underline underline-offset-2">
      Download for your watch (.FIT)
    </a>
  );
}
