"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "~/components/button";
import { SelectField } from "~/components/select-field";
import { TextField } from "~/components/text-field";
import type { CopyScope } from "./calendar-model";

/** A modal dialog (the browser's own: focus is trapped and Escape closes it), labelled by its heading. */
function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="calendar-dialog-title"
      onClose={onClose}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id="calendar-dialog-title" className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** "Move…": the keyboard's (and anyone's) way to put a session on another day. */
export function MoveDialog({
  sessionName,
  date,
  onMove,
  onClose,
}: {
  sessionName: string;
  date: string;
  onMove: (toDate: string) => void;
  onClose: () => void;
}) {
  const [toDate, setToDate] = useState(date);
  return (
    <Modal title={`Move ${sessionName}`} onClose={onClose}>
      <form
        method="dialog"
        className="mt-3 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (toDate && toDate !== date) onMove(toDate);
          onClose();
        }}
      >
        <TextField label="New date" type="date" required value={toDate} onChange={(e) => setToDate(e.target.value)} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit">Move</Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}

const SCOPE_OPTIONS: Array<{ value: CopyScope; label: string }> = [
  { value: "day", label: "One day" },
  { value: "week", label: "One week" },
  { value: "weeks", label: "Several weeks" },
];

/** "Copy…": a day, a week or a block of weeks to other dates. */
export function CopyDialog({
  initial,
  onCopy,
  onClose,
}: {
  initial: { scope: CopyScope; from: string; to: string };
  onCopy: (copy: { scope: CopyScope; from: string; weeks: number; to: string }) => void;
  onClose: () => void;
}) {
  const [scope, setScope] = useState<CopyScope>(initial.scope);
  const [from, setFrom] = useState(initial.from);
  const [weeks, setWeeks] = useState("2");
  const [to, setTo] = useState(initial.to);
  return (
    <Modal title="Copy sessions" onClose={onClose}>
      <form
        method="dialog"
        className="mt-3 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          onCopy({ scope, from, weeks: Number(weeks), to });
          onClose();
        }}
      >
        <SelectField
          label="What to copy"
          value={scope}
          options={SCOPE_OPTIONS}
          onChange={(e) => setScope(e.target.value as CopyScope)}
        />
        <TextField
          label={scope === "day" ? "Day to copy" : "First day to copy"}
          hint={scope === "day" ? undefined : "Usually the first day of a week"}
          type="date"
          required
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        {scope === "weeks" && (
          <TextField
            label="How many weeks"
            type="number"
            min={1}
            max={12}
            required
            value={weeks}
            onChange={(e) => setWeeks(e.target.value)}
          />
        )}
        <TextField
          label="Copy to (first day)"
          hint="Copies are added next to what is planned there"
          type="date"
          required
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit">Copy</Button>
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Modal>
  );
}
