// Validates the owners registry (lists/owners/*.json) and flattens it to the owners the compiled index needs.
import { join } from 'node:path';
import { fail, readRegistryFolder, type Located } from './read-json-lines';
import type { Gafam } from '../../utils/types';
import type { ServicesPart } from '../../utils/services';
import type { CookieRule } from '../../utils/cookies';
import type { ServicesCompilation } from './compile-services';
import type { CookieEntry } from './compile-cookies';

export interface OwnerEntry {
  id: string;
  name: string;
  parent?: string;
  country?: string;
  gafam?: Gafam;
  public?: boolean;
  source?: string;
  note?: string;
}

const FIELDS = new Set(['id', 'name', 'parent', 'country', 'gafam', 'public', 'source', 'note']);
const GAFAM = new Set(['google', 'apple', 'meta', 'amazon', 'microsoft']);
const COUNTRY = /^(?:[A-Z]{2})$/;

export function loadOwners(root: string): Map<string, OwnerEntry> {
  const entries = readRegistryFolder<OwnerEntry>(join(root, 'lists/owners'), root);
  const byId = new Map<string, Located<OwnerEntry>>();
  for (const at of entries) {
    const o = at.value;
    for (const key of Object.keys(o)) if (!FIELDS.has(key)) fail(at, `unknown field "${key}"`);
    if (typeof o.id !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(o.id)) fail(at, `bad id ${JSON.stringify(o.id)}`);
    if (byId.has(o.id)) {
      const first = byId.get(o.id)!;
      fail(at, `duplicate id "${o.id}" (first at ${first.file}:${first.line})`);
    }
    if (typeof o.name !== 'string' || !o.name.trim()) fail(at, 'missing name');
    if (o.country !== undefined && !COUNTRY.test(o.country)) fail(at, `bad country "${o.country}"`);
    if (o.gafam !== undefined && !GAFAM.has(o.gafam)) fail(at, `bad gafam "${o.gafam}"`);
    if (o.source !== undefined && !/^https?:\/\/\S+$/.test(o.source)) fail(at, `bad source "${o.source}"`);
    byId.set(o.id, at);
  }
  // Every chain must end at an organisation with a country, without cycles.
  for (const at of byId.values()) {
    const seen = new Set<string>();
    let current = at;
    while (current.value.parent !== undefined) {
      if (seen.has(current.value.id)) fail(at, `ownership cycle through "${current.value.id}"`);
      seen.add(current.value.id);
      const next = byId.get(current.value.parent);
      if (!next) fail(current, `unknown parent "${current.value.parent}"`);
      current = next;
    }
    if (!current.value.country) fail(current, `top-level organisation "${current.value.id}" has no country`);
  }
  return new Map([...byId].map(([id, at]) => [id, at.value]));
}

export function ultimateParent(owners: Map<string, OwnerEntry>, id: string): OwnerEntry {
  let current = owners.get(id)!;
  while (current.parent !== undefined) current = owners.get(current.parent)!;
  return current;
}

interface FlatOwner {
  id: string;
  name: string;
  parent: number;
  country: string;
  gafam?: Gafam;
  public?: boolean;
}

/** The referenced owners and their ultimate parents, sorted by id, with `parent` as an index into the list. */
export function flattenOwners(owners: Map<string, OwnerEntry>, referenced: Iterable<string>): {
  list: FlatOwner[];
  indexOf: (id: string) => number;
} {
  const ids = new Set<string>();
  for (const id of referenced) {
    if (!owners.has(id)) throw new Error(`owner "${id}" is referenced but not in lists/owners`);
    ids.add(id);
    ids.add(ultimateParent(owners, id).id);
  }
  const sorted = [...ids].sort();
  const position = new Map(sorted.map((id, i) => [id, i]));
  const list = sorted.map((id) => {
    const o = owners.get(id)!;
    const top = ultimateParent(owners, id);
    return {
      id,
      name: o.name,
      parent: position.get(top.id)!,
      country: o.country ?? top.country!,
      ...(o.gafam ? { gafam: o.gafam } : {}),
      ...(o.public ? { public: true } : {}),
    };
  });
  return { list, indexOf: (id) => position.get(id)! };
}

/** A tab-separated line; names come from our registries, so a tab or newline in one is a registry error. */
function line(fields: Array<string | number>): string {
  for (const f of fields) if (/[\t\n]/.test(String(f))) throw new Error(`tab or newline in ${JSON.stringify(f)}`);
  return fields.join('\t');
}

/**
 * Resolves every owner id used by services, hosting providers and cookie rules against the registry, and emits
 * the services part with owners as indexes (a missing owner stops the build with its id).
 */
export function linkOwners(
  root: string,
  services: ServicesCompilation,
  providerOwners: string[],
  cookies: CookieEntry[],
): { services: ServicesPart; cookies: CookieRule[]; countries: string[] } {
  const owners = loadOwners(root);
  const referenced = [...services.services.map((s) => s.owner), ...providerOwners, ...cookies.map((c) => c.owner)];
  const missing = [...new Set(referenced.filter((id) => !owners.has(id)))].sort();
  if (missing.length) throw new Error(`owners missing from lists/owners: ${missing.join(', ')}`);
  const { list, indexOf } = flattenOwners(owners, referenced);
  const sortedKeys = <V>(m: Map<string, V>) => [...m.keys()].sort().map((k) => [k, m.get(k)!] as const);
  return {
    services: {
      owners: list.map((o) => line([o.id, o.name, o.parent, o.country, o.gafam ?? '', o.public ? 1 : ''])).join('\n'),
      services: services.services
        .map((s) => line([s.name, indexOf(s.owner), s.category, s.tracker === undefined ? '' : s.tracker ? 1 : 0]))
        .join('\n'),
      hosts: sortedKeys(services.hosts).map(([h, [i, exact]]) => line([h, i * 2 + (exact ? 1 : 0)])).join('\n'),
      urls: Object.fromEntries(sortedKeys(services.urls)),
    },
    cookies: cookies.map((c) => ({ ...c, owner: indexOf(c.owner) })),
    countries: [...new Set(list.map((o) => o.country))].sort(),
  };
}
