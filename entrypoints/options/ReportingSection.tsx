// Anonymised reporting in the options: off by default; the exact report for the current site shown as text and
// JSON before the person agrees; the collector's address; the queued and sent reports, with delete and send now.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { anonymise, type Report } from '../../utils/anonymise';
import type { Translate } from '../../components/i18n';
import { reportLines } from '../../components/report-text';
import type { Lang } from '../../utils/texts';
import type { TabReply } from '../background/messages';
import { deleteQueued, listReports, type QueuedReport } from '../background/report-queue';
import { collectorAddress, type Settings } from './settings';

type Preview = { state: 'none' } | { state: 'reload' } | { state: 'private'; site: string } | { state: 'report'; report: Report };

async function clientInfo(): Promise<Report['client']> {
  const info = (browser.runtime as unknown as { getBrowserInfo?: () => Promise<{ version: string }> }).getBrowserInfo;
  const version = info ? (await info()).version : (/Chrom(?:e|ium)\/(\d+)/.exec(navigator.userAgent)?.[1] ?? '0');
  return {
    extension: browser.runtime.getManifest().version,
    engine: import.meta.env.FIREFOX ? 'gecko' : 'chromium',
    major: Number.parseInt(version, 10) || 0,
  };
}

/** The report the background would queue for the tab the options were opened from (`?tabId=N`). */
async function previewOf(lang: Lang): Promise<Preview> {
  const tabId = new URLSearchParams(location.search).get('tabId');
  if (tabId === null || !/^\d+$/.test(tabId)) return { state: 'none' };
  const reply = (await browser.runtime.sendMessage({ type: 'vigie/get-tab', tabId: Number(tabId), lang })) as TabReply;
  if (reply.status !== 'audited') return reply.status === 'reload' ? { state: 'reload' } : { state: 'none' };
  const result = anonymise(reply.audit, { client: await clientInfo() });
  return 'refused' in result ? { state: 'private', site: reply.audit.page.host } : { state: 'report', report: result.report };
}

function statusText(entry: QueuedReport, t: Translate): string {
  if (entry.status === 'sent') return t('statusSent');
  if (entry.status === 'dropped') return t('statusDropped', entry.reason ?? '?');
  return entry.reason ? t('statusRetry', entry.reason) : t('statusQueued');
}

export function ReportingSection({ settings, save, lang, t }: { settings: Settings; save: (s: Partial<Settings>) => void; lang: Lang; t: Translate }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [reports, setReports] = useState<QueuedReport[]>([]);
  const [address, setAddress] = useState(settings.reporting.collector);
  const [notice, setNotice] = useState('');
  const refresh = () => void listReports().then(setReports);

  useEffect(() => void previewOf(lang).then(setPreview), [lang]);
  // The background empties the queue when reporting is turned off, and adds to it as sites are visited.
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 2_000);
    return () => clearInterval(timer);
  }, [settings.reporting.enabled]);

  const saveAddress = (event: Event) => {
    event.preventDefault();
    const valid = collectorAddress(address);
    if (!valid) return setNotice(t('collectorInvalid'));
    save({ reporting: { ...settings.reporting, collector: valid } });
    setAddress(valid);
    setNotice(t('collectorSaved', valid));
  };
  const queued = reports.some((r) => r.status === 'queued');

  return (
    <section id="reporting" aria-labelledby="reporting-heading" data-slot="reporting-consent">
      <h2 id="reporting-heading">{t('reportingHeading')}</h2>
      <p>{t('reportingIntro')}</p>

      <h3>{t('previewHeading')}</h3>
      {preview?.state === 'none' && <p>{t('previewNoTab')}</p>}
      {preview?.state === 'reload' && <p>{t('previewReload')}</p>}
      {preview?.state === 'private' && <p>{t('previewNotPublic', preview.site)}</p>}
      {preview?.state === 'report' && (
        <div data-testid="report-preview">
          <ul class="report-lines">
            {reportLines(preview.report, t).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <details>
            <summary>{t('previewJson')}</summary>
            <pre data-testid="report-json" tabIndex={0}>
              {JSON.stringify(preview.report, null, 2)}
            </pre>
          </details>
        </div>
      )}

      <p>
        <label>
          <input
            type="checkbox"
            data-testid="reporting-enabled"
            checked={settings.reporting.enabled}
            onChange={(e) => save({ reporting: { ...settings.reporting, enabled: e.currentTarget.checked } })}
          />{' '}
          {t('reportingEnable')}
        </label>
      </p>
      <p role="status">{settings.reporting.enabled ? t('reportingOn') : t('reportingOff')}</p>

      <form onSubmit={saveAddress}>
        <label for="collector">{t('collectorLabel')}</label>{' '}
        <input id="collector" type="url" size={40} value={address} onInput={(e) => setAddress(e.currentTarget.value)} aria-describedby="collector-help" />{' '}
        <button type="submit">{t('collectorSave')}</button>
        <p id="collector-help" class="note">
          {t('collectorHelp')}
        </p>
        {notice && <p role="status">{notice}</p>}
      </form>

      <h3>{t('queueHeading')}</h3>
      {reports.length === 0 ? (
        <p>{t('queueEmpty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="caption-reports" tabIndex={0}>
          <table class="data" data-testid="report-queue">
            <caption id="caption-reports">{t('queueCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colSite')}</th>
                <th scope="col">{t('colWeek')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id} data-status={r.status} data-site={r.site}>
                  <td>{r.site}</td>
                  <td>{r.week}</td>
                  <td>{statusText(r, t)}</td>
                  <td>
                    {r.status === 'queued' && (
                      <button type="button" aria-label={t('deleteQueued', r.site)} onClick={() => void deleteQueued(r.id).then(refresh)}>
                        {t('deleteLabel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queued && settings.reporting.enabled && (
        <p>
          <button
            type="button"
            data-testid="send-now"
            onClick={() =>
              void browser.runtime.sendMessage({ type: 'vigie/report-now' }).then(() => {
                setNotice(t('sendingDone'));
                refresh();
              })
            }
          >
            {t('sendNow')}
          </button>
        </p>
      )}
    </section>
  );
}
