import { evaluateWeek, type WeekEvaluation } from "~/domain/rules";
import { weekInputFor } from "~/domain/training/week-input";
import { plannedRowsOf, type SessionDraft } from "~/domain/training/week-plan";
import type { RouterOutputs } from "../../../../_shared/types";

/**
 * The rules engine's verdict on a week as planned in the builder. The server computes the first
 * one with the page; the browser loads this module (and the engine, ~6 kB gzipped) when the coach
 * starts editing, and from then on checks every change itself.
 */
export function checkPlan(week: RouterOutputs["weeks"]["get"], drafts: readonly SessionDraft[]): WeekEvaluation {
  return evaluateWeek(
    weekInputFor({
      weekStart: week.weekStart,
      asOf: week.today,
      settings: week.settings,
      runs: week.runs,
      planned: plannedRowsOf(week.weekStart, drafts),
      historyFrom: week.historyFrom,
      excused: week.excused,
    }),
  );
}
