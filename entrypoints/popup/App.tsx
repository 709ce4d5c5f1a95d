// The popup: the current tab's grade, what costs most, its third parties by organisation, the site's hosting.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Deductions } from '../../components/Deductions';
import { Grade } from '../../components/Grade';
import { Hosting } from '../../components/Hosting';
import { ThirdParties } from '../../components/ThirdParties';
import type { Translate } from '../../components/i18n';
import { publicBodyName } from '../../components/report-tables';
import type { Lang } from '../../utils/texts';
import type { TabReply } from '../background/messages';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'done'; reply: TabReply };

async function targetTab(): Promise<number> {
  const fromUrl = new URLSearchParams(location.search).get('tabId');
  if (fromUrl !== null && /^\d+$/.test(fromUrl)) return Number(fromUrl);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('no active tab');
  return tab.id;
}

export function App({ lang, t }: { lang: Lang; t: Translate }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    targetTab()
      .then((tabId) => browser.runtime.sendMessage({ type: 'vigie/get-tab', tabId, lang }) as Promise<TabReply>)
      .then((reply) => setLoad({ state: 'done', reply }))
      .catch((error: Error) => setLoad({ state: 'error', message: error.message }));
  }, [lang]);

  if (load.state === 'loading') {
    return (
      <main aria-busy="true">
        <p role="status">{t('loading')}</p>
      </main>
    );
  }
  if (load.state === 'error') {
    return (
      <main>
        <p role="alert">{t('errorText', load.message)}</p>
      </main>
    );
  }
  const { reply } = load;
  if (reply.status === 'reload') {
    return (
      <main>
        <h1>{t('reloadTitle')}</h1>
        <p>{t('reloadText')}</p>
        <button type="button" onClick={() => void browser.tabs.reload(reply.tabId).then(() => window.close())}>
          {t('reloadButton')}
        </button>
      </main>
    );
  }
  if (reply.status === 'none') {
    return (
      <main>
        <h1>{t('noneTitle')}</h1>
        <p>{t('noneText')}</p>
      </main>
    );
  }
  const { audit, visit } = reply;
  const body = publicBodyName(audit, t);
  const openReport = () =>
    void browser.tabs.create({ url: browser.runtime.getURL(`/report.html?tabId=${reply.tabId}` as never) }).then(() => window.close());
  const requests = audit.thirdParties.reduce((sum, s) => sum + s.requests, 0);
  return (
    <main>
      <header>
        <h1 class="site">{audit.page.host}</h1>
        <p class={body ? 'public yes' : 'public no'}>
          {body ? t('publicSector', body) : t('notPublicSector')}
        </p>
      </header>
      <Grade grade={audit.score.grade} score={audit.score.score} t={t} />
      <p>
        <button type="button" class="primary" data-testid="open-report" onClick={openReport}>
          {t('openReport')}
        </button>
      </p>
      <section aria-labelledby="costs">
        <h2 id="costs">{t('costsMost')}</h2>
        <Deductions deductions={audit.score.deductions} gates={audit.score.gates} limit={3} t={t} />
      </section>
      <section aria-labelledby="third-parties">
        <h2 id="third-parties">{t('thirdPartiesHeading')}</h2>
        {audit.thirdParties.length > 0 && (
          <p>{t('thirdPartiesSummary', audit.thirdParties.length, audit.organisations.length, requests)}</p>
        )}
        <ThirdParties audit={audit} lang={lang} t={t} />
      </section>
      <section aria-labelledby="hosting">
        <h2 id="hosting">{t('hostingHeading')}</h2>
        <Hosting audit={audit} lang={lang} t={t} />
      </section>
      <footer>
        {visit.spaNavigations > 0 && <p class="note">{t('spaNote', visit.spaNavigations)}</p>}
        {visit.merged > 0 && <p class="note">{t('truncatedNote', visit.detailBound, visit.merged)}</p>}
        {visit.lateRequests > 0 && <p class="note">{t('lateNote', visit.lateRequests)}</p>}
        <p class="meta">{t('methodologyNote', audit.methodology, audit.lists)}</p>
        <p class="meta">
          <a href={browser.runtime.getURL('/report.html' as never)} target="_blank" rel="noopener">
            {t('historyLink')}
          </a>{' '}
          ·{' '}
          {/* The tab goes along so that the options can show the report this site would give (reporting). */}
          <a href={browser.runtime.getURL(`/options.html?tabId=${reply.tabId}` as never)} target="_blank" rel="noopener">
            {t('optionsLink')}
          </a>
        </p>
      </footer>
    </main>
  );
}
