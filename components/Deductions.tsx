// The deductions, each with its reason and remedy (and, in the full report, its evidence and legal context); and
// the gates that capped the grade.
import type { Deduction, GateApplied } from '../utils/score';
import type { Translate } from './i18n';
import { evidenceItems } from './report-tables';

interface Props {
  deductions: Deduction[];
  gates: GateApplied[];
  limit?: number;
  t: Translate;
  /** The full report's form: evidence and legal context too (needs the page language for country names). */
  detailed?: { lang: string };
}

export function Deductions({ deductions, gates, limit, t, detailed }: Props) {
  const sorted = [...deductions].sort((a, b) => b.points - a.points);
  const shown = limit === undefined ? sorted : sorted.slice(0, limit);
  return (
    <>
      {shown.length === 0 ? (
        <p>{t('noDeductions')}</p>
      ) : (
        <ol class={detailed ? 'deductions detailed' : 'deductions'}>
          {shown.map((d, i) => {
            const evidence = detailed ? evidenceItems(d.evidence, detailed.lang, t) : [];
            return (
              <li key={`${d.code}-${i}`} data-testid="deduction" data-code={d.code}>
                <p>
                  <strong class="points">{t('pointsLost', d.points)}</strong> {d.reason}
                  {detailed && <span class="code"> ({d.code})</span>}
                </p>
                {evidence.length > 0 && (
                  <dl class="evidence">
                    {evidence.map(([label, value]) => (
                      <div key={label}>
                        <dt>{label}</dt>
                        <dd>{value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                {detailed && d.law && (
                  <p class="law">
                    <span class="law-label">{t('lawLabel')}</span> {d.law}
                  </p>
                )}
                {d.remedy && (
                  <p class="remedy">
                    <span class="remedy-label">{t('remedy')}</span> {d.remedy}
                  </p>
                )}
              </li>
            );
          })}
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
