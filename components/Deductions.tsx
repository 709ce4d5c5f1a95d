// The deductions that cost most, each with its reason and remedy; and the gates that capped the grade.
import type { Deduction, GateApplied } from '../utils/score';
import type { Translate } from './i18n';

export function Deductions({ deductions, gates, limit, t }: { deductions: Deduction[]; gates: GateApplied[]; limit?: number; t: Translate }) {
  const sorted = [...deductions].sort((a, b) => b.points - a.points);
  const shown = limit === undefined ? sorted : sorted.slice(0, limit);
  return (
    <>
      {shown.length === 0 ? (
        <p>{t('noDeductions')}</p>
      ) : (
        <ol class="deductions">
          {shown.map((d, i) => (
            <li key={`${d.code}-${i}`} data-testid="deduction" data-code={d.code}>
              <p>
                <strong class="points">{t('pointsLost', d.points)}</strong> {d.reason}
              </p>
              {d.remedy && (
                <p class="remedy">
                  <span class="remedy-label">{t('remedy')}</span> {d.remedy}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {gates.map((g) => (
        <p class="gate" key={g.code}>
          {t('gateApplied', g.maxGrade, g.reason)}
        </p>
      ))}
    </>
  );
}
