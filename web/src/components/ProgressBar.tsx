import type { Counts } from '../api';
import { ACTIVE_RUN_STATUSES, TERMINAL_RUN_STATUSES } from '../generated/names';

// finished runs first, then the started ones, the latest phase first; queued runs are the empty rest
const ORDER: (keyof Counts)[] = [...TERMINAL_RUN_STATUSES, ...ACTIVE_RUN_STATUSES.filter((s) => s !== 'queued').reverse()];

/**
 * A sweep's progress: one segment per finished or active status, on a bar of fixed size so that
 * live updates change only widths, never the layout.
 */
export function ProgressBar({ counts, total }: { counts: Partial<Counts>; total: number }) {
  const done = TERMINAL_RUN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const label = `${done} of ${total} runs finished` + (counts.failed ? `, ${counts.failed} failed` : '');
  return (
    <div>
      <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-label={label}>
        {ORDER.map((s) => (
          <span key={s} class={s} style={{ width: total ? `${(100 * (counts[s] ?? 0)) / total}%` : '0%' }} />
        ))}
      </div>
      <div class="progress-label">
        {done}/{total}
        {counts.running || counts.evaluating ? ` · ${(counts.running ?? 0) + (counts.evaluating ?? 0)} active` : ''}
        {counts.failed ? ` · ${counts.failed} failed` : ''}
        {counts.stopped_early ? ` · ${counts.stopped_early} stopped early` : ''}
      </div>
    </div>
  );
}
