/**
 * Sport names differ between formats (FIT "running", TCX "Running"/"Biking", GPX free text such as
 * "run" or Strava's numeric codes). Everything is mapped onto FIT's lower-case names so the rest of
 * the app sees one vocabulary.
 */
const SPORT_ALIASES: Record<string, string> = {
  run: "running",
  running: "running",
  trail_run: "running",
  trailrun: "running",
  trail_running: "running",
  trailrunning: "running",
  treadmill: "running",
  treadmill_running: "running",
  street_running: "running",
  track_running: "running",
  virtual_run: "running",
  virtualrun: "running",
  biking: "cycling",
  bike: "cycling",
  ride: "cycling",
  cycling: "cycling",
  swim: "swimming",
  swimming: "swimming",
  walk: "walking",
  walking: "walking",
  hike: "hiking",
  hiking: "hiking",
  other: "other",
};

/** Sub-sports that mean "no GPS, not outside": their distance comes from a foot pod or belt. */
const INDOOR_SUB_SPORTS = new Set(["treadmill", "indoorrunning", "indoor_running", "virtualactivity"]);

export function normalizeSport(raw: unknown): string {
  if (raw === null || raw === undefined) return "generic";
  const key = String(raw)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (key === "") return "generic";
  return SPORT_ALIASES[key] ?? key;
}

/** FIT sub-sport as given ("treadmill", "trail"…); "generic" and absent carry no information. */
export function normalizeSubSport(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const value = String(raw).trim();
  return value === "" || value === "generic" ? null : value;
}

export function isRunning(sport: string): boolean {
  return sport === "running";
}

export function isIndoorSubSport(subSport: string | null): boolean {
  return subSport !== null && INDOOR_SUB_SPORTS.has(subSport.toLowerCase());
}

/** Why a part of a file is not imported, phrased for the user. */
export function skipReason(sport: string): string {
  if (sport === "transition") return "transition between sports in a multisport activity, not a run";
  if (sport === "generic") return "the device recorded no sport for this part, so it is not counted as a run";
  return `${sport} is not running; only runs are imported`;
}
