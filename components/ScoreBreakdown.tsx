// The full score breakdown: what each criterion found and lost (within its cap), every deduction under its
// criterion with evidence, reason, legal context and remedy, and the gates that capped the grade.
import type { Audit } from '../utils/audit';
import { DataTable } from './DataTable';
import { Deductions } from './Deductions';
import type { Translate } from './i18n';
import { criteriaTable } from './report-tables';

export function ScoreBreakdown({ audit, lang, t }: { audit: Audit; lang: string; t: Translate }) {
  const { score } = audit;
  return (
    <>
      <p>{t('breakdownIntro', score.score, score.deductions.length)}</p>
      <DataTable table={criteriaTable(audit, t)} />
      {score.criteria.map((c) => {
        const own = score.deductions.filter((d) => d.criterion === c.id);
        return (
          <section key={c.id} aria-labelledby={`criterion-${c.id}`}>
            <h3 id={`criterion-${c.id}`}>
              {t('criterionHeading', c.id, t(`criterion${c.id}`), c.lost, c.cap)}
            </h3>
            {c.raw > c.lost && <p class="note">{t('criterionCapped', c.raw, c.cap)}</p>}
            <Deductions deductions={own} gates={[]} t={t} detailed={{ lang }} />
          </section>
        );
      })}
      {score.gates.length > 0 && (
        <section aria-labelledby="gates">
          <h3 id="gates">{t('gatesHeading')}</h3>
          {score.gates.map((g) => (
            <p class="gate" key={g.code}>
              {t('gateApplied', g.maxGrade, g.reason)} {t('gateBand', g.bandGrade)}
            </p>
          ))}
        </section>
      )}
    </>
  );
}
