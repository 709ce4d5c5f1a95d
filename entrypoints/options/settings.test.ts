import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, readSettings, saveSettings, SETTINGS_KEY, settingsLang } from './settings';
import { memoryArea } from './test-area';

describe('settings', () => {
  it('falls back to the default of each field that is missing or wrong', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readSettings({ lang: 'de', historyDays: 30 })).toEqual({ lang: 'auto', historyDays: 30 });
    expect(readSettings({ lang: 'fr', historyDays: 12 })).toEqual({ lang: 'fr', historyDays: DEFAULT_SETTINGS.historyDays });
  });

  it('saves a change over what is stored, under the versioned key', async () => {
    const area = memoryArea();
    await saveSettings(area, { lang: 'fr' });
    await saveSettings(area, { historyDays: 0 });
    expect(area.data[SETTINGS_KEY]).toEqual({ lang: 'fr', historyDays: 0 });
    expect(await loadSettings(area)).toEqual({ lang: 'fr', historyDays: 0 });
  });

  it('picks the chosen language, else the browser’s', () => {
    expect(settingsLang({ lang: 'en', historyDays: 90 }, 'fr-FR')).toBe('en');
    expect(settingsLang({ lang: 'auto', historyDays: 90 }, 'fr-CA')).toBe('fr');
  });
});
