// Country classes of SN-1: which jurisdictions count as EU/EEA, which have an EU adequacy decision.
import type { CountryClass, Gafam } from './types';

/** EU 27 + Iceland, Liechtenstein, Norway; "EU" stands for the European Union's own institutions. */
export const EU_EEA: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'EU',
]);

/**
 * Countries with an EU adequacy decision, as SN-1 lists them. The United States' partial adequacy (the Data
 * Privacy Framework) is deliberately not here: SN-1 counts US companies as "other non-EU".
 */
export const ADEQUACY: ReadonlySet<string> = new Set([
  'GB', 'CH', 'JP', 'KR', 'CA', 'NZ', 'IL', 'AR', 'UY', 'AD', 'FO', 'GG', 'IM', 'JE',
]);

export function countryClassOf(country: string | null | undefined, gafam: Gafam | null | undefined): CountryClass {
  if (gafam) return 'gafam';
  // ZZ: the registry's code for an organisation whose country could not be established.
  if (!country || country === 'ZZ') return 'unknown';
  if (EU_EEA.has(country)) return 'eu';
  if (ADEQUACY.has(country)) return 'adequacy';
  return 'other';
}
