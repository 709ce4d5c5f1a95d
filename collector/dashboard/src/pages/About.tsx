// How the data is made and where to get it: reporting rules, the threshold, methodology SN-1, the open files.
import { METHODOLOGY } from '../../../../utils/methodology';
import { PUBLICATION } from '../../../aggregate';
import { criterionName, t } from '../i18n';
import { GradeBadge } from '../components/Grade';

const FILES = ['sites.csv', 'site-third-parties.csv', 'reports.csv', 'report-third-parties.csv', 'sites.jsonl', 'reports.jsonl'];

export function About() {
  const bands = METHODOLOGY.bands;
  return (
    <>
      <h1 tabIndex={-1}>{t('aboutTitle')}</h1>
      <p>{t('aboutReports')}</p>
      <p>{t('aboutThreshold', { reports: PUBLICATION.reports, weeks: PUBLICATION.weeks })}</p>

      <section aria-labelledby="method-title">
        <h2 id="method-title">{METHODOLOGY.id}</h2>
        <p>{t('aboutMethodology', { id: METHODOLOGY.id })}</p>
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('criterion')}</th>
                <th scope="col" class="number">{t('cap')}</th>
              </tr>
            </thead>
            <tbody>
              {METHODOLOGY.criteria.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.id} — {criterionName(c.id)}
                  </th>
                  <td class="number">−{c.cap}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('bands')}</h3>
        <ul class="bands">
          {bands.map((b, i) => (
            <li key={b.grade}>
              <GradeBadge grade={b.grade} /> {i === 0 ? `≥ ${b.min}` : `${b.min}–${bands[i - 1]!.min - 1}`}
            </li>
          ))}
        </ul>
        <p>
          <a href="/methodology.md">{t('methodologyLink')}</a>
        </p>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">{t('datasetTitle')}</h2>
        <p>{t('datasetText')}</p>
        <ul>
          <li>
            <a href="/api/v1/dataset/datapackage.json">{t('datapackage')}</a>
          </li>
          {FILES.map((f) => (
            <li key={f}>
              <a href={`/api/v1/dataset/${f}`}>{f}</a>
            </li>
          ))}
          <li>
            <a href="/api/v1/openapi.json">{t('api')}</a>
          </li>
        </ul>
      </section>
    </>
  );
}
