import type { RunColumn } from '../runColumns';

/**
 * Which columns of the runs table show: a menu of labelled checkboxes (a native <details>, so it
 * opens with the keyboard and needs no script to close).
 */
export function ColumnChooser({ columns, hidden, onChange }: {
  columns: RunColumn[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const toggle = (field: string, show: boolean) =>
    onChange(show ? hidden.filter((f) => f !== field) : [...hidden, field]);
  return (
    <details class="menu column-chooser">
      <summary>Columns{hidden.length ? ` (${hidden.length} hidden)` : ''}</summary>
      <fieldset>
        <legend>Show columns</legend>
        {columns.filter((c) => c.field !== 'run_key').map((c) => (
          <label key={c.field}>
            <input type="checkbox" checked={!hidden.includes(c.field)} onChange={(e) => toggle(c.field, e.currentTarget.checked)} />
            {c.title}
          </label>
        ))}
        {hidden.length > 0 && <button type="button" onClick={() => onChange([])}>Show all</button>}
      </fieldset>
    </details>
  );
}
