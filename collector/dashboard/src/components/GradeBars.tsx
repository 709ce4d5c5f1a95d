// A distribution over grades as horizontal bars, written out as text too (the bars are decoration).
import { GRADES, type Grade } from '../api';
import { GradeBadge } from './Grade';

export function GradeBars(props: { counts: Record<Grade, number>; label: string; unit: (n: number) => string }) {
  const max = Math.max(1, ...GRADES.map((g) => props.counts[g]));
  return (
    <ul class="bars" aria-label={props.label}>
      {GRADES.map((g) => (
        <li key={g}>
          <GradeBadge grade={g} />
          <span class="bar-track" aria-hidden="true">
            <span class={`bar bar-${g}`} style={{ width: `${(props.counts[g] / max) * 100}%` }} />
          </span>
          <span class="bar-value">{props.unit(props.counts[g])}</span>
        </li>
      ))}
    </ul>
  );
}
