// Services (third-party-web entities and the project's own) and their owners: which service is this host or URL?
import type { Category, CountryClass, Gafam } from './types';
import { countryClassOf } from './countries';

/**
 * The services part of the compiled lists. Owners, services and hosts are tab-separated lines rather than JSON
 * objects: parsing thousands of small objects is most of a cold start, while lines are split once and each owner
 * or service is only decoded when a page meets it.
 */
export interface ServicesPart {
  /** `id \t name \t ultimate parent's line \t country \t gafam \t public(1|)`, sorted by id. */
  owners: string;
  /** `name \t owner's line \t category \t tracker(1|0|)`. */
  services: string;
  /** `host \t value`: value = service line × 2, + 1 when only that exact host matches (not its subdomains). */
  hosts: string;
  /** Host → [path prefix, service line] pairs, longest prefix first. */
  urls: Record<string, Array<[string, number]>>;
}

/** An owner as the engine reports it: its own name, its ultimate parent, the parent's country and class. */
export interface Owner {
  id: string;
  organisation: string;
  parent: string;
  parentId: string;
  country: string;
  countryClass: CountryClass;
  gafam: Gafam | null;
  public: boolean;
}

export interface Service {
  name: string;
  category: Category;
  /** The project's registry forces the tracker flag either way; undefined lets category and AdGuard decide. */
  tracker: boolean | undefined;
  owner: Owner;
}

export interface ServiceIndex {
  ownerLines: readonly string[];
  serviceLines: readonly string[];
  owners: Array<Owner | undefined>;
  services: Array<Service | undefined>;
  ownerLineById: Map<string, number> | undefined;
  hosts: ReadonlyMap<string, number>;
  urls: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>>;
}

export function createServiceIndex(part: ServicesPart): ServiceIndex {
  const hosts = new Map<string, number>();
  for (const line of part.hosts.split('\n')) {
    const tab = line.indexOf('\t');
    hosts.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  const ownerLines = part.owners.split('\n');
  const serviceLines = part.services.split('\n');
  return {
    ownerLines,
    serviceLines,
    owners: new Array<Owner | undefined>(ownerLines.length),
    services: new Array<Service | undefined>(serviceLines.length),
    ownerLineById: undefined,
    hosts,
    urls: new Map(Object.entries(part.urls)),
  };
}

export function ownerAt(index: ServiceIndex, line: number): Owner {
  let owner = index.owners[line];
  if (owner) return owner;
  const [id, name, parentLine] = index.ownerLines[line]!.split('\t') as [string, string, string];
  const [parentId, parentName, , country, gafam, isPublic] = index.ownerLines[Number(parentLine)]!.split('\t') as string[];
  owner = {
    id,
    organisation: name,
    parent: parentName!,
    parentId: parentId!,
    country: country!,
    countryClass: countryClassOf(country, (gafam || null) as Gafam | null),
    gafam: (gafam || null) as Gafam | null,
    public: isPublic === '1',
  };
  index.owners[line] = owner;
  return owner;
}

/** An owner by its registry id (hosting providers and cookie rules name owners by id). */
export function ownerById(index: ServiceIndex, id: string): Owner | null {
  if (!index.ownerLineById) {
    index.ownerLineById = new Map(index.ownerLines.map((l, i) => [l.slice(0, l.indexOf('\t')), i]));
  }
  const line = index.ownerLineById.get(id);
  return line === undefined ? null : ownerAt(index, line);
}

export function serviceAt(index: ServiceIndex, line: number): Service {
  let service = index.services[line];
  if (service) return service;
  const [name, ownerLine, category, tracker] = index.serviceLines[line]!.split('\t') as [string, string, string, string];
  service = {
    name,
    category: category as Category,
    tracker: tracker === '' ? undefined : tracker === '1',
    owner: ownerAt(index, Number(ownerLine)),
  };
  index.services[line] = service;
  return service;
}

/** The service of a host: the longest listed suffix wins (an exact-only entry only for the host itself). */
export function serviceOfHost(index: ServiceIndex, host: string): Service | null {
  for (let start = 0; start >= 0; ) {
    const value = index.hosts.get(start === 0 ? host : host.slice(start));
    if (value !== undefined && (start === 0 || (value & 1) === 0)) return serviceAt(index, value >>> 1);
    const dot = host.indexOf('.', start);
    start = dot < 0 ? -1 : dot + 1;
  }
  return null;
}

/** A URL rule (host + path prefix) is more specific than any host rule; `rest` is path and query. */
export function serviceOfUrl(index: ServiceIndex, host: string, rest: string): Service | null {
  const rules = index.urls.get(host);
  if (!rules) return null;
  for (const [prefix, service] of rules) if (rest.startsWith(prefix)) return serviceAt(index, service);
  return null;
}
