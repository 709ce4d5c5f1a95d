// Parsers of the official registries of public-sector websites (French DINUM list, US .gov list); pure, never throw.
import { parse } from 'tldts';
import type { ImportedPublicSite } from './public-sector';

export interface ParseError {
  /** 1-based line of the input; 0 for the input as a whole. */
  line: number;
  message: string;
}

export interface ParseResult {
  sites: ImportedPublicSite[];
  errors: ParseError[];
}

export type RegistryFormat = 'fr-dinum-urls' | 'fr-dinum-csv' | 'us-dotgov';

export const FR_DINUM_SOURCE = 'fr-dinum';
export const US_DOTGOV_SOURCE = 'us-dotgov';

// A file of garbage would otherwise yield one error per line; the first ones say enough.
const MAX_ERRORS = 1000;

/** Collects sites (first occurrence of a host wins) and a bounded list of errors. */
class Collector {
  readonly sites: ImportedPublicSite[] = [];
  readonly errors: ParseError[] = [];
  private readonly seen = new Set<string>();
  private dropped = 0;
  private lastLine = 0;

  error(line: number, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ line, message });
    else this.dropped++;
    this.lastLine = line;
  }

  site(site: ImportedPublicSite): void {
    if (this.seen.has(site.host)) return;
    this.seen.add(site.host);
    this.sites.push(site);
  }

  result(): ParseResult {
    if (this.dropped) this.errors.push({ line: this.lastLine, message: `${this.dropped} more errors not listed` });
    if (!this.sites.length && !this.errors.length) this.errors.push({ line: 0, message: 'no entries found' });
    return { sites: this.sites, errors: this.errors };
  }
}

function lines(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r?\n|\r/);
}

// --- Host names -------------------------------------------------------------------------------------------

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const IPV4 = /^\d+(?:\.\d+){3}$/;
const NON_ASCII = /[\u0080-\uffff]/;
// IDN labels hold letters, marks and digits; anything else (controls, U+FFFD, symbols) is not a host name.
const IDN_LABEL = /^[\p{L}\p{M}\p{N}_-]+$/u;

/** Punycode (RFC 3492) of one label, so that imported IDN hosts compare equal to URL.hostname's form. */
function punycode(label: string): string {
  const points = Array.from(label, (c) => c.codePointAt(0)!);
  let out = '';
  for (const p of points) if (p < 0x80) out += String.fromCharCode(p);
  const basic = out.length;
  if (basic) out += '-';
  const digit = (d: number) => String.fromCharCode(d < 26 ? 97 + d : 22 + d); // a-z, then 0-9
  const adapt = (delta: number, count: number, first: boolean) => {
    delta = first ? Math.floor(delta / 700) : Math.floor(delta / 2);
    delta += Math.floor(delta / count);
    let k = 0;
    for (; delta > 455; k += 36) delta = Math.floor(delta / 35);
    return k + Math.floor((36 * delta) / (delta + 38));
  };
  let n = 128;
  let delta = 0;
  let bias = 72;
  for (let handled = basic; handled < points.length; n++, delta++) {
    let next = Infinity;
    for (const p of points) if (p >= n && p < next) next = p;
    delta += (next - n) * (handled + 1);
    n = next;
    for (const p of points) {
      if (p < n) delta++;
      if (p !== n) continue;
      let q = delta;
      for (let k = 36; ; k += 36) {
        const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
        if (q < t) break;
        out += digit(t + ((q - t) % (36 - t)));
        q = Math.floor((q - t) / (36 - t));
      }
      out += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
  }
  return out;
}

/**
 * The host of a URL or bare domain as the index keys it: lowercase, punycode, no scheme, path, port,
 * trailing dot or leading "www.". Returns an error message for what cannot be a public website's host.
 */
export function normaliseHost(input: string): string | { error: string } {
  let s = input.trim().toLowerCase();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//.exec(s);
  if (scheme) s = s.slice(scheme[0].length);
  const end = s.search(/[/?#\\]/);
  if (end >= 0) s = s.slice(0, end);
  s = s.slice(s.lastIndexOf('@') + 1);
  const colon = s.indexOf(':');
  if (colon >= 0) {
    if (!/^:\d{0,5}$/.test(s.slice(colon))) return { error: `invalid port or character in "${s}"` };
    s = s.slice(0, colon);
  }
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (!s) return { error: 'empty host' };
  if (s.length > 253 * 4) return { error: 'host too long' };
  const labels = s.normalize('NFC').split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (NON_ASCII.test(label) && !IDN_LABEL.test(label)) return { error: `invalid host "${s}"` };
    const ascii = NON_ASCII.test(label) ? 'xn--' + punycode(label) : label;
    if (!LABEL.test(ascii)) return { error: `invalid host "${s}"` };
    labels[i] = ascii;
  }
  if (labels.length > 2 && labels[0] === 'www') labels.shift();
  const host = labels.join('.');
  if (labels.length < 2) return { error: `not a domain name: "${s}"` };
  if (host.length > 253) return { error: 'host too long' };
  if (IPV4.test(host)) return { error: `IP address, not a domain name: "${host}"` };
  const info = parse(host, { allowPrivateDomains: true, extractHostname: false });
  if (!info.isIcann && !info.isPrivate) return { error: `unknown top-level domain in "${host}"` };
  return host;
}

// --- CSV --------------------------------------------------------------------------------------------------

/** Fields of one CSV line (RFC 4180 quoting, "" for a quote); null when a quoted field is not closed. */
function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null;
        field += line.slice(i, q);
        i = q + 1;
        if (line[i] !== '"') break;
        field += '"';
        i++;
      }
      const comma = line.indexOf(',', i);
      field += line.slice(i, comma < 0 ? line.length : comma); // tolerate text after the closing quote
      i = comma < 0 ? line.length : comma;
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/**
 * Reads a CSV with a header: `required` columns must exist (else one error, no rows); `wanted` ones are
 * reported when missing but do not stop the parse. Calls `row` with each data row's fields by column name.
 */
function readCsv(
  text: string,
  required: string[],
  wanted: string[],
  out: Collector,
  row: (get: (column: string) => string | undefined, line: number) => void,
): void {
  const all = lines(text);
  let h = 0;
  while (h < all.length && !all[h]!.trim()) h++;
  const header = h < all.length ? csvFields(all[h]!) : null;
  if (!header) return out.error(h + 1, 'no CSV header');
  const columns = new Map(header.map((name, i) => [name.toLowerCase(), i]));
  const missing = required.filter((c) => !columns.has(c.toLowerCase()));
  if (missing.length) return out.error(h + 1, `missing column ${missing.map((c) => `"${c}"`).join(', ')}`);
  for (const c of wanted) if (!columns.has(c.toLowerCase())) out.error(h + 1, `missing column "${c}"`);
  for (let i = h + 1; i < all.length; i++) {
    const line = all[i]!;
    if (!line.trim()) continue;
    const fields = csvFields(line);
    if (!fields) {
      out.error(i + 1, 'unterminated quoted field');
      continue;
    }
    if (fields.length !== header.length) {
      out.error(i + 1, `expected ${header.length} fields, found ${fields.length}`);
      continue;
    }
    row((column) => {
      const index = columns.get(column.toLowerCase());
      return index === undefined ? undefined : fields[index];
    }, i + 1);
  }
}

// --- Formats ----------------------------------------------------------------------------------------------

/** Which official format a text is in, from its first non-empty line. */
export function detectRegistryFormat(text: string): RegistryFormat {
  if (typeof text !== 'string') return 'fr-dinum-urls';
  const first = lines(text).find((l) => l.trim())?.trim().toLowerCase() ?? '';
  if (/^"?domain name"?(,|$)/.test(first)) return 'us-dotgov';
  if (/^"?name"?(,|$)/.test(first)) return 'fr-dinum-csv';
  return 'fr-dinum-urls';
}

// Callers may hand over whatever a file picker or storage gave them.
function notText(out: Collector): ParseResult {
  out.error(0, 'input is not text');
  return out.result();
}

function addHost(out: Collector, line: number, raw: string, site: Omit<ImportedPublicSite, 'host'>): void {
  const host = normaliseHost(raw);
  if (typeof host === 'string') out.site({ host, ...site });
  else out.error(line, host.error);
}

/**
 * The DINUM list "noms de domaine des organismes du secteur public": `urls.txt` (one URL or domain per line)
 * or one of its CSV files (`name,http_last_check,…`, name being a host).
 */
export function parseFrenchPublicSectorList(text: string): ParseResult {
  const out = new Collector();
  if (typeof text !== 'string') return notText(out);
  const site = { source: FR_DINUM_SOURCE, country: 'FR' };
  if (detectRegistryFormat(text) === 'fr-dinum-csv') {
    readCsv(text, ['name'], [], out, (get, line) => addHost(out, line, get('name') ?? '', site));
  } else {
    lines(text).forEach((raw, i) => {
      const line = raw.trim();
      if (line && !line.startsWith('#')) addHost(out, i + 1, line, site);
    });
  }
  return out.result();
}

/** CISA's `current-full.csv` of US .gov domains. */
export function parseDotGovCsv(text: string): ParseResult {
  const out = new Collector();
  if (typeof text !== 'string') return notText(out);
  readCsv(text, ['Domain name'], ['Domain type', 'Organization name'], out, (get, line) => {
    const site: Omit<ImportedPublicSite, 'host'> = { source: US_DOTGOV_SOURCE, country: 'US' };
    const kind = get('Domain type');
    const name = get('Organization name');
    if (kind) site.kind = kind;
    if (name) site.name = name;
    addHost(out, line, get('Domain name') ?? '', site);
  });
  return out.result();
}

/** Any of the supported registries, its format detected from the content. */
export function parsePublicRegistry(text: string): ParseResult & { format: RegistryFormat } {
  const format = detectRegistryFormat(text);
  const result = format === 'us-dotgov' ? parseDotGovCsv(text) : parseFrenchPublicSectorList(text);
  return { ...result, format };
}
