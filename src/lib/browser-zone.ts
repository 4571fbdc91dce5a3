/** The IANA time zone the browser runs in ("Europe/Paris"), or undefined where it cannot tell. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** The zones a profile can choose: every zone the runtime knows, UTC first (new accounts start in it). */
export function selectableTimeZones(current: string): string[] {
  const zones = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
  return zones.includes(current) ? zones : [current, ...zones];
}
