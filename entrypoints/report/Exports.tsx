// Exports of the audit shown: JSON (the same schema as `vigie score`), CSV per third-party domain, the printable
// evidence report, and a prefilled letter to the site's webmaster or data-protection officer.
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { auditCsv } from '../../components/export-csv';
import { browserName, evidenceHtml } from '../../components/export-html';
import { translator, type Translate } from '../../components/i18n';
import { letterText, type Recipient } from '../../components/letter';
import { localiseAudit } from '../../components/localise';
import type { Audit } from '../../utils/audit';
import type { Lang } from '../../utils/texts';
import { download, fileStem } from './download';

export function Exports({ audit, lang, t }: { audit: Audit; lang: Lang; t: Translate }) {
  const [recipient, setRecipient] = useState<Recipient>('webmaster');
  const [letterLang, setLetterLang] = useState<Lang>(lang);
  const [copied, setCopied] = useState('');
  const stem = fileStem(audit.page.host, audit.page.visitedAt);
  const extensionVersion = browser.runtime.getManifest().version;

  const exportHtml = () => {
    // The diagram exactly as the page drew it (our own component's markup, styles included).
    const diagram = document.querySelector('[data-testid="flow-diagram"]')?.outerHTML;
    const html = evidenceHtml(audit, { generatedAt: Date.now(), browser: browserName(navigator.userAgent), extensionVersion, diagram }, lang, t);
    download(`${stem}-report.html`, html, 'text/html;charset=utf-8');
  };
  const letter = letterText(localiseAudit(audit, letterLang), { recipient, extensionVersion }, letterLang, translator(letterLang));
  const copy = () =>
    void navigator.clipboard.writeText(letter).then(
      () => setCopied(t('letterCopied')),
      () => setCopied(t('letterCopyFailed')),
    );

  return (
    <>
      <p>{t('exportsIntro')}</p>
      <ul class="actions">
        <li>
          <button type="button" data-testid="export-json" onClick={() => download(`${stem}.json`, JSON.stringify(audit, null, 2) + '\n', 'application/json')}>
            {t('exportJson')}
          </button>
        </li>
        <li>
          <button type="button" data-testid="export-csv" onClick={() => download(`${stem}.csv`, auditCsv(audit), 'text/csv;charset=utf-8')}>
            {t('exportCsv')}
          </button>
        </li>
        <li>
          <button type="button" data-testid="export-html" onClick={exportHtml}>
            {t('exportHtml')}
          </button>
        </li>
        <li>
          <button type="button" onClick={() => window.print()}>
            {t('printReport')}
          </button>
        </li>
      </ul>

      <h3 id="letter-heading">{t('letterHeading')}</h3>
      <p>{t('letterIntroText')}</p>
      <div class="letter-options">
        <fieldset>
          <legend>{t('letterRecipient')}</legend>
          {(['webmaster', 'dpo'] as const).map((r) => (
            <label key={r}>
              <input type="radio" name="recipient" value={r} checked={recipient === r} onChange={() => setRecipient(r)} />{' '}
              {r === 'dpo' ? t('letterToDpo') : t('letterToWebmaster')}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('letterLanguage')}</legend>
          {(['fr', 'en'] as const).map((l) => (
            <label key={l} lang={l}>
              <input type="radio" name="letter-lang" value={l} checked={letterLang === l} onChange={() => setLetterLang(l)} />{' '}
              {l === 'fr' ? t('languageFrench') : t('languageEnglish')}
            </label>
          ))}
        </fieldset>
      </div>
      <label class="block" for="letter-text">
        {t('letterTextLabel')}
      </label>
      <textarea id="letter-text" class="letter" lang={letterLang} rows={18} value={letter} readOnly />
      <ul class="actions">
        <li>
          <button type="button" data-testid="export-letter" onClick={() => download(`${stem}-letter-${letterLang}.txt`, letter, 'text/plain;charset=utf-8')}>
            {t('letterDownload')}
          </button>
        </li>
        <li>
          <button type="button" onClick={copy}>
            {t('letterCopy')}
          </button>
        </li>
      </ul>
      <p role="status" class="note">
        {copied}
      </p>
    </>
  );
}
