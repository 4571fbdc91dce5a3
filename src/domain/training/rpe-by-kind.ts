/** How hard each kind of session felt: the RPE an athlete gave, kind by kind, against its intended effort. */
import {
  categoryOf,
  effortCategoryOf,
  SESSION_KINDS,
  type Category,
  type EffortBands,
  type SessionKind,
} from "~/domain/rules";

export interface KindEffort {
  kind: SessionKind;
  /** The effort the kind is meant to be run at. */
  intended: Category;
  runs: number;
  meanRpe: number | null;
  minRpe: number | null;
  maxRpe: number | null;
  /** How many runs were rated at each RPE, index 0 = RPE 1. */
  byRpe: number[];
  /** Share of runs whose RPE falls in the intended effort band; null without runs. */
  onTarget: number | null;
}

export function rpeByKind(runs: ReadonlyArray<{ kind: SessionKind; rpe: number }>, bands: EffortBands): KindEffort[] {
  return SESSION_KINDS.map((kind) => {
    const rpes = runs.filter((r) => r.kind === kind).map((r) => r.rpe);
    const intended = categoryOf(kind);
    const byRpe = Array.from({ length: 10 }, (_, i) => rpes.filter((rpe) => rpe === i + 1).length);
    if (rpes.length === 0)
      return { kind, intended, runs: 0, meanRpe: null, minRpe: null, maxRpe: null, byRpe, onTarget: null };
    return {
      kind,
      intended,
      runs: rpes.length,
      meanRpe: rpes.reduce((a, b) => a + b, 0) / rpes.length,
      minRpe: Math.min(...rpes),
      maxRpe: Math.max(...rpes),
      byRpe,
      onTarget: rpes.filter((rpe) => effortCategoryOf(rpe, bands) === intended).length / rpes.length,
    };
  });
}
