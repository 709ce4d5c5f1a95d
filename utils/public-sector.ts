// Public-sector recognition: is a host a public body's site (suffix rule, curated list, imported registry)?
import { getPublicSuffix } from 'tldts';
import type { PublicBody } from './types';

export const PUBLIC_SITE_KINDS = [
  'state',
  'agency',
  'region',
  'department',
  'city',
  'intercommunality',
  'hospital',
  'university',
  'school',
  'eu',
] as const;
export type PublicSiteKind = (typeof PUBLIC_SITE_KINDS)[number];

/** A suffix under which every host is a government body's (gouv.fr, admin.ch, europa.eu). */
export interface PublicSuffixRule {
  suffix: string;
  /** The body the suffix stands for. */
  name: string;
  /** ISO 3166-1 alpha-2, "EU" for the European Union. */
  country: string;
}

/** A public body's own domain outside the suffixes (paris.fr); covers its subdomains. */
export interface PublicSite {
  domain: string;
  name: string;
  kind: PublicSiteKind;
  country: string;
}

/** The public-sector part of the compiled lists (written by scripts/lists/compile-public-sector.ts). */
export interface PublicSectorPart {
  suffixes: PublicSuffixRule[];
  sites: PublicSite[];
  /**
   * Hosts of shared website platforms (wordpress.com, e-monsite.com…). Official registries sometimes list a
   * platform's own host by mistake; such an import line is ignored, lest every site of the platform be public.
   */
  platforms: string[];
}

/** A site from a registry imported at run time (see public-registries.ts) or marked public by the person. */
export interface ImportedPublicSite {
  /** Lowercase ASCII (punycode) host, without "www.". */
  host: string;
  /** "fr-dinum", "us-dotgov", "user". */
  source: string;
  id?: string;
  name?: string;
  kind?: string;
  country: string;
}

/** An entry of the project's services registry (lists/services/*.json, lists/public-sector/infrastructure.json). */
export interface ServiceEntry {
  name: string;
  owner: string;
  category: string;
  /** Host suffixes: the host itself and its subdomains. */
  hosts?: string[];
  /** "host/path-prefix". */
  urls?: string[];
  tracker?: boolean;
  source?: string;
  note?: string;
}

interface Entry {
  body: PublicBody;
  /** Matches the host itself (and its "www.") only, not its subdomains. */
  exact: boolean;
}

export interface PublicSectorIndex {
  /** Host or host suffix → body; one map so that a lookup costs one `get` per label. */
  readonly entries: ReadonlyMap<string, Entry>;
  /** The suffix rules alone: they split registrable domains. */
  readonly suffixes: ReadonlySet<string>;
}

export function createPublicSectorIndex(part: PublicSectorPart, imported?: readonly ImportedPublicSite[]): PublicSectorIndex {
  const entries = new Map<string, Entry>();
  const suffixes = new Set<string>();
  // The first writer of a key wins: suffix rules, then the curated list, then imports. The most specific key
  // still wins at lookup time: an imported "ain.gouv.fr" is reported under its own source, not as gouv.fr.
  const add = (key: string, body: PublicBody, exact: boolean) => {
    if (!entries.has(key)) entries.set(key, { body: Object.freeze(body), exact });
  };
  for (const s of part.suffixes) {
    suffixes.add(s.suffix);
    add(s.suffix, { source: `suffix:${s.suffix}`, name: s.name, country: s.country }, false);
  }
  for (const s of part.sites) add(s.domain, { source: 'vigie', id: s.domain, name: s.name, country: s.country }, false);

  const platforms = new Set(part.platforms);
  for (const site of imported ?? []) {
    if (typeof site?.host !== 'string' || !site.host || typeof site.source !== 'string') continue;
    if (platforms.has(site.host)) continue;
    const body: PublicBody = { source: site.source, country: site.country };
    if (site.id !== undefined) body.id = site.id;
    if (site.name !== undefined) body.name = site.name;
    // A registry line naming a public suffix (notaires.fr) vouches for that host, not for every site
    // registered below it.
    add(site.host, body, getPublicSuffix(site.host, { allowPrivateDomains: true }) === site.host);
  }
  return { entries, suffixes };
}

/**
 * The public body a host belongs to, or null. The host is expected as URL.hostname gives it (lowercase,
 * punycode). Hot path (every request): one Map lookup per label suffix, most specific first.
 */
export function publicBodyOf(index: PublicSectorIndex, host: string): PublicBody | null {
  if (host.charCodeAt(host.length - 1) === 46 /* . */) host = host.slice(0, -1);
  let start = 0;
  let key = host;
  for (;;) {
    const entry = index.entries.get(key);
    // An exact entry still accepts its "www." form: registries list sites with and without it.
    if (entry !== undefined && (!entry.exact || start === 0 || (start === 4 && host.startsWith('www.')))) {
      return entry.body;
    }
    const dot = host.indexOf('.', start);
    if (dot < 0) return null;
    start = dot + 1;
    key = host.slice(start);
  }
}

/**
 * The registrable domain of a host under one of the table's public suffixes: the label just above the longest
 * such suffix, plus the suffix (www.bag.admin.ch → bag.admin.ch), so that two services of a State are two
 * parties even where the Public Suffix List does not list the suffix. The suffix itself and its "www." are
 * the suffix owner's own site (gov.pl, www.gov.pl → gov.pl). Null when the host is under no suffix of the table.
 */
export function publicRegistrableDomain(index: PublicSectorIndex, host: string): string | null {
  if (host.charCodeAt(host.length - 1) === 46 /* . */) host = host.slice(0, -1);
  let start = 0; // start of the candidate suffix
  let above = -1; // start of the label just above it
  for (;;) {
    const key = start === 0 ? host : host.slice(start);
    if (index.suffixes.has(key)) {
      if (above < 0) return host;
      if (start - above === 4 && host.startsWith('www.', above)) return key;
      return above === 0 ? host : host.slice(above);
    }
    const dot = host.indexOf('.', start);
    if (dot < 0) return null;
    above = start;
    start = dot + 1;
  }
}
