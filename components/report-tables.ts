// The report's tables as plain rows of text: the report page renders them with Preact, the printable evidence
// report as HTML, so both say exactly the same thing. Pure: an audit and the words of one language in, rows out.
import type { Audit, CookieFinding } from '../utils/audit';
import type { Evidence } from '../utils/score';
import type { ResourceType } from '../utils/types';
import { CLASS_KEYS, countryName } from './country';
import type { Translate } from './i18n';

export interface Table {
  /** Message key of the table's caption (also its identifier in the page). */
  id: string;
  caption: string;
  headers: string[];
  rows: string[][];
  /** Columns holding numbers (aligned right). */
  numeric: number[];
}

export const GAFAM_NAMES = { google: 'Google', apple: 'Apple', meta: 'Meta', amazon: 'Amazon', microsoft: 'Microsoft' } as const;

export function number(value: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(value);
}

/** Milliseconds since the navigation started, as seconds ("0.65 s"). */
export function seconds(ms: number, lang: string, t: Translate): string {
  return t('secondsValue', new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(ms / 1000));
}

export function formatDate(date: number | string, lang: string): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return String(date);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(d);
}

/** A cookie's lifetime in words: session, hours, days, months or years. */
export function lifetime(expiresIn: number | null, lang: string, t: Translate): string {
  if (expiresIn === null) return t('lifetimeSession');
  const hours = expiresIn / 3600;
  if (hours < 48) return t('lifetimeHours', number(Math.max(1, Math.round(hours)), lang));
  const days = hours / 24;
  if (days < 61) return t('lifetimeDays', number(Math.round(days), lang));
  const months = Math.round(days / 30.5);
  if (months < 24) return t('lifetimeMonths', number(months, lang));
  return t('lifetimeYears', number(Math.round(days / 365), lang));
}

export function resourceTypes(types: Partial<Record<ResourceType, number>>, lang: string, t: Translate): string {
  return Object.entries(types)
    .sort(([a, x], [b, y]) => (y ?? 0) - (x ?? 0) || (a < b ? -1 : 1))
    .map(([type, count]) => `${t(`type_${type}`)} ${number(count ?? 0, lang)}`)
    .join(', ');
}

const yesNo = (value: boolean, t: Translate) => (value ? t('yes') : t('no'));

/** Words for the markers a service or organisation carries (never colour alone). */
function markers(m: { gafam: string | null; tracker: boolean; early: boolean }, t: Translate): string {
  return [m.gafam ? t('gafamMarker') : '', m.tracker ? t('trackerMarker') : '', m.early ? t('earlyMarker') : '']
    .filter(Boolean)
    .join(', ');
}

export function servicesTable(audit: Audit, lang: string, t: Translate): Table {
  return {
    id: 'tableServices',
    caption: t('tableServices'),
    headers: [t('colService'), t('colDomains'), t('colOrganisation'), t('colCountry'), t('colCategory'), t('colRequests'), t('colTypes'), t('colFirstSeen'), t('colBeforeInteraction'), t('colCookies'), t('colMarkers')],
    rows: audit.thirdParties.map((s) => [
      s.service ?? s.key,
      s.domains.join(', '),
      s.parent ?? t('unknownOwner'),
      `${countryName(s.country, lang, t)} (${t(CLASS_KEYS[s.countryClass])})`,
      s.category ? t(`category_${s.category.replace(/-/g, '_')}`) : t('categoryUnknown'),
      number(s.requests, lang),
      resourceTypes(s.types, lang, t),
      seconds(s.firstSeen, lang, t),
      yesNo(s.beforeInteraction, t),
      s.cookies.join(', '),
      markers({ gafam: s.gafam, tracker: s.tracker, early: s.trackerBeforeInteraction }, t),
    ]),
    numeric: [5],
  };
}

export function organisationsTable(audit: Audit, lang: string, t: Translate): Table {
  return {
    id: 'tableOrganisations',
    caption: t('tableOrganisations'),
    headers: [t('colOrganisation'), t('colCompanies'), t('colCountry'), t('colServices'), t('colRequests'), t('colMarkers')],
    rows: audit.organisations.map((o) => [
      o.parent ?? `${t('unknownOwner')} (${o.key})`,
      o.organisations.join(', '),
      `${countryName(o.country, lang, t)} (${t(CLASS_KEYS[o.countryClass])})`,
      o.services.join(', '),
      number(o.requests, lang),
      markers({ gafam: o.gafam, tracker: o.tracker, early: o.trackerBeforeInteraction }, t),
    ]),
    numeric: [4],
  };
}

export function countriesTable(audit: Audit, lang: string, t: Translate): Table {
  const countries = new Map<string, { code: string | null; organisations: string[]; services: number; requests: number; gafam: Set<string> }>();
  for (const o of audit.organisations) {
    const key = o.country ?? 'ZZ';
    let c = countries.get(key);
    if (!c) countries.set(key, (c = { code: o.country, organisations: [], services: 0, requests: 0, gafam: new Set() }));
    c.organisations.push(o.parent ?? o.key);
    c.services += o.services.length;
    c.requests += o.requests;
    if (o.gafam) c.gafam.add(GAFAM_NAMES[o.gafam]);
  }
  return {
    id: 'tableCountries',
    caption: t('tableCountries'),
    headers: [t('colCountry'), t('colOrganisations'), t('colServices'), t('colRequests'), t('colGafam')],
    rows: [...countries.values()]
      .sort((a, b) => b.requests - a.requests)
      .map((c) => [countryName(c.code, lang, t), c.organisations.join(', '), number(c.services, lang), number(c.requests, lang), [...c.gafam].sort().join(', ')]),
    numeric: [2, 3],
  };
}

function cookieParty(c: CookieFinding, t: Translate): string {
  return c.party === 'first' ? t('cookieFirstParty') : t('cookieThirdParty');
}

export function cookiesTable(audit: Audit, lang: string, t: Translate): Table {
  return {
    id: 'tableCookies',
    caption: t('tableCookies'),
    headers: [t('colCookie'), t('colDomain'), t('colParty'), t('colSeenIn'), t('colOwner'), t('colLifetime'), t('colTracking'), t('colBeforeInteraction')],
    rows: audit.cookies.map((c) => [
      c.name,
      c.domain,
      cookieParty(c, t),
      c.via === 'jar' ? t('cookieViaJar') : t('cookieViaResponse'),
      [c.service, c.organisation].filter(Boolean).join(' — '),
      lifetime(c.expiresIn, lang, t) + (c.longLived ? ` (${t('cookieLongLived')})` : ''),
      c.tracking ? (c.knownTracker ? t('cookieKnownTracker', c.rule ?? c.name) : t('yes')) : t('no'),
      yesNo(c.beforeInteraction, t),
    ]),
    numeric: [],
  };
}

export function criteriaTable(audit: Audit, t: Translate): Table {
  return {
    id: 'tableCriteria',
    caption: t('tableCriteria'),
    headers: [t('colCriterion'), t('colFound'), t('colCap'), t('colLost')],
    rows: audit.score.criteria.map((c) => [`${c.id} — ${t(`criterion${c.id}`)}`, String(c.raw), String(c.cap), String(c.lost)]),
    numeric: [1, 2, 3],
  };
}

/** Networks serving the site's own files (CDN fronting), with where their owner is. */
export function networksTable(audit: Audit, lang: string, t: Translate): Table {
  return {
    id: 'tableNetworks',
    caption: t('tableNetworks'),
    headers: [t('colProvider'), t('colAsn'), t('colCountry'), t('colHosts'), t('colIp')],
    rows: audit.firstParty.networks.map((n) => [
      n.provider ?? t('unknownOwner'),
      n.asn === null ? '' : `AS${n.asn}`,
      `${countryName(n.country, lang, t)} (${t(CLASS_KEYS[n.countryClass])})`,
      n.hosts.join(', '),
      n.ip,
    ]),
    numeric: [],
  };
}

export interface TimelineRow {
  /** Milliseconds since the navigation started. */
  time: number;
  domain: string;
  service: string;
  tracker: boolean;
  beforeInteraction: boolean;
}

/** Third-party domains in the order they first loaded. */
export function timelineRows(audit: Audit): TimelineRow[] {
  const services = new Map(audit.thirdParties.map((s) => [s.key, s]));
  return audit.thirdPartyDomains
    .map((d) => ({
      time: d.firstSeen,
      domain: d.domain,
      service: services.get(d.service)?.service ?? d.service,
      tracker: d.tracker,
      beforeInteraction: d.beforeInteraction,
    }))
    .sort((a, b) => a.time - b.time || (a.domain < b.domain ? -1 : 1));
}

export function timelineTable(audit: Audit, lang: string, t: Translate): Table {
  const rows = timelineRows(audit).map((r) => [
    seconds(r.time, lang, t),
    r.domain,
    r.service,
    r.tracker ? t('trackerMarker') : '',
    yesNo(r.beforeInteraction, t),
  ]);
  if (audit.firstInteraction !== null) {
    const at = timelineRows(audit).findIndex((r) => r.time >= audit.firstInteraction!);
    rows.splice(at < 0 ? rows.length : at, 0, [seconds(audit.firstInteraction, lang, t), t('firstInteractionRow'), '', '', '']);
  }
  return {
    id: 'tableTimeline',
    caption: t('tableTimeline'),
    headers: [t('colTime'), t('colDomain'), t('colService'), t('colTracker'), t('colBeforeInteraction')],
    rows,
    numeric: [0],
  };
}

/** A deduction's evidence as labelled values. */
export function evidenceItems(evidence: Evidence, lang: string, t: Translate): Array<[string, string]> {
  const items: Array<[string, string]> = [];
  if (evidence.service) items.push([t('evidenceService'), evidence.service]);
  if (evidence.organisation) items.push([t('evidenceOrganisation'), evidence.organisation]);
  if (evidence.country !== undefined) items.push([t('evidenceCountry'), countryName(evidence.country, lang, t)]);
  if (evidence.provider) items.push([t('evidenceProvider'), evidence.provider]);
  if (evidence.hosts?.length) items.push([t('evidenceHosts'), evidence.hosts.join(', ')]);
  if (evidence.cookies?.length) items.push([t('evidenceCookies'), evidence.cookies.join(', ')]);
  return items;
}

/** How the visit's public body is named: its name, else the registry it comes from. */
export function publicBodyName(audit: Audit, t: Translate): string | null {
  const body = audit.page.publicSector;
  if (!body) return null;
  if (body.name) return body.name;
  if (body.source === 'fr-dinum') return t('sourceFrDinum');
  if (body.source === 'us-dotgov') return t('sourceUsDotgov');
  return body.id ?? body.source;
}
