// Every extension page renders through this: it reads the language chosen in the options (else the browser's),
// sets the document's language and title, and re-renders when the choice changes while the page is open.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { translator, type Translate } from '../../components/i18n';
import type { Lang } from '../../utils/texts';
import { loadSettings, readSettings, SETTINGS_KEY, settingsLang } from './settings';

interface Props {
  /** Message key of the document title. */
  titleKey: string;
  children: (lang: Lang, t: Translate) => ComponentChildren;
}

export function LangRoot({ titleKey, children }: Props) {
  const [lang, setLang] = useState<Lang | null>(null);
  useEffect(() => {
    const browserLang = browser.i18n.getUILanguage();
    void loadSettings(browser.storage.local)
      .catch(() => readSettings(null))
      .then((s) => setLang(settingsLang(s, browserLang)));
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && changes[SETTINGS_KEY]) setLang(settingsLang(readSettings(changes[SETTINGS_KEY].newValue), browserLang));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!lang) return null;
  const t = translator(lang);
  document.documentElement.lang = lang;
  document.title = t(titleKey);
  return <>{children(lang, t)}</>;
}
