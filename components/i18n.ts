// The product's words in French and English: the extension's _locales files, read the way browsers read them
// ($NAME$ placeholders whose content is $1…$9), so a page can follow a language chosen in Vigie's options.
import en from '../public/_locales/en/messages.json';
import fr from '../public/_locales/fr/messages.json';
import type { Lang } from '../utils/texts';

interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
type Catalogue = Record<string, Entry>;

export const CATALOGUES: Record<Lang, Catalogue> = { en: en as Catalogue, fr: fr as Catalogue };

export type Translate = (key: string, ...substitutions: Array<string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, ...subs) => {
    const entry = catalogue[key] ?? CATALOGUES.en[key];
    if (!entry) return key;
    const placeholders = Object.fromEntries(
      Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
    );
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => placeholders[name.toLowerCase()] ?? whole)
      .replace(/\$(\d)/g, (whole, n: string) => (subs[Number(n) - 1] !== undefined ? String(subs[Number(n) - 1]) : whole))
      .replace(/\$\$/g, '$');
  };
}

/** The language to show: a choice made in Vigie's options wins, else the browser's language, else English. */
export function pickLang(choice: string | null | undefined, browserLang: string): Lang {
  if (choice === 'fr' || choice === 'en') return choice;
  return browserLang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
