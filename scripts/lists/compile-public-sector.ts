// Compiles lists/public-sector/ (suffix rules, curated public sites, shared public infrastructure), checking every entry.
import { join } from 'node:path';
import { getPublicSuffix } from 'tldts';
import { fail, readRegistry, readRegistryFolder, type Located } from './read-json-lines';
import {
  PUBLIC_SITE_KINDS,
  type PublicSectorPart,
  type PublicSite,
  type PublicSuffixRule,
  type ServiceEntry,
} from '../../utils/public-sector';
import { CATEGORIES } from '../../utils/types';

interface SuffixLine extends PublicSuffixRule {
  source?: string;
  note?: string;
}

interface SiteLine extends Partial<PublicSite> {
  platform?: string;
  name: string;
  source?: string;
  note?: string;
}

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** A suffix may be a single label (gov, mil); a site or service host has at least two. */
const SUFFIX = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const HOST = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
const COUNTRY = /^(?:[A-Z]{2})$/;
const HTTPS = /^https:\/\/[^\s/]+\/\S*$/;

function checkFields(at: Located<object>, allowed: readonly string[]): void {
  for (const key of Object.keys(at.value)) if (!allowed.includes(key)) fail(at, `unknown field "${key}"`);
}

function checkText(at: Located<object>, field: string, value: unknown): void {
  if (typeof value !== 'string' || !value.trim()) fail(at, `missing ${field}`);
}

function checkSource(at: Located<object>, source: unknown, required: boolean): void {
  if (source === undefined && !required) return;
  if (typeof source !== 'string' || !HTTPS.test(source)) fail(at, `source must be an https URL, got ${JSON.stringify(source)}`);
}

function checkCountry(at: Located<object>, country: unknown): void {
  if (typeof country !== 'string' || !COUNTRY.test(country)) {
    fail(at, `country must be an ISO 3166-1 alpha-2 code (or "EU"), got ${JSON.stringify(country)}`);
  }
}

/** The longest suffix rule a host is under (or equals), if any. */
function suffixOf(host: string, suffixes: ReadonlySet<string>): string | null {
  for (let key = host; ; ) {
    if (suffixes.has(key)) return key;
    const dot = key.indexOf('.');
    if (dot < 0) return null;
    key = key.slice(dot + 1);
  }
}

export function compilePublicSector(root: string): { part: PublicSectorPart; services: Located<ServiceEntry>[] } {
  const dir = join(root, 'lists/public-sector');

  const suffixes: PublicSuffixRule[] = [];
  const suffixSet = new Set<string>();
  for (const at of readRegistry<SuffixLine>(join(dir, 'suffixes.json'), root)) {
    const s = at.value;
    checkFields(at, ['suffix', 'country', 'name', 'source', 'note']);
    if (typeof s.suffix !== 'string' || !SUFFIX.test(s.suffix)) fail(at, `bad suffix ${JSON.stringify(s.suffix)}`);
    if (suffixSet.has(s.suffix)) fail(at, `suffix "${s.suffix}" listed twice`);
    checkText(at, 'name', s.name);
    checkCountry(at, s.country);
    checkSource(at, s.source, true);
    suffixSet.add(s.suffix);
    suffixes.push({ suffix: s.suffix, name: s.name, country: s.country });
  }

  const sites: PublicSite[] = [];
  const platforms: string[] = [];
  const seen = new Set<string>();
  for (const at of readRegistry<SiteLine>(join(dir, 'sites.json'), root)) {
    const s = at.value;
    checkText(at, 'name', s.name);
    checkSource(at, s.source, false);
    // A platform line (wordpress.com) is not a public site: see PublicSectorPart.platforms.
    if (s.platform !== undefined) {
      checkFields(at, ['platform', 'name', 'source', 'note']);
      if (!HOST.test(s.platform)) fail(at, `bad platform host ${JSON.stringify(s.platform)}`);
      if (seen.has(s.platform)) fail(at, `"${s.platform}" listed twice`);
      seen.add(s.platform);
      platforms.push(s.platform);
      continue;
    }
    checkFields(at, ['domain', 'name', 'kind', 'country', 'source', 'note']);
    const domain = s.domain;
    if (typeof domain !== 'string' || !HOST.test(domain)) fail(at, `bad domain ${JSON.stringify(domain)}`);
    if (seen.has(domain)) fail(at, `"${domain}" listed twice`);
    const under = suffixOf(domain, suffixSet);
    if (under) fail(at, `"${domain}" is already covered by the suffix rule "${under}"`);
    // A site entry covers its subdomains: on a public suffix (cci.fr) that would claim other registrants' sites.
    if (getPublicSuffix(domain, { allowPrivateDomains: true }) === domain) {
      fail(at, `"${domain}" is a public suffix: list it in suffixes.json if every host under it is public`);
    }
    if (!(PUBLIC_SITE_KINDS as readonly string[]).includes(s.kind as string)) {
      fail(at, `kind must be one of ${PUBLIC_SITE_KINDS.join(', ')}, got ${JSON.stringify(s.kind)}`);
    }
    checkCountry(at, s.country);
    seen.add(domain);
    sites.push({ domain, name: s.name, kind: s.kind!, country: s.country! });
  }

  const owners = new Set(readRegistryFolder<{ id: string }>(join(root, 'lists/owners'), root).map((o) => o.value.id));
  const services = readRegistry<ServiceEntry>(join(dir, 'infrastructure.json'), root);
  const names = new Set<string>();
  const claimed = new Map<string, string>();
  for (const at of services) {
    const s = at.value;
    checkFields(at, ['name', 'owner', 'category', 'hosts', 'urls', 'tracker', 'source', 'note']);
    checkText(at, 'name', s.name);
    if (names.has(s.name)) fail(at, `service "${s.name}" listed twice`);
    names.add(s.name);
    if (!owners.has(s.owner)) fail(at, `owner "${s.owner}" is not in lists/owners/`);
    if (!(CATEGORIES as readonly string[]).includes(s.category)) fail(at, `unknown category "${s.category}"`);
    if (s.hosts !== undefined && !Array.isArray(s.hosts)) fail(at, 'hosts must be an array');
    if (s.urls !== undefined && !Array.isArray(s.urls)) fail(at, 'urls must be an array');
    if (!s.hosts?.length && !s.urls?.length) fail(at, 'a service needs hosts or urls');
    for (const h of s.hosts ?? []) {
      if (typeof h !== 'string' || !HOST.test(h)) fail(at, `bad host ${JSON.stringify(h)}`);
      const other = claimed.get(h);
      if (other) fail(at, `host "${h}" already belongs to "${other}"`);
      claimed.set(h, s.name);
    }
    for (const u of s.urls ?? []) {
      const slash = typeof u === 'string' ? u.indexOf('/') : -1;
      if (slash < 0 || !HOST.test(u.slice(0, slash))) fail(at, `bad url prefix ${JSON.stringify(u)} (expected host/path)`);
    }
    if (s.tracker !== undefined && typeof s.tracker !== 'boolean') fail(at, 'tracker must be true or false');
    checkSource(at, s.source, true);
  }

  return { part: { suffixes, sites, platforms }, services };
}
