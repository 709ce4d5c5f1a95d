// The front page: how many sites, how they grade, and who they most often send visitors to.
import { useApi, type Stats } from '../api';
import { formatShare, t } from '../i18n';
import { GradeBars } from '../components/GradeBars';
import { Failed, Loading } from '../components/Status';
import { Link } from '../components/Link';
import { ThirdPartyName } from './ThirdPartyName';

export function Overview() {
  const stats = useApi<Stats>('/api/v1/stats');
  return (
    <>
      <h1 tabIndex={-1}>{t('overviewTitle')}</h1>
      {stats.state === 'loading' && <Loading />}
      {(stats.state === 'failed' || stats.state === 'missing') && <Failed />}
      {stats.state === 'ok' && (
        <>
          <p class="lead">{t('overviewIntro', { reports: stats.data.threshold.reports, weeks: stats.data.threshold.weeks })}</p>
          <p class="figures">
            <Link href="/sites">{t('sitesCount', { n: stats.data.sites })}</Link>
            <span>{t('reportsCount', { n: stats.data.reports })}</span>
          </p>
          <section aria-labelledby="grades-title">
            <h2 id="grades-title">{t('gradeDistribution')}</h2>
            <GradeBars counts={stats.data.grades} label={t('gradeDistribution')} unit={(n) => t('gradeSites', { n })} />
          </section>
          <section aria-labelledby="top-title">
            <h2 id="top-title">{t('topThirdParties')}</h2>
            {stats.data.third_parties.length === 0 ? (
              <p>{t('nothingYet')}</p>
            ) : (
              <div class="table-scroll">
                <table>
                  <caption>{t('topThirdPartiesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('domain')}</th>
                      <th scope="col">{t('organisation')}</th>
                      <th scope="col">{t('country')}</th>
                      <th scope="col">{t('tracker')}</th>
                      <th scope="col" class="number">{t('sitesSeen')}</th>
                      <th scope="col" class="number">{t('shareOfSites')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.data.third_parties.map((p) => (
                      <tr key={p.domain}>
                        <th scope="row">{p.domain}</th>
                        <td>
                          <ThirdPartyName organisation={p.organisation ?? null} parent={p.parent ?? null} gafam={p.gafam ?? null} />
                        </td>
                        <td>{p.country ?? '—'}</td>
                        <td>{p.tracker ? t('yes') : t('no')}</td>
                        <td class="number">{p.sites}</td>
                        <td class="number">{formatShare(p.share_of_sites)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
