import { describe, expect, it } from 'vitest';
import { collectorAddress, DEFAULT_SETTINGS, loadSettings, readSettings, saveSettings, SETTINGS_KEY, settingsLang } from './settings';
import { memoryArea } from './test-area';

describe('settings', () => {
  it('falls back to the default of each field that is missing or wrong', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    const reporting = DEFAULT_SETTINGS.reporting;
    expect(readSettings({ lang: 'de', historyDays: 30 })).toEqual({ lang: 'auto', historyDays: 30, reporting });
    expect(readSettings({ lang: 'fr', historyDays: 12 })).toEqual({ lang: 'fr', historyDays: DEFAULT_SETTINGS.historyDays, reporting });
    expect(readSettings({ reporting: { enabled: 'yes', collector: 'ftp://x' } }).reporting).toEqual(reporting);
    expect(reporting.enabled).toBe(false);
  });

  it('saves a change over what is stored, under the versioned key', async () => {
    const area = memoryArea();
    await saveSettings(area, { lang: 'fr' });
    await saveSettings(area, { historyDays: 0 });
    const reporting = DEFAULT_SETTINGS.reporting;
    expect(area.data[SETTINGS_KEY]).toEqual({ lang: 'fr', historyDays: 0, reporting });
    expect(await loadSettings(area)).toEqual({ lang: 'fr', historyDays: 0, reporting });
  });

  it('picks the chosen language, else the browser’s', () => {
    expect(settingsLang({ ...DEFAULT_SETTINGS, lang: 'en' }, 'fr-FR')).toBe('en');
    expect(settingsLang({ ...DEFAULT_SETTINGS, lang: 'auto' }, 'fr-CA')).toBe('fr');
  });

  it('accepts only plain http(s) collector addresses', () => {
    expect(collectorAddress('https://collecte.ville.fr')).toBe('https://collecte.ville.fr/');
    expect(collectorAddress(' http://127.0.0.1:8787/vigie?x=1 ')).toBe('http://127.0.0.1:8787/vigie/');
    for (const bad of ['', 'collecte.ville.fr', 'javascript:alert(1)', 'https://user:pw@x.fr/', 'https://x.fr/#a', 42, null]) {
      expect(collectorAddress(bad), String(bad)).toBeNull();
    }
  });
});
