/** Only same-site paths may be returned to after sign-in: never another origin (open redirect). */
export function safeReturnPath(candidate: string | undefined | null, fallback = "/dashboard"): string {
  if (!candidate || !candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) {
    return fallback;
  }
  return candidate;
}
