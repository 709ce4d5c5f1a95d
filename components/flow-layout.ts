// Layout of the flow diagram: the site → its third-party services → their organisations (ultimate parents) →
// the organisations' countries, in four columns. Each service is one row; an organisation spans the rows of its
// services and a country the rows of its organisations, so every link is a short horizontal line and none
// cross. Past a row budget, the smaller services of an organisation, then the smaller organisations of a
// country, fold into one "+N" row: the picture stays readable at 60 or 600 third parties; the tables list all.
import type { Audit, ServiceSummary } from '../utils/audit';
import type { CountryClass, Gafam } from '../utils/types';

export type FlowKind = 'site' | 'service' | 'organisation' | 'country';

export interface FlowNode {
  id: string;
  kind: FlowKind;
  /** Site host, service or organisation name, country code; null for a fold or an unknown owner or country. */
  name: string | null;
  /** A fold: how many services or organisations this one row stands for (0 for a plain node). */
  folded: number;
  /** What a fold or the unknown-owner group holds (names, for the tooltip). */
  members: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  requests: number;
  /** Services under this node (organisations and countries), or the services of its organisation (a fold). */
  services: number;
  countryClass: CountryClass | null;
  gafam: Gafam | null;
  tracker: boolean;
  /** A tracker that ran before the visitor's first interaction. */
  early: boolean;
}

export interface FlowLink {
  from: string;
  to: string;
  x1: number;
  x2: number;
  y: number;
  tracker: boolean;
  early: boolean;
}

export interface FlowLayout {
  width: number;
  height: number;
  /** Where each column starts and how wide it is (the renderer titles them). */
  columns: Array<{ kind: FlowKind; x: number; width: number }>;
  nodes: FlowNode[];
  links: FlowLink[];
  /** True when some services or organisations were folded to fit the row budget. */
  folded: boolean;
}

export const FLOW = {
  /** Rows at most before folding. */
  maxRows: 24,
  row: 34,
  gap: 4,
  header: 30,
  columnGap: 36,
  widths: { site: 140, service: 250, organisation: 220, country: 190 } as Record<FlowKind, number>,
} as const;

/** Worst first: GAFAM, other non-EU, adequacy, unknown, EU. */
const SEVERITY: Record<CountryClass, number> = { gafam: 0, other: 1, adequacy: 2, unknown: 3, eu: 4 };

interface Org {
  key: string;
  name: string | null;
  members: string[];
  country: string;
  countryClass: CountryClass;
  gafam: Gafam | null;
  services: ServiceSummary[];
  requests: number;
}

interface Country {
  code: string;
  orgs: Org[];
  requests: number;
  severity: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Trackers before consent, then trackers, come first, so folding never hides them before plain services. */
const weight = (s: ServiceSummary) => (s.trackerBeforeInteraction ? 2 : s.tracker ? 1 : 0);
const orgWeight = (o: Org) => Math.max(0, ...o.services.map(weight));

/** Organisations by country, biggest first; every third party whose owner is unknown in one group. */
function tree(audit: Audit): Country[] {
  const services = new Map(audit.thirdParties.map((s) => [s.key, s]));
  const orgs = new Map<string, Org>();
  for (const o of audit.organisations) {
    const own = o.services.flatMap((k) => services.get(k) ?? []);
    const key = o.parent === null ? '\u0000unknown' : o.key;
    let org = orgs.get(key);
    if (!org) {
      org = {
        key,
        name: o.parent,
        members: [],
        country: o.parent === null ? 'ZZ' : (o.country ?? 'ZZ'),
        countryClass: o.parent === null ? 'unknown' : o.countryClass,
        gafam: o.gafam,
        services: [],
        requests: 0,
      };
      orgs.set(key, org);
    }
    if (o.parent === null) org.members.push(o.key);
    org.services.push(...own);
    org.requests += o.requests;
  }
  const countries = new Map<string, Country>();
  for (const org of orgs.values()) {
    org.services.sort((a, b) => weight(b) - weight(a) || b.requests - a.requests || byText(a.key, b.key));
    let c = countries.get(org.country);
    if (!c) countries.set(org.country, (c = { code: org.country, orgs: [], requests: 0, severity: SEVERITY[org.countryClass] }));
    c.orgs.push(org);
    c.requests += org.requests;
    c.severity = Math.min(c.severity, SEVERITY[org.countryClass]);
  }
  for (const c of countries.values()) {
    c.orgs.sort((a, b) => (b.gafam ? 1 : 0) - (a.gafam ? 1 : 0) || orgWeight(b) - orgWeight(a) || b.requests - a.requests || byText(a.key, b.key));
  }
  return [...countries.values()].sort((a, b) => a.severity - b.severity || b.requests - a.requests || byText(a.code, b.code));
}

/** Rows an organisation takes when it shows at most `cap` rows of services (the last one a fold). */
const serviceRows = (org: Org, cap: number) => Math.min(org.services.length, cap);

/** The largest cap in [1, max] whose total stays within the budget, else 1. */
function largestCap(max: number, total: (cap: number) => number, budget: number): number {
  for (let cap = max; cap > 1; cap--) if (total(cap) <= budget) return cap;
  return 1;
}

/** A country's class in words: a GAFAM group's country is, as a country, outside the EU. */
function countryClassOf(country: Country): CountryClass {
  const classes = country.orgs.map((o) => (o.countryClass === 'gafam' ? 'other' : o.countryClass));
  return classes.sort((a, b) => SEVERITY[a] - SEVERITY[b])[0] ?? 'unknown';
}

export function layoutFlows(audit: Audit, maxRows: number = FLOW.maxRows): FlowLayout {
  const countries = tree(audit);
  const orgs = countries.flatMap((c) => c.orgs);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  // First fold services inside organisations; if organisations alone overflow, fold organisations too.
  const serviceCap = largestCap(Math.max(1, ...orgs.map((o) => o.services.length)), (cap) => sum(orgs.map((o) => serviceRows(o, cap))), maxRows);
  const orgCap =
    orgs.length > maxRows
      ? largestCap(Math.max(1, ...countries.map((c) => c.orgs.length)), (cap) => sum(countries.map((c) => Math.min(c.orgs.length, cap))), maxRows)
      : Infinity;

  const x = {} as Record<FlowKind, number>;
  let left = 0;
  for (const kind of ['site', 'service', 'organisation', 'country'] as const) {
    x[kind] = left;
    left += FLOW.widths[kind] + FLOW.columnGap;
  }
  const width = left - FLOW.columnGap;
  const nodes: FlowNode[] = [];
  const links: FlowLink[] = [];
  let row = 0;
  let folded = false;

  const node = (kind: FlowKind, fields: Partial<FlowNode> & { id: string }, top: number, bottom: number): FlowNode => {
    const n: FlowNode = {
      kind,
      name: null,
      folded: 0,
      members: [],
      requests: 0,
      services: 0,
      countryClass: null,
      gafam: null,
      tracker: false,
      early: false,
      ...fields,
      x: x[kind],
      y: FLOW.header + top * FLOW.row,
      width: FLOW.widths[kind],
      height: (bottom - top) * FLOW.row - FLOW.gap,
    };
    nodes.push(n);
    return n;
  };
  const link = (from: FlowNode, to: FlowNode, y: number, tracker: boolean, early: boolean) =>
    links.push({ from: from.id, to: to.id, x1: from.x + from.width, x2: to.x, y, tracker, early });
  const middle = (n: FlowNode) => n.y + n.height / 2;

  const serviceNodes = (org: Org, orgId: string): FlowNode[] => {
    const all = org.services;
    const shown = all.length > serviceCap ? all.slice(0, serviceCap - 1) : all;
    const out = shown.map((s) =>
      node(
        'service',
        {
          id: `${orgId}/s:${s.key}`,
          name: s.service ?? s.key,
          members: s.service ? [] : s.domains,
          requests: s.requests,
          countryClass: s.countryClass,
          gafam: s.gafam,
          tracker: s.tracker,
          early: s.trackerBeforeInteraction,
        },
        row,
        ++row,
      ),
    );
    const rest = all.slice(shown.length);
    if (rest.length) {
      folded = true;
      out.push(
        node(
          'service',
          {
            id: `${orgId}/s:+`,
            folded: rest.length,
            services: all.length,
            members: rest.map((s) => s.service ?? s.key),
            requests: sum(rest.map((s) => s.requests)),
            countryClass: org.countryClass,
            gafam: org.gafam,
            tracker: rest.some((s) => s.tracker),
            early: rest.some((s) => s.trackerBeforeInteraction),
          },
          row,
          ++row,
        ),
      );
    }
    return out;
  };

  const groups: Array<{ country: FlowNode; orgs: Array<{ org: FlowNode; services: FlowNode[] }> }> = [];
  for (const c of countries) {
    const countryTop = row;
    const shownOrgs = c.orgs.length > orgCap ? c.orgs.slice(0, orgCap - 1) : c.orgs;
    const restOrgs = c.orgs.slice(shownOrgs.length);
    const orgNodes: Array<{ org: FlowNode; services: FlowNode[] }> = [];
    for (const o of shownOrgs) {
      const top = row;
      const orgId = `c:${c.code}/o:${o.key}`;
      const services = serviceNodes(o, orgId);
      const org = node(
        'organisation',
        {
          id: orgId,
          name: o.name,
          members: o.members,
          requests: o.requests,
          services: o.services.length,
          countryClass: o.countryClass,
          gafam: o.gafam,
          tracker: o.services.some((s) => s.tracker),
          early: o.services.some((s) => s.trackerBeforeInteraction),
        },
        top,
        row,
      );
      orgNodes.push({ org, services });
    }
    if (restOrgs.length) {
      folded = true;
      const orgId = `c:${c.code}/o:+`;
      const restServices = restOrgs.flatMap((o) => o.services);
      const fields = {
        requests: sum(restOrgs.map((o) => o.requests)),
        countryClass: restOrgs[0]!.countryClass,
        gafam: restOrgs.find((o) => o.gafam)?.gafam ?? null,
        tracker: restServices.some((s) => s.tracker),
        early: restServices.some((s) => s.trackerBeforeInteraction),
      };
      const service = node(
        'service',
        { id: `${orgId}/s:+`, folded: restServices.length, members: restServices.map((s) => s.service ?? s.key), ...fields, services: restServices.length },
        row,
        row + 1,
      );
      const org = node(
        'organisation',
        { id: orgId, folded: restOrgs.length, members: restOrgs.map((o) => o.name ?? o.key), services: restServices.length, ...fields },
        row,
        ++row,
      );
      orgNodes.push({ org, services: [service] });
    }
    const orgList = [...c.orgs];
    const country = node(
      'country',
      {
        id: `c:${c.code}`,
        name: c.code === 'ZZ' ? null : c.code,
        requests: c.requests,
        services: sum(orgList.map((o) => o.services.length)),
        countryClass: countryClassOf(c),
        gafam: null,
        tracker: orgList.some((o) => o.services.some((s) => s.tracker)),
        early: orgList.some((o) => o.services.some((s) => s.trackerBeforeInteraction)),
      },
      countryTop,
      row,
    );
    groups.push({ country, orgs: orgNodes });
  }

  const site = node('site', { id: 'site', name: audit.page.host }, 0, Math.max(1, row));
  for (const { country, orgs: orgNodes } of groups) {
    for (const { org, services } of orgNodes) {
      for (const s of services) {
        link(site, s, middle(s), s.tracker, s.early);
        link(s, org, middle(s), s.tracker, s.early);
      }
      link(org, country, middle(org), org.tracker, org.early);
    }
  }

  return {
    width,
    height: FLOW.header + Math.max(1, row) * FLOW.row,
    columns: (['site', 'service', 'organisation', 'country'] as const).map((kind) => ({ kind, x: x[kind], width: FLOW.widths[kind] })),
    nodes,
    links,
    folded,
  };
}
