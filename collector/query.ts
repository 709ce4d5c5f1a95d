// Query strings of the read API, checked strictly: an unknown or malformed parameter is a 400 with its name.
import { GRADES, type Grade } from '../utils/methodology';
import { HOST_PATTERN } from '../utils/report-schema';
import { SITE_SORTS, type SiteQuery, type SiteSort } from './storage/store';

/** An error whose message is safe and useful to show the client. */
export class BadRequest extends Error {
  readonly statusCode = 400;
}

export const MAX_PER_PAGE = 200;

function single(raw: Record<string, unknown>, name: string): string | undefined {
  const value = raw[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequest(`${name}: give it once`);
  return value;
}

function integer(raw: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const text = single(raw, name);
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new BadRequest(`${name}: expected an integer from ${min} to ${max}`);
  }
  return Number(text);
}

const ALLOWED = new Set(['page', 'per_page', 'grade', 'suffix', 'source', 'q', 'sort']);

export function parseSiteQuery(raw: Record<string, unknown>): SiteQuery & { page: number } {
  for (const key of Object.keys(raw)) {
    if (!ALLOWED.has(key)) throw new BadRequest(`unknown parameter "${key.slice(0, 40)}" (known: ${[...ALLOWED].join(', ')})`);
  }
  const page = integer(raw, 'page', 1, 1, 100_000);
  const limit = integer(raw, 'per_page', 50, 1, MAX_PER_PAGE);

  const gradeText = single(raw, 'grade');
  let grades: Grade[] | undefined;
  if (gradeText) {
    grades = gradeText.toUpperCase().split(',').map((g) => g.trim()) as Grade[];
    if (grades.some((g) => !GRADES.includes(g))) throw new BadRequest('grade: expected grades from A to E, comma-separated');
  }

  const suffixText = single(raw, 'suffix')?.toLowerCase().replace(/^\./, '');
  if (suffixText && !/^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/.test(suffixText)) {
    throw new BadRequest('suffix: expected a domain suffix such as gouv.fr');
  }

  const source = single(raw, 'source');
  if (source && !/^[a-z0-9][a-z0-9._:-]{0,63}$/.test(source)) throw new BadRequest('source: expected a public-body source such as fr-dinum');

  const q = single(raw, 'q')?.trim().toLowerCase();
  if (q && (q.length > 100 || !/^[a-z0-9.-]+$/.test(q))) {
    throw new BadRequest('q: expected part of a host name (letters, digits, dots and hyphens, at most 100)');
  }

  const sort = (single(raw, 'sort') || 'host') as SiteSort;
  if (!SITE_SORTS.includes(sort)) throw new BadRequest(`sort: expected one of ${SITE_SORTS.join(', ')}`);

  return {
    suffix: suffixText || undefined,
    grades,
    source: source || undefined,
    q: q || undefined,
    sort,
    limit,
    offset: (page - 1) * limit,
    page,
  };
}

export function parseHost(text: string): string {
  const host = text.toLowerCase();
  if (!HOST_PATTERN.test(host)) throw new BadRequest('host: expected a host name such as www.lyon.fr');
  return host;
}
