"use client";

import type { ReactNode } from "react";
import type { Units } from "~/lib/format";
import { amountText, kindTitle } from "../../../_shared/format";
import type { CalendarSession } from "./calendar-model";

/**
 * One planned session on the calendar: its kind and amount, and what else a session carries
 * (`details`: the steps summary of a structured session goes there). Draggable with a mouse; the
 * "Move…" button is the keyboard's way (and the screen reader's).
 */
export function CalendarSessionCard({
  session,
  units,
  dayLabel,
  details,
  disabled,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  session: CalendarSession;
  units: Units;
  /** "Tue 3 Nov": the session's day, for names read aloud. */
  dayLabel: string;
  details?: ReactNode;
  disabled: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onMove: () => void;
}) {
  const title = kindTitle(session.kind);
  return (
    <li
      draggable={!disabled}
      onDragStart={(event) => {
        event.dataTransfer.setData("text/plain", session.id);
        event.dataTransfer.effectAllowed = "copyMove";
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      aria-label={`${title} on ${dayLabel}`}
      className="cursor-grab rounded-md border border-slate-200 bg-slate-50 p-2 text-sm active:cursor-grabbing"
    >
      <p className="font-medium">{title}</p>
      <p className="text-slate-700">{amountText(session, units)}</p>
      {details}
      {session.description && (
        <p className="mt-1 line-clamp-2 text-xs break-words text-slate-700">{session.description}</p>
      )}
      <button
        type="button"
        onClick={onMove}
        disabled={disabled}
        className="mt-1 inline-flex min-h-9 items-center rounded-md border border-slate-300 bg-white px-2 text-xs font-medium hover:bg-slate-100"
        aria-label={`Move ${title.toLowerCase()} on ${dayLabel}…`}
      >
        Move…
      </button>
    </li>
  );
}
