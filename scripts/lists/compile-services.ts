// Compiles services: third-party-web's entities, overridden and extended by the project's own registry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { slug } from './slug';
import { fail, readRegistryFolder, type Located } from './read-json-lines';
import { CATEGORIES, type Category, type Provenance } from '../../utils/types';
import type { ServiceEntry } from '../../utils/public-sector';

interface TpwEntity {
  name: string;
  company?: string;
  category: string;
  domains: string[];
}

/** third-party-web's categories → the project's. */
const TPW_CATEGORY: Record<string, Category> = {
  ad: 'advertising',
  analytics: 'analytics',
  social: 'social',
  video: 'video',
  utility: 'utility',
  hosting: 'hosting',
  marketing: 'marketing',
  'customer-success': 'customer-success',
  content: 'content',
  cdn: 'cdn',
  'tag-manager': 'tag-manager',
  'consent-provider': 'consent',
  other: 'other',
};

const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const FIELDS = new Set(['name', 'owner', 'category', 'hosts', 'urls', 'tracker', 'source', 'note']);

export interface CompiledService {
  name: string;
  owner: string;
  category: Category;
  tracker?: boolean;
}

export interface ServicesCompilation {
  services: CompiledService[];
  /** Host → [service index, exact only]. */
  hosts: Map<string, [number, boolean]>;
  urls: Map<string, Array<[string, number]>>;
  provenance: Provenance[];
}

function validate(at: Located<ServiceEntry>): void {
  const s = at.value;
  for (const key of Object.keys(s)) if (!FIELDS.has(key)) fail(at, `unknown field "${key}"`);
  if (typeof s.name !== 'string' || !s.name) fail(at, 'missing name');
  if (typeof s.owner !== 'string' || !s.owner) fail(at, 'missing owner');
  if (!(CATEGORIES as readonly string[]).includes(s.category)) fail(at, `unknown category "${s.category}"`);
  for (const h of s.hosts ?? []) if (!HOST.test(h)) fail(at, `bad host "${h}"`);
  for (const u of s.urls ?? []) {
    const slash = u.indexOf('/');
    if (slash < 0 || !HOST.test(u.slice(0, slash))) fail(at, `bad url prefix "${u}" (expected host/path)`);
  }
  if (s.tracker !== undefined && typeof s.tracker !== 'boolean') fail(at, 'tracker must be true or false');
}

export function compileServices(root: string, extra: Located<ServiceEntry>[]): ServicesCompilation {
  const pkgDir = join(root, 'node_modules/third-party-web');
  const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const entities = JSON.parse(readFileSync(join(pkgDir, 'dist/entities.json'), 'utf8')) as TpwEntity[];

  const services: CompiledService[] = [];
  const byName = new Map<string, number>();
  const hosts = new Map<string, [number, boolean]>();
  const urls = new Map<string, Array<[string, number]>>();

  for (const e of entities) {
    const category = TPW_CATEGORY[e.category];
    if (!category) throw new Error(`third-party-web: unknown category "${e.category}" of ${e.name}`);
    const index = services.push({ name: e.name, owner: slug(e.company ?? e.name), category }) - 1;
    byName.set(e.name, index);
    for (const domain of e.domains) {
      // "*.example.com" covers example.com and its subdomains; a bare domain covers only itself.
      const wildcard = domain.startsWith('*.');
      hosts.set(wildcard ? domain.slice(2) : domain, [index, !wildcard]);
    }
  }

  // The project's registry wins: same name = override of that entity; its hosts replace any earlier claim.
  const own = [...readRegistryFolder<ServiceEntry>(join(root, 'lists/services'), root), ...extra];
  const seenOwn = new Map<string, Located<ServiceEntry>>();
  for (const at of own) {
    validate(at);
    const s = at.value;
    const earlier = seenOwn.get(s.name);
    if (earlier) fail(at, `service "${s.name}" defined twice (first at ${earlier.file}:${earlier.line})`);
    seenOwn.set(s.name, at);
    let index = byName.get(s.name);
    const compiled: CompiledService = {
      name: s.name,
      owner: s.owner,
      category: s.category as Category,
      ...(s.tracker !== undefined ? { tracker: s.tracker } : {}),
    };
    if (index === undefined) {
      index = services.push(compiled) - 1;
      byName.set(s.name, index);
    } else services[index] = compiled;
    for (const h of s.hosts ?? []) hosts.set(h, [index, false]);
    for (const u of s.urls ?? []) {
      const slash = u.indexOf('/');
      const host = u.slice(0, slash);
      const rules = urls.get(host) ?? [];
      rules.push([u.slice(slash), index]);
      urls.set(host, rules);
    }
  }
  for (const rules of urls.values()) rules.sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));

  return {
    services,
    hosts,
    urls,
    provenance: [{ part: 'services', package: 'third-party-web', version, licence: 'MIT' }],
  };
}
