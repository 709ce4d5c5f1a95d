// One site: its grade and median score, the grades its reports gave, its history week by week, and every third
// party its reports saw, with how often.
import { useApi, type SiteAggregate } from '../api';
import { formatNumber, formatShare, t } from '../i18n';
import { GradeBadge } from '../components/Grade';
import { GradeBars } from '../components/GradeBars';
import { Link } from '../components/Link';
import { Failed, Loading } from '../components/Status';
import { ThirdPartyName } from './ThirdPartyName';
import { PUBLICATION } from '../../../aggregate';

export function Site(props: { host: string }) {
  const site = useApi<SiteAggregate>(`/api/v1/sites/${encodeURIComponent(props.host)}`);
  return (
    <>
      <p class="crumbs">
        <Link href="/sites">{t('backToSites')}</Link>
      </p>
      <h1 tabIndex={-1} class="site-title">
        {site.state === 'ok' && <GradeBadge grade={site.data.grade} large />}
        <span>{props.host}</span>
      </h1>
      {site.state === 'loading' && <Loading />}
      {site.state === 'failed' && <Failed />}
      {site.state === 'missing' && <p class="status">{t('siteNotPublished', { reports: PUBLICATION.reports, weeks: PUBLICATION.weeks })}</p>}
      {site.state === 'ok' && <SiteDetails site={site.data} />}
    </>
  );
}

function SiteDetails({ site }: { site: SiteAggregate }) {
  const maxReports = Math.max(1, ...site.history.map((h) => h.reports));
  return (
    <>
      <dl class="facts">
        <div>
          <dt>{t('medianScore')}</dt>
          <dd>{formatNumber(site.median_score, 1)} / 100</dd>
        </div>
        <div>
          <dt>{t('reports')}</dt>
          <dd>{formatNumber(site.reports)}</dd>
        </div>
        <div>
          <dt>{t('weeksLabel')}</dt>
          <dd>{t('weeks', { first: site.first_week, last: site.last_week })}</dd>
        </div>
        {site.public_body && (
          <div>
            <dt>{t('publicBody')}</dt>
            <dd>
              {site.public_body.source}
              {site.public_body.id && <span class="muted"> ({site.public_body.id})</span>}
            </dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="grades-title">
        <h2 id="grades-title">{t('gradesOfReports')}</h2>
        <GradeBars counts={site.grades} label={t('gradesOfReports')} unit={(n) => t('reportsCount', { n })} />
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history')}</h2>
        <div class="table-scroll">
          <table>
            <caption>{t('historyCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('week')}</th>
                <th scope="col" class="number">{t('reports')}</th>
                <th scope="col" class="number">{t('medianScore')}</th>
                <th scope="col">{t('grade')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('reports')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {site.history.map((h) => (
                <tr key={h.week}>
                  <th scope="row">{h.week}</th>
                  <td class="number">{formatNumber(h.reports)}</td>
                  <td class="number">{formatNumber(h.median_score, 1)}</td>
                  <td>
                    <GradeBadge grade={h.grade} />
                  </td>
                  <td class="spark" aria-hidden="true">
                    <span class={`bar bar-${h.grade}`} style={{ width: `${(h.reports / maxReports) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="third-title">
        <h2 id="third-title">{t('thirdParties')}</h2>
        {site.third_parties.length === 0 ? (
          <p>—</p>
        ) : (
          <div class="table-scroll">
            <table>
              <caption>{t('thirdPartiesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('domain')}</th>
                  <th scope="col">{t('organisation')}</th>
                  <th scope="col">{t('country')}</th>
                  <th scope="col">{t('category')}</th>
                  <th scope="col">{t('tracker')}</th>
                  <th scope="col" class="number">{t('share')}</th>
                </tr>
              </thead>
              <tbody>
                {site.third_parties.map((p) => (
                  <tr key={p.domain}>
                    <th scope="row">{p.domain}</th>
                    <td>
                      <ThirdPartyName organisation={p.organisation} parent={p.parent} gafam={p.gafam} />
                    </td>
                    <td>{p.country ?? '—'}</td>
                    <td>{p.category ?? '—'}</td>
                    <td>{p.tracker ? t('yes') : t('no')}</td>
                    <td class="number">{formatShare(p.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
