import { useId, type SelectHTMLAttributes } from "react";

/** A labelled select, styled like TextField. */
export function SelectField({
  label,
  options,
  className = "",
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        {...select}
        className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 text-base shadow-sm"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
