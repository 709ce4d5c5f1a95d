// A small chart of one site's scores over time (grade bands behind, each visit a point labelled with its grade
// letter), with the same figures in words for screen readers.
import { METHODOLOGY } from '../utils/methodology';
import type { TrendPoint } from './history';
import type { Translate } from './i18n';
import { formatDate } from './report-tables';

const W = 320;
const H = 120;
const PAD = { left: 30, right: 12, top: 10, bottom: 20 };

export function TrendChart({ site, points, lang, t }: { site: string; points: TrendPoint[]; lang: string; t: Translate }) {
  if (points.length < 2) return null;
  const first = points[0]!.date;
  const span = Math.max(1, points[points.length - 1]!.date - first);
  const x = (date: number) => PAD.left + ((date - first) / span) * (W - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - score / 100) * (H - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.date).toFixed(1)},${y(p.score).toFixed(1)}`).join(' ');
  const described = points.map((p) => t('trendPoint', formatDate(p.date, lang), p.score, p.grade)).join('; ');
  return (
    <svg class="trend" role="img" aria-label={t('trendLabel', site, described)} viewBox={`0 0 ${W} ${H}`} width={W} height={H}>
      {METHODOLOGY.bands.map((b) => (
        <g key={b.grade} class="trend-band">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(b.min)} y2={y(b.min)} />
          <text x={PAD.left - 6} y={y(b.min) + 4} text-anchor="end">
            {b.min}
          </text>
        </g>
      ))}
      <path class="trend-line" d={path} />
      {points.map((p) => (
        <g key={p.date} class="trend-point">
          <circle cx={x(p.date)} cy={y(p.score)} r={4} />
          <text x={x(p.date)} y={y(p.score) - 7} text-anchor="middle">
            {p.grade}
          </text>
        </g>
      ))}
      <text class="trend-axis" x={PAD.left} y={H - 4}>
        {formatDate(first, lang)}
      </text>
    </svg>
  );
}
