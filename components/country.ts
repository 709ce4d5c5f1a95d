// Country names in the page's language, from the browser's own data (Intl): no list of names to maintain.
import type { CountryClass } from '../utils/types';
import type { Translate } from './i18n';

export function countryName(code: string | null, lang: string, t: Translate): string {
  if (!code || code === 'ZZ') return t('countryUnknown');
  if (code === 'EU') return t('countryEu');
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Message keys of the SN-1 country classes, for the words that always accompany their colours. */
export const CLASS_KEYS: Record<CountryClass, string> = {
  eu: 'classEu',
  adequacy: 'classAdequacy',
  gafam: 'classGafam',
  other: 'classOther',
  unknown: 'classUnknown',
};
