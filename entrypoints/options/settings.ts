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
}

export const DEFAULT_SETTINGS: Readonly<Settings> = { lang: 'auto', historyDays: 90 };

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
  return { lang, historyDays: days };
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
