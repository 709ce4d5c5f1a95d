// The list of sites to audit, from arguments and an --input file: a plain list (one URL or host name a line),
// a CSV with a `url` column, or the official registries as published (DINUM's urls.txt and its CSV files, CISA's
// .gov CSV). Bad lines are reported with their line number and skipped; the rest is audited.
import { detectRegistryFormat, normaliseHost } from '../../utils/public-registries';
import { normaliseUrl } from '../io';

export interface SiteEntry {
  /** The URL to open, normalised (WHATWG). */
  url: string;
  /** Position in the whole list, duplicates removed: shards and summaries order sites by it. */
  index: number;
}

export interface ListProblem {
  /** "FILE:LINE" or "argument N". */
  at: string;
  message: string;
}

export interface SiteList {
  sites: SiteEntry[];
  problems: ListProblem[];
  duplicates: number;
  /** What the file was read as, for the person to check ("plain list", "CSV (url column)", …). */
  format: string | null;
}

/** One CSV line's fields (RFC 4180 quoting); null when a quoted field is left open. */
function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

/**
 * A URL to visit from what a line gives: a full http(s) URL as it is, or a bare host name (registries list
 * hosts) opened over https, as a browser does with a typed address. The host is kept as written ("www." too):
 * the registries' own normalisation, which drops it, is for recognising sites, not for visiting them.
 */
export function siteUrl(value: string): string | { error: string } {
  const text = value.trim();
  if (!text) return { error: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(text)) {
    if (!/^https?:\/\//i.test(text)) return { error: `not a web address (http or https): "${text}"` };
    const url = normaliseUrl(text);
    if (!URL.canParse(url)) return { error: `malformed URL "${text}"` };
    const host = new URL(url).hostname;
    if (!host) return { error: `no host in "${text}"` };
    return url;
  }
  const host = normaliseHost(text);
  if (typeof host !== 'string') return { error: host.error };
  const url = normaliseUrl(`https://${text}`);
  if (!URL.canParse(url)) return { error: `malformed host name "${text}"` };
  return new URL(url).href;
}

interface Column {
  name: string;
  label: string;
}

/** Which column of a CSV holds the sites, by its header; null when the text is no CSV we know. */
function siteColumn(header: string[], text: string): Column | null {
  const lower = header.map((h) => h.toLowerCase());
  if (lower.includes('url')) return { name: 'url', label: 'CSV (url column)' };
  const registry = detectRegistryFormat(text);
  if (registry === 'us-dotgov') return { name: 'domain name', label: 'US .gov registry CSV (CISA)' };
  if (registry === 'fr-dinum-csv') return { name: 'name', label: 'French public-sector registry CSV (DINUM)' };
  return null;
}

/** Reads a list file's text; `source` names it in messages. */
export function readSiteFile(text: string, source: string): { values: Array<{ value: string; at: string }>; problems: ListProblem[]; format: string } {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  const values: Array<{ value: string; at: string }> = [];
  const problems: ListProblem[] = [];
  const first = lines.findIndex((l) => l.trim() !== '');
  const header = first >= 0 ? csvFields(lines[first]!) : null;
  const column = header ? siteColumn(header, text) : null;

  if (header && column) {
    const at = header.findIndex((h) => h.toLowerCase() === column.name);
    for (let i = first + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim()) continue;
      const fields = csvFields(line);
      const where = `${source}:${i + 1}`;
      if (!fields) problems.push({ at: where, message: 'unterminated quoted field' });
      else if (fields[at] === undefined || fields[at] === '') problems.push({ at: where, message: `no value in the "${header[at]}" column` });
      else values.push({ value: fields[at]!, at: where });
    }
    return { values, problems, format: column.label };
  }
  if (header && header.length > 1 && !/^[a-z][a-z0-9+.-]*:\/\//i.test(header[0]!)) {
    // A CSV whose header names no column we know: guessing would audit the wrong thing.
    problems.push({ at: `${source}:${first + 1}`, message: `a CSV needs a "url" column (found: ${header.join(', ')})` });
    return { values, problems, format: 'CSV without a url column' };
  }
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line && !line.startsWith('#')) values.push({ value: line, at: `${source}:${i + 1}` });
  });
  return { values, problems, format: 'plain list (one URL or host name a line)' };
}

/** The sites of the arguments then of the file, validated, duplicates (same normalised URL) removed. */
export function buildSiteList(args: string[], file: { text: string; source: string } | null): SiteList {
  const problems: ListProblem[] = [];
  const values = args.map((value, i) => ({ value, at: `argument ${i + 1}` }));
  let format: string | null = null;
  if (file) {
    const read = readSiteFile(file.text, file.source);
    values.push(...read.values);
    problems.push(...read.problems);
    format = read.format;
  }
  const seen = new Set<string>();
  const sites: SiteEntry[] = [];
  let duplicates = 0;
  for (const { value, at } of values) {
    const url = siteUrl(value);
    if (typeof url !== 'string') {
      problems.push({ at, message: url.error });
      continue;
    }
    if (seen.has(url)) {
      duplicates++;
      continue;
    }
    seen.add(url);
    sites.push({ url, index: sites.length });
  }
  return { sites, problems, duplicates, format };
}

/** `--shard i/n`: 1-based shard i of n. */
export function parseShard(text: string): { index: number; count: number } | { error: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return { error: '--shard must look like i/n (for example 2/8)' };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) return { error: `--shard ${text}: i must be between 1 and n` };
  return { index, count };
}

/**
 * The sites of one shard: every n-th site of the whole list, starting at the i-th. Interleaving rather than
 * cutting the list in blocks spreads the slow kinds of site (lists are often grouped by kind) over the machines.
 */
export function shardOf(sites: SiteEntry[], shard: { index: number; count: number }): SiteEntry[] {
  return sites.filter((s) => s.index % shard.count === shard.index - 1);
}
