/** A run's or experiment's status as a coloured pill (colour never the only cue: the word is there). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge ${status}`}>{status}</span>;
}
