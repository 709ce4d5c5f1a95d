// The history: past visits by site, searchable, each site's trend, open a stored report, delete one or all. It is
// the person's browsing history and is said to stay on this device.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { groupBySite, trend, type HistoryEntry } from '../../components/history';
import type { Translate } from '../../components/i18n';
import { formatDate, GAFAM_NAMES } from '../../components/report-tables';
import { TrendChart } from '../../components/TrendChart';
import type { Lang } from '../../utils/texts';
import { loadSettings } from '../options/settings';
import { deleteAllVisits, deleteVisit, listVisits, visitsWithAudit } from './history-store';
import { PageFrame } from './PageFrame';

/** Sites shown at first; more on request, so a long history stays quick to render. */
const PAGE = 30;

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; entries: HistoryEntry[]; withAudit: Set<string>; days: number };

export function HistoryView({ lang, t }: { lang: Lang; t: Translate }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');

  const refresh = () =>
    Promise.all([listVisits(), visitsWithAudit(), loadSettings(browser.storage.local)])
      .then(([entries, withAudit, settings]) => setLoad({ state: 'done', entries, withAudit, days: settings.historyDays }))
      .catch((error: Error) => setLoad({ state: 'error', message: error.message }));
  useEffect(() => void refresh(), []);

  const remove = async (entry: HistoryEntry) => {
    await deleteVisit(entry.id);
    setStatus(t('historyDeleted', entry.site, formatDate(entry.date, lang)));
    await refresh();
  };
  const removeAll = async () => {
    await deleteAllVisits();
    setConfirming(false);
    setStatus(t('historyAllDeleted'));
    await refresh();
  };

  let body;
  if (load.state === 'loading') body = <p role="status">{t('loadingHistory')}</p>;
  else if (load.state === 'error') body = <p role="alert">{t('errorText', load.message)}</p>;
  else {
    const sites = groupBySite(load.entries, query);
    const visits = sites.reduce((n, s) => n + s.visits.length, 0);
    body = (
      <>
        <p>{load.days === 0 ? t('historyOff') : t('historyRetention', load.days)}</p>
        <form role="search" class="search" onSubmit={(e) => e.preventDefault()}>
          <label for="history-search">{t('historySearchLabel')}</label>{' '}
          <input id="history-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </form>
        <p role="status" data-testid="history-count">
          {t('historyCount', visits, sites.length)}
        </p>
        {sites.slice(0, shown).map((s) => (
          <section key={s.site} class="history-site" aria-labelledby={`site-${s.site}`}>
            <h2 id={`site-${s.site}`}>{s.site}</h2>
            <TrendChart site={s.site} points={trend(s.visits)} lang={lang} t={t} />
            <div class="table-scroll" role="region" aria-labelledby={`site-${s.site}`} tabIndex={0}>
              <table class="data">
                <caption class="visually-hidden">{t('historyTableCaption', s.site)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('colDate')}</th>
                    <th scope="col">{t('colGrade')}</th>
                    <th scope="col">{t('colSummary')}</th>
                    <th scope="col">{t('colActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.visits.map((v) => {
                    const when = formatDate(v.date, lang);
                    const gafam = v.summary.gafam.map((g) => GAFAM_NAMES[g]).join(', ');
                    return (
                      <tr key={v.id} data-testid="history-entry" data-id={v.id} data-site={v.site}>
                        <td>
                          {when}
                          <span class="page-path">{v.page}</span>
                        </td>
                        <td>
                          <span class={`grade-chip grade-${v.grade}`}>{t('gradeLabel', v.grade)}</span> {t('scoreOutOf', v.score)}
                        </td>
                        <td>
                          {t('thirdPartiesSummary', v.summary.services, v.summary.organisations, v.summary.thirdPartyRequests)}
                          {gafam && <> · {t('historyGafam', gafam)}</>}
                          {v.summary.trackersBeforeInteraction > 0 && <> · {t('historyEarly', v.summary.trackersBeforeInteraction)}</>}
                        </td>
                        <td class="row-actions">
                          <a href={`?history=${encodeURIComponent(v.id)}`}>
                            {load.withAudit.has(v.id) ? t('historyOpen') : t('historyOpenSummary')}
                            <span class="visually-hidden">{t('historyRowContext', v.site, when)}</span>
                          </a>{' '}
                          <button type="button" data-testid="delete-visit" onClick={() => void remove(v)}>
                            {t('historyDelete')}
                            <span class="visually-hidden">{t('historyRowContext', v.site, when)}</span>
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        ))}
        {sites.length > shown && (
          <p>
            <button type="button" onClick={() => setShown(shown + PAGE)}>
              {t('historyShowMore', sites.length - shown)}
            </button>
          </p>
        )}
        {load.entries.length > 0 && (
          <section class="danger" aria-labelledby="delete-all-heading">
            <h2 id="delete-all-heading">{t('historyDeleteAllHeading')}</h2>
            {confirming ? (
              <p>
                {t('historyDeleteAllConfirmText', load.entries.length)}{' '}
                <button type="button" data-testid="delete-all-confirm" onClick={() => void removeAll()}>
                  {t('historyDeleteAllConfirm')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </p>
            ) : (
              <button type="button" data-testid="delete-all" onClick={() => setConfirming(true)}>
                {t('historyDeleteAll')}
              </button>
            )}
          </section>
        )}
      </>
    );
  }

  return (
    <PageFrame t={t}>
      <h1>{t('historyHeading')}</h1>
      <p>{t('historyIntro')}</p>
      {body}
      <p class="note" aria-live="polite">
        {status}
      </p>
    </PageFrame>
  );
}
