// The person's choices (language, history retention), kept in storage.local under a versioned key. The options
// page writes them; the popup, the report page and the background read them from here.
import { pickLang } from '../../components/i18n';
import type { Lang } from '../../utils/texts';

/** Bump with a migration in readSettings when the stored shape changes. */
export const SETTINGS_KEY = 'vigie.settings.v1';

export type LangChoice = 'auto' | Lang;

/** History retention choices in days; 0 keeps no history at all. */
export const RETENTION_CHOICES = [0, 30, 90, 365] as const;

export interface Settings {
  /** 'auto' follows the browser's language. */
  lang: LangChoice;
  historyDays: number;
  /** Anonymised reporting of public sites: off until the person turns it on, and where reports go. */
  reporting: { enabled: boolean; collector: string };
}

/**
 * The collector reports go to unless the person chooses another: set when building (WXT_COLLECTOR_URL, e.g. a
 * city's or an association's own), else a collector started on this computer with `npm run collector`.
 */
export const DEFAULT_COLLECTOR = (import.meta.env.WXT_COLLECTOR_URL as string | undefined) || 'http://127.0.0.1:8787/';

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  lang: 'auto',
  historyDays: 90,
  reporting: { enabled: false, collector: DEFAULT_COLLECTOR },
};

/** A collector address Vigie may send to: http(s), no credentials, no fragment; normalised with a final slash. */
export function collectorAddress(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  try {
    const url = new URL(value.trim());
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.hash) return null;
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = '';
    return url.href;
  } catch {
    return null;
  }
}

/** The part of a storage area these modules need (storage.local in the extension, a fake in tests). */
export interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Stored settings, each field checked on its own: one bad value falls back to its default, not all of them. */
export function readSettings(value: unknown): Settings {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const lang = v.lang === 'en' || v.lang === 'fr' || v.lang === 'auto' ? v.lang : DEFAULT_SETTINGS.lang;
  const days = (RETENTION_CHOICES as readonly unknown[]).includes(v.historyDays) ? (v.historyDays as number) : DEFAULT_SETTINGS.historyDays;
  const r = typeof v.reporting === 'object' && v.reporting !== null ? (v.reporting as Record<string, unknown>) : {};
  const reporting = {
    enabled: r.enabled === true,
    collector: collectorAddress(r.collector) ?? DEFAULT_SETTINGS.reporting.collector,
  };
  return { lang, historyDays: days, reporting };
}

export async function loadSettings(area: LocalArea): Promise<Settings> {
  return readSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(area: LocalArea, patch: Partial<Settings>): Promise<Settings> {
  const next = readSettings({ ...(await loadSettings(area)), ...patch });
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}

/** The language pages and saved audits use: the person's choice, else the browser's. */
export function settingsLang(settings: Settings, browserLang: string): Lang {
  return pickLang(settings.lang === 'auto' ? null : settings.lang, browserLang);
}
