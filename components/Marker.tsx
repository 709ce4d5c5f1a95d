// A short textual marker (GAFAM, tracker, before consent): words, not colour alone; the long form for screen readers.
export function Marker({ short, long, kind }: { short: string; long: string; kind: string }) {
  return (
    <span class={`marker marker-${kind}`} title={long}>
      <span aria-hidden="true">{short}</span>
      <span class="visually-hidden">{long}</span>
    </span>
  );
}
