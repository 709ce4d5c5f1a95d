// The report page: which audit to show comes from the address (test contract: ?tabId=N for a tab's live audit,
// ?history=ID for a stored visit); without either, the history.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Translate } from '../../components/i18n';
import type { HistoryEntry } from '../../components/history';
import { localiseAudit } from '../../components/localise';
import type { Audit } from '../../utils/audit';
import type { Lang } from '../../utils/texts';
import type { TabReply, VisitInfo } from '../background/messages';
import { getVisit } from './history-store';
import { HistoryView } from './HistoryView';
import { PageFrame } from './PageFrame';
import { ReportView, StoredSummary } from './ReportView';

type Source = { kind: 'tab'; tabId: number } | { kind: 'history'; id: string } | { kind: 'list' };

function sourceOf(search: string): Source {
  const params = new URLSearchParams(search);
  const tabId = params.get('tabId');
  if (tabId !== null && /^\d+$/.test(tabId)) return { kind: 'tab', tabId: Number(tabId) };
  const id = params.get('history');
  if (id) return { kind: 'history', id };
  return { kind: 'list' };
}

type Load =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'tab'; reply: TabReply }
  | { state: 'stored'; entry: HistoryEntry; audit: Audit | null }
  | { state: 'missing' };

export function App({ lang, t }: { lang: Lang; t: Translate }) {
  const source = sourceOf(location.search);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    if (source.kind === 'tab') {
      (browser.runtime.sendMessage({ type: 'vigie/get-tab', tabId: source.tabId, lang }) as Promise<TabReply>)
        .then((reply) => setLoad({ state: 'tab', reply }))
        .catch((error: Error) => setLoad({ state: 'error', message: error.message }));
    } else if (source.kind === 'history') {
      getVisit(source.id)
        .then((found) => setLoad(found ? { state: 'stored', ...found } : { state: 'missing' }))
        .catch((error: Error) => setLoad({ state: 'error', message: error.message }));
    }
  }, [lang]);

  if (source.kind === 'list') return <HistoryView lang={lang} t={t} />;
  if (load.state === 'loading') {
    return (
      <PageFrame t={t}>
        <h1>{t('reportHeading')}</h1>
        <p role="status">{t('loadingReport')}</p>
      </PageFrame>
    );
  }
  if (load.state === 'error' || load.state === 'missing' || (load.state === 'tab' && load.reply.status !== 'audited')) {
    const message =
      load.state === 'error'
        ? t('errorText', load.message)
        : load.state === 'missing'
          ? t('historyMissing')
          : load.state === 'tab' && load.reply.status === 'reload'
            ? t('reloadText')
            : t('noneText');
    return (
      <PageFrame t={t}>
        <h1>{t('reportHeading')}</h1>
        <p role="alert">{message}</p>
      </PageFrame>
    );
  }
  if (load.state === 'tab' && load.reply.status === 'audited') {
    const visit: VisitInfo = load.reply.visit;
    return <ReportView audit={load.reply.audit} visit={visit} lang={lang} t={t} />;
  }
  if (load.state === 'stored') {
    if (!load.audit) return <StoredSummary entry={load.entry} lang={lang} t={t} />;
    return <ReportView audit={localiseAudit(load.audit, lang)} stored={load.entry} lang={lang} t={t} />;
  }
  return null;
}
