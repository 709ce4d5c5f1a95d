// The options page: language, history retention, imported public-body registries, the data sources and their
// licences, and anonymised reporting (consent, preview, queue).
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { provenance, version as listsVersion } from '../../lists/compiled/index.json';
import type { Translate } from '../../components/i18n';
import { formatDate, number } from '../../components/report-tables';
import { parsePublicRegistry, FR_DINUM_SOURCE, US_DOTGOV_SOURCE } from '../../utils/public-registries';
import type { Lang } from '../../utils/texts';
import type { Provenance } from '../../utils/types';
import { PageFrame } from '../report/PageFrame';
import { ReportingSection } from './ReportingSection';
import { loadRegistries, removeRegistry, saveRegistry, toStoredRegistry, type StoredRegistries } from './registries';
import { loadSettings, RETENTION_CHOICES, saveSettings, type LangChoice, type Settings } from './settings';

/** Official registries are a few megabytes; anything far bigger is not one of them. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const SOURCE_KEYS: Record<string, { name: string; licence: string }> = {
  [FR_DINUM_SOURCE]: { name: 'sourceFrDinum', licence: 'licenceFrDinum' },
  [US_DOTGOV_SOURCE]: { name: 'sourceUsDotgov', licence: 'licenceUsDotgov' },
};

function LanguageSection({ settings, save, t }: { settings: Settings; save: (s: Partial<Settings>) => void; t: Translate }) {
  const choices: Array<{ value: LangChoice; label: string; lang?: Lang }> = [
    { value: 'auto', label: t('languageAuto') },
    { value: 'fr', label: t('languageFrench'), lang: 'fr' },
    { value: 'en', label: t('languageEnglish'), lang: 'en' },
  ];
  return (
    <section aria-labelledby="language-heading">
      <h2 id="language-heading">{t('languageHeading')}</h2>
      <fieldset>
        <legend>{t('languageLegend')}</legend>
        {choices.map((c) => (
          <label key={c.value} class="block" lang={c.lang}>
            <input type="radio" name="lang" value={c.value} checked={settings.lang === c.value} onChange={() => save({ lang: c.value })} />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function HistorySection({ settings, save, t }: { settings: Settings; save: (s: Partial<Settings>) => void; t: Translate }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('historyHeading')}</h2>
      <p>{t('historyOptionsIntro')}</p>
      <label for="retention">{t('retentionLabel')}</label>{' '}
      <select id="retention" value={String(settings.historyDays)} onChange={(e) => save({ historyDays: Number(e.currentTarget.value) })}>
        {RETENTION_CHOICES.map((days) => (
          <option key={days} value={String(days)}>
            {days === 0 ? t('retentionOff') : t('retentionDays', days)}
          </option>
        ))}
      </select>
      <p>
        <a href={browser.runtime.getURL('/report.html' as never)}>{t('historyOpenPage')}</a>
      </p>
    </section>
  );
}

function RegistriesSection({ lang, t }: { lang: Lang; t: Translate }) {
  const [registries, setRegistries] = useState<StoredRegistries>({});
  const [status, setStatus] = useState<{ text: string; problems: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => loadRegistries(browser.storage.local).then(setRegistries);
  useEffect(() => void refresh(), []);

  const onFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        setStatus({ text: t('importTooBig', file.name), problems: [] });
        return;
      }
      const parsed = parsePublicRegistry(await file.text());
      const stored = toStoredRegistry(parsed, file.name, new Date());
      const problems = parsed.errors.slice(0, 5).map((e) => (e.line ? t('importLineError', e.line, e.message) : e.message));
      if (!stored) {
        setStatus({ text: t('importNothing', file.name), problems });
        return;
      }
      await saveRegistry(browser.storage.local, stored);
      await refresh();
      const name = SOURCE_KEYS[stored.source] ? t(SOURCE_KEYS[stored.source]!.name) : stored.source;
      setStatus({ text: t('importDone', number(stored.sites.length, lang), name, parsed.errors.length), problems });
    } catch (error) {
      setStatus({ text: t('errorText', (error as Error).message), problems: [] });
    } finally {
      setBusy(false);
      input.value = '';
    }
  };

  const list = Object.values(registries);
  return (
    <section aria-labelledby="registries-heading">
      <h2 id="registries-heading">{t('registriesHeading')}</h2>
      <p>{t('registriesIntro')}</p>
      <label for="registry-file" class="block">
        {t('registryFileLabel')}
      </label>
      <input id="registry-file" type="file" accept=".txt,.csv,text/plain,text/csv" disabled={busy} onChange={(e) => void onFile(e.currentTarget)} />
      <div role="status" class="import-status" data-testid="import-status">
        {status && (
          <>
            <p>{status.text}</p>
            {status.problems.length > 0 && (
              <ul>
                {status.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {list.length === 0 ? (
        <p>{t('registriesNone')}</p>
      ) : (
        <ul class="registries">
          {list.map((r) => {
            const keys = SOURCE_KEYS[r.source];
            return (
              <li key={r.source} data-testid="registry" data-source={r.source}>
                <strong>{keys ? t(keys.name) : r.source}</strong>{' '}
                {t('registryDetails', number(r.sites.length, lang), r.fileName, formatDate(r.importedAt, lang))}
                {keys && <span class="note"> {t(keys.licence)}</span>}{' '}
                <button
                  type="button"
                  onClick={() =>
                    void removeRegistry(browser.storage.local, r.source)
                      .then(refresh)
                      .then(() => setStatus({ text: t('registryRemoved', keys ? t(keys.name) : r.source), problems: [] }))
                  }
                >
                  {t('registryRemove')}
                  <span class="visually-hidden">{keys ? t(keys.name) : r.source}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function SourcesSection({ t }: { t: Translate }) {
  const rows = provenance as Provenance[];
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t('sourcesHeading')}</h2>
      <p>{t('sourcesIntro', listsVersion)}</p>
      <div class="table-scroll" role="region" aria-labelledby="caption-sources" tabIndex={0}>
        <table class="data">
          <caption id="caption-sources">{t('sourcesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colData')}</th>
              <th scope="col">{t('colSource')}</th>
              <th scope="col">{t('colLicence')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={i}>
                <td>{p.part}</td>
                <td>
                  {p.package ? `${p.package} ${p.version ?? ''}` : p.source}
                  {p.package && p.source && <span class="note"> ({p.source})</span>}
                </td>
                <td>
                  {p.licence}
                  {p.attribution && <span class="note"> — {p.attribution}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="ip-attribution">{t('attributionIpLocation')}</p>
      <p>{t('librariesNotice')}</p>
    </section>
  );
}

export function App({ lang, t }: { lang: Lang; t: Translate }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => void loadSettings(browser.storage.local).then(setSettings), []);
  const save = (patch: Partial<Settings>) => void saveSettings(browser.storage.local, patch).then(setSettings);

  return (
    <PageFrame t={t}>
      <h1>{t('optionsHeading')}</h1>
      {settings && (
        <>
          <LanguageSection settings={settings} save={save} t={t} />
          <HistorySection settings={settings} save={save} t={t} />
        </>
      )}
      <RegistriesSection lang={lang} t={t} />
      <SourcesSection t={t} />
      {settings && <ReportingSection settings={settings} save={save} lang={lang} t={t} />}
      <p class="meta">{t('versionsNote', browser.runtime.getManifest().version, listsVersion)}</p>
    </PageFrame>
  );
}
