// Reasons, remedies, legal context and gate explanations in French and English (from lists/texts.json).

export type Lang = 'en' | 'fr';
export type LocalText = Record<Lang, string>;

export interface Texts {
  reasons: Record<string, LocalText>;
  remedies: Record<string, LocalText>;
  law: Record<string, LocalText>;
  gates: Record<string, LocalText>;
  /** "in France" / "en France": country names with the preposition each language needs. */
  countries: Record<string, LocalText>;
}

/** The most specific text for `key:qualifier`, else `key`, else the first key's family (e.g. "C1-gafam" → "C1"). */
export function pickText(table: Record<string, LocalText>, keys: readonly string[], lang: Lang): string | null {
  for (const key of keys) {
    const text = table[key];
    if (text) return text[lang];
  }
  return null;
}

/** Replaces `{name}` placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function inCountry(texts: Texts, country: string | null, lang: Lang): string {
  if (!country) return lang === 'fr' ? 'dans un pays inconnu' : 'in an unknown country';
  return texts.countries[country]?.[lang] ?? (lang === 'fr' ? `dans le pays ${country}` : `in country ${country}`);
}
