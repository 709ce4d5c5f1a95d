// The schema of an anonymised report (vigie.report/1), shared by the extension, the command line and the
// collector: one declarative description gives the strict validator and the JSON Schema of the OpenAPI document,
// so the two cannot drift apart. Pure TypeScript: no Node, browser or DOM API.
import { REPORT_SCHEMA, type Report, type RequestBucket } from './anonymise';
import { CATEGORIES, type Gafam } from './types';
import { GRADES, METHODOLOGY, worseGrade, type FindingCode, type Grade } from './methodology';

// ---------------------------------------------------------------------------------------------------------------
// Schema nodes: just enough of JSON Schema to say what a report is, each with a sentence for error messages.

interface Described {
  /** What a valid value looks like, in words: "expected <what>". */
  what: string;
  description?: string;
  /** A field that may be absent (never null: absent means "the source gives none"). */
  optionalField?: boolean;
}

type Node =
  | (Described & { kind: 'string'; max: number; pattern?: RegExp; freeText?: boolean })
  | (Described & { kind: 'enum'; values: readonly string[] })
  | (Described & { kind: 'integer'; min: number; max: number })
  | (Described & { kind: 'boolean' })
  | (Described & { kind: 'nullable'; of: Node })
  | (Described & { kind: 'array'; items: Node; max: number; uniqueBy?: string; unique?: boolean })
  | (Described & { kind: 'object'; fields: Readonly<Record<string, Node>>; keys: readonly string[]; optional: readonly string[] });

const str = (what: string, max: number, pattern?: RegExp, description?: string): Node => ({
  kind: 'string', what, max, pattern, description,
});
/** Free text (organisation names…): any printable characters, no control character, no lone surrogate. */
const text = (what: string, max: number, description?: string): Node => ({ kind: 'string', what, max, freeText: true, description });
const oneOf = <T extends string>(values: readonly T[], description?: string): Node => ({
  kind: 'enum', values, what: values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, description,
});
const int = (min: number, max: number, description?: string): Node => ({
  kind: 'integer', min, max, what: `an integer from ${min} to ${max}`, description,
});
const bool = (description?: string): Node => ({ kind: 'boolean', what: 'true or false', description });
const orNull = (of: Node): Node => ({ kind: 'nullable', of, what: `null or ${of.what}`, description: of.description });
const list = (items: Node, max: number, extra: { uniqueBy?: string; unique?: boolean; description?: string } = {}): Node => ({
  kind: 'array', items, max, what: `an array of at most ${max} items`, ...extra,
});
/**
 * An object with exactly the fields of T: the compiler checks that the schema names every field of the report
 * type and no other, so a field added to `Report` cannot be forgotten here.
 */
function obj<T extends object>(fields: { [K in keyof T]-?: Node }, description?: string): Node {
  const optional = Object.keys(fields).filter((k) => (fields as Record<string, Node>)[k]!.optionalField);
  return { kind: 'object', fields: fields as Record<string, Node>, keys: Object.keys(fields), optional, what: 'an object', description };
}
const optionalField = (node: Node): Node => ({ ...node, optionalField: true });

// ---------------------------------------------------------------------------------------------------------------
// vigie.report/1

/** ISO week, e.g. 2026-W48 (week 53 only in the years that have one; checked below). */
export const WEEK_PATTERN = /^(20\d\d)-W(0[1-9]|[1-4]\d|5[0-3])$/;
/**
 * A host name as a report carries it: lowercase letters, digits, dots and hyphens (punycode for IDN). The rule of
 * anonymise.ts, plus: the last label is not all digits, so an IPv4 address is never taken for a host name.
 */
export const HOST_PATTERN = /^(?=.{1,253}$)(?!.*\.\d+$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const COUNTRY = /^[A-Z]{2}$/;
const GAFAM: readonly Gafam[] = ['google', 'apple', 'meta', 'amazon', 'microsoft'];
const BUCKETS: readonly RequestBucket[] = ['1', '2-5', '6-20', '>20'];
export const FINDING_CODES = Object.keys(METHODOLOGY.findings) as FindingCode[];
/** The methodologies whose scores this schema can check (a new methodology brings its own rules). */
export const METHODOLOGIES: readonly string[] = [METHODOLOGY.id];

const host = (description?: string) => str('a host name (lowercase letters, digits, dots and hyphens; punycode for IDN)', 253, HOST_PATTERN, description);
const country = (description: string) => orNull(str('a two-letter country code (ISO 3166-1 alpha-2, or EU)', 2, COUNTRY, description));
const count = (description: string) => int(0, 100_000, description);

type ThirdParty = Report['third_parties'][number];

const thirdParty = obj<ThirdParty>({
  domain: host('Registrable domain of the third party.'),
  organisation: orNull(text('an organisation name of at most 200 characters', 200)),
  parent: orNull(text('an organisation name of at most 200 characters', 200, 'Ultimate parent organisation.')),
  country: country("Country of the ultimate parent's headquarters."),
  category: orNull(oneOf(CATEGORIES)),
  gafam: orNull(oneOf(GAFAM)),
  tracker: bool(),
  requests: oneOf(BUCKETS, 'Number of requests, as a bucket.'),
  before_interaction: bool('Seen before the first click, key press or scroll.'),
  cookies: count('Cookies this domain set.'),
});

const REPORT_NODE = obj<Report>(
  {
    schema: oneOf([REPORT_SCHEMA]),
    methodology: oneOf(METHODOLOGIES, 'Scoring methodology (see METHODOLOGY.md).'),
    lists: str('a lists version (letters, digits, ".", "_", ":" or "-", at most 64)', 64, /^[A-Za-z0-9._:-]{1,64}$/, 'Version hash of the compiled lists.'),
    client: obj<Report['client']>({
      extension: str('a version number such as 1.2.3', 32, /^\d{1,4}(?:\.\d{1,6}){0,3}(?:[-+][0-9A-Za-z.-]{1,20})?$/),
      engine: oneOf(['chromium', 'gecko'] as const),
      major: int(0, 999, 'Major version of the browser engine; 0 when unknown (the command line).'),
    }),
    week: str('an ISO week such as 2026-W48', 8, WEEK_PATTERN, 'ISO week of the visit: no finer time.'),
    site: host('Host name of the public site, nothing else of its URL.'),
    public_body: obj<Report['public_body']>(
      {
        source: str('a source id (lowercase letters, digits, ".", "_", ":" or "-", at most 64)', 64, /^[a-z0-9][a-z0-9._:-]{0,63}$/),
        id: optionalField(text('an identifier of at most 128 characters', 128)),
      },
      'Where the site is known to be public: suffix rule, registry or list, and the body id it gives.',
    ),
    https: bool(),
    hosting: orNull(
      obj<NonNullable<Report['hosting']>>({
        asn: orNull(int(0, 4_294_967_295, 'Autonomous system number.')),
        provider: orNull(text('a provider name of at most 200 characters', 200)),
        country: country("Country of the provider's ultimate parent."),
      }),
    ),
    third_parties: list(thirdParty, 500, { uniqueBy: 'domain', description: 'One entry per third-party registrable domain.' }),
    cookies: obj<Report['cookies']>({
      third_party: count('Third-party cookies.'),
      tracking_first_party: count('Known tracking cookies set on the site itself.'),
      long_lived: count('Cookies living more than 13 months.'),
      tracking_names: list(
        str('a known tracking cookie name (letters, digits, "_", ".", "-" and "*", at most 64)', 64, /^[A-Za-z0-9_.*-]{1,64}$/),
        100,
        { unique: true, description: "Vigie's own names of the known tracking cookies seen (a prefix rule as _ga_*)." },
      ),
    }),
    score: int(0, 100, 'Score out of 100: 100 minus the deductions, capped per criterion.'),
    grade: oneOf(GRADES, 'Grade: the band of the score, lowered by the gates of the methodology.'),
    deductions: list(
      obj<Report['deductions'][number]>({
        code: oneOf(FINDING_CODES),
        points: int(0, 100, "The methodology's points for this code."),
      }),
      600,
    ),
  },
  `An anonymised audit of one public page (${REPORT_SCHEMA}). Beyond the field rules: third-party domains are unique, ` +
    'week 53 exists only in years that have one, a suffix source matches the site, each deduction carries the ' +
    "methodology's points for its code, the score is what the deductions give, and the grade is no better than the score's band.",
);

// ---------------------------------------------------------------------------------------------------------------
// Validation

export type ValidationResult = { report: Report } | { errors: string[] };

/** Beyond this many problems the rest is noise: stop, and keep the work bounded for hostile input. */
const MAX_ERRORS = 20;

/**
 * Where a value sits in the report: a chain of keys, made into "third_parties[2].domain" only when a problem is
 * found there. Building that string for every field of every valid report was the validator's largest cost.
 */
type Where = { readonly up: Where; readonly key: string | number } | null;

function pathOf(where: Where): string {
  if (where === null) return '';
  const up = pathOf(where.up);
  if (typeof where.key === 'number') return `${up}[${where.key}]`;
  return up ? `${up}.${where.key}` : where.key;
}

class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(`${path || 'report'}: ${message}`);
  }
  at(where: Where, message: string): undefined {
    if (this.list.length < MAX_ERRORS) this.add(pathOf(where), message);
    return undefined;
  }
  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }
}

// Control characters (C0, DEL, C1) and lone UTF-16 surrogates: never part of a name, and PostgreSQL refuses NUL.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return `the string ${quoted}${value.length > 40 ? ` (${value.length} characters)` : ''}`;
  }
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a value found at `where`: returns a fresh copy holding only the schema's fields, or undefined. */
type Check = (value: unknown, where: Where, problems: Problems) => unknown;

/**
 * The schema, compiled once into one function per node: no dispatch on the node's kind and no path string per
 * field at run time, since this runs for every field of every report the collector receives. `what` is the
 * expectation a mismatch reports ("null or …" for a nullable's inner node).
 */
function compile(node: Node, what = node.what): Check {
  const wrong = (value: unknown, where: Where, problems: Problems): undefined => problems.at(where, `expected ${what}, got ${shown(value)}`);
  switch (node.kind) {
    case 'nullable': {
      // A wrong value is reported as "expected null or …", whatever is wrong inside it.
      const inner = compile(node.of, node.what);
      return (value, where, problems) => (value === null ? null : inner(value, where, problems));
    }
    case 'boolean':
      return (value, where, problems) => (typeof value === 'boolean' ? value : wrong(value, where, problems));
    case 'integer': {
      const { min, max } = node;
      return (value, where, problems) =>
        typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : wrong(value, where, problems);
    }
    case 'enum': {
      const values = new Set<unknown>(node.values);
      return (value, where, problems) => (typeof value === 'string' && values.has(value) ? value : wrong(value, where, problems));
    }
    case 'string': {
      const { max, pattern, freeText } = node;
      return (value, where, problems) => {
        if (typeof value !== 'string' || value.length === 0 || value.length > max || (pattern && !pattern.test(value))) {
          return wrong(value, where, problems);
        }
        if (freeText && (UNPRINTABLE.test(value) || value.trim() !== value)) {
          return problems.at(where, `expected ${what}, without control characters or surrounding spaces`);
        }
        return value;
      };
    }
    case 'array': {
      const item = compile(node.items);
      const { max, uniqueBy, unique } = node;
      return (value, where, problems) => {
        if (!Array.isArray(value)) return wrong(value, where, problems);
        if (value.length > max) return problems.at(where, `expected at most ${max} items, got ${value.length}`);
        const out: unknown[] = [];
        const seen = uniqueBy || unique ? new Map<unknown, number>() : null;
        for (let i = 0; i < value.length; i++) {
          if (problems.full) return undefined;
          const here = { up: where, key: i };
          const clean = item(value[i], here, problems);
          if (clean === undefined) continue;
          if (seen) {
            const key = uniqueBy ? (clean as Record<string, unknown>)[uniqueBy] : clean;
            const first = seen.get(key);
            if (first !== undefined) {
              problems.at(uniqueBy ? { up: here, key: uniqueBy } : here, `duplicate of ${pathOf(where)}[${first}]`);
              continue;
            }
            seen.set(key, i);
          }
          out.push(clean);
        }
        return out;
      };
    }
    case 'object': {
      const fields = node.keys.map((key) => ({ key, check: compile(node.fields[key]!), what: node.fields[key]!.what, optional: node.optional.includes(key) }));
      const known = new Set(node.keys);
      return (value, where, problems) => {
        if (!isPlainObject(value)) return wrong(value, where, problems);
        for (const key in value) {
          if (Object.hasOwn(value, key) && !known.has(key)) problems.at({ up: where, key: safeKey(key) }, 'unknown field (not allowed in a report)');
        }
        const out: Record<string, unknown> = {};
        for (const field of fields) {
          if (problems.full) return undefined;
          if (!Object.hasOwn(value, field.key)) {
            if (!field.optional) problems.at({ up: where, key: field.key }, `missing (expected ${field.what})`);
            continue;
          }
          const clean = field.check(value[field.key], { up: where, key: field.key }, problems);
          if (clean !== undefined) out[field.key] = clean;
        }
        return out;
      };
    }
  }
}

const checkReport = compile(REPORT_NODE);

/** A field name as it may appear in an error message: short, and printable. */
function safeKey(key: string): string {
  const printable = key.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

/** Whether an ISO year has a week 53 (its 1 January is a Thursday, or a Wednesday in a leap year). */
function hasWeek53(year: number): boolean {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3);
}

/** The score SN-1 gives for these deductions: 100 minus each criterion's points, capped per criterion. */
export function scoreOfDeductions(deductions: ReadonlyArray<{ code: FindingCode; points: number }>): number {
  let lost = 0;
  for (const criterion of METHODOLOGY.criteria) {
    let raw = 0;
    let trackers = 0;
    for (const d of deductions) {
      if (METHODOLOGY.findings[d.code].criterion !== criterion.id) continue;
      raw += d.points;
      if (d.code.startsWith('C2-tracker')) trackers += d.points;
    }
    const counted = raw - trackers + Math.min(trackers, METHODOLOGY.trackerCap);
    lost += Math.min(counted, criterion.cap);
  }
  return Math.max(0, 100 - lost);
}

/** The grade of a score's band, before gates. */
export function bandOf(score: number): Grade {
  return METHODOLOGY.bands.find((b) => score >= b.min)?.grade ?? 'E';
}

/** The rules that tie fields together, checked once every field is valid on its own. */
function checkCoherence(report: Report, problems: Problems): void {
  const week = WEEK_PATTERN.exec(report.week)!;
  if (week[2] === '53' && !hasWeek53(Number(week[1]))) problems.add('week', `${week[1]} has no ISO week 53`);
  if (report.public_body.source.startsWith('suffix:')) {
    const suffix = report.public_body.source.slice('suffix:'.length);
    if (report.site !== suffix && !report.site.endsWith(`.${suffix}`)) {
      problems.add('public_body.source', `the site ${report.site} is not under the suffix ${suffix}`);
    }
  }
  for (let i = 0; i < report.deductions.length; i++) {
    const d = report.deductions[i]!;
    const expected = METHODOLOGY.findings[d.code].points;
    if (d.points !== expected) problems.add(`deductions[${i}].points`, `expected ${expected} for ${d.code} (${report.methodology}), got ${d.points}`);
  }
  if (problems.list.length) return;
  const expected = scoreOfDeductions(report.deductions);
  if (report.score !== expected) problems.add('score', `expected ${expected} from the deductions, got ${report.score}`);
  const band = bandOf(report.score);
  if (worseGrade(band, report.grade) !== report.grade) {
    problems.add('grade', `a score of ${report.score} gives at best ${band}, got ${report.grade}`);
  }
}

/**
 * Validates anything (typically parsed JSON) as a vigie.report/1. Strict: unknown fields are refused at every
 * level. On success the report is a fresh object holding only the schema's fields, in the schema's order.
 */
export function validateReport(value: unknown): ValidationResult {
  const problems = new Problems();
  const clean = checkReport(value, null, problems);
  if (!problems.list.length) checkCoherence(clean as Report, problems);
  return problems.list.length ? { errors: problems.list } : { report: clean as Report };
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Schema (2020-12, as OpenAPI 3.1 uses it)

type JsonSchema = Record<string, unknown>;

function toJsonSchema(node: Node): JsonSchema {
  const base: JsonSchema = node.description ? { description: node.description } : {};
  switch (node.kind) {
    case 'nullable': {
      const inner = toJsonSchema(node.of);
      delete inner.description;
      return { ...base, anyOf: [inner, { type: 'null' }] };
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'integer':
      return { ...base, type: 'integer', minimum: node.min, maximum: node.max };
    case 'enum':
      return node.values.length === 1 ? { ...base, const: node.values[0] } : { ...base, enum: [...node.values] };
    case 'string':
      return {
        ...base,
        type: 'string',
        minLength: 1,
        maxLength: node.max,
        ...(node.pattern ? { pattern: node.pattern.source } : {}),
        ...(node.freeText ? { pattern: '^[^\\u0000-\\u001f\\u007f-\\u009f\\s](?:[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\u0000-\\u001f\\u007f-\\u009f\\s])?$' } : {}),
      };
    case 'array':
      return {
        ...base,
        type: 'array',
        maxItems: node.max,
        items: toJsonSchema(node.items),
        ...(node.unique ? { uniqueItems: true } : {}),
      };
    case 'object':
      return {
        ...base,
        type: 'object',
        additionalProperties: false,
        required: Object.keys(node.fields).filter((k) => !node.optional.includes(k)),
        properties: Object.fromEntries(Object.entries(node.fields).map(([k, v]) => [k, toJsonSchema(v)])),
      };
  }
}

/** The report's JSON Schema (draft 2020-12), for the OpenAPI document and for anyone checking reports. */
export function reportJsonSchema(): JsonSchema {
  return { title: REPORT_SCHEMA, ...toJsonSchema(REPORT_NODE) };
}

// ---------------------------------------------------------------------------------------------------------------
// A valid report, for the OpenAPI document, the documentation and tests: a city site with Google Fonts, Google
// Analytics before consent, and a Matomo instance hosted in France.

export const EXAMPLE_REPORT: Report = {
  schema: REPORT_SCHEMA,
  methodology: 'SN-1',
  lists: 'L-554353a9756fc298',
  client: { extension: '0.1.0', engine: 'chromium', major: 131 },
  week: '2026-W48',
  site: 'www.example-ville.fr',
  public_body: { source: 'fr-dinum', id: 'example-ville.fr' },
  https: true,
  hosting: { asn: 16276, provider: 'OVHcloud', country: 'FR' },
  third_parties: [
    {
      domain: 'fonts.googleapis.com',
      organisation: 'Google',
      parent: 'Alphabet',
      country: 'US',
      category: 'fonts',
      gafam: 'google',
      tracker: false,
      requests: '2-5',
      before_interaction: true,
      cookies: 0,
    },
    {
      domain: 'google-analytics.com',
      organisation: 'Google',
      parent: 'Alphabet',
      country: 'US',
      category: 'analytics',
      gafam: 'google',
      tracker: true,
      requests: '1',
      before_interaction: true,
      cookies: 0,
    },
    {
      domain: 'matomo.example-agglo.fr',
      organisation: null,
      parent: null,
      country: null,
      category: null,
      gafam: null,
      tracker: false,
      requests: '2-5',
      before_interaction: true,
      cookies: 0,
    },
  ],
  cookies: { third_party: 0, tracking_first_party: 2, long_lived: 2, tracking_names: ['_ga', '_ga_*'] },
  // C1: two Google services (8 each) and one unknown third party (2); C2: a tracker before interaction (10) and
  // tracking cookies (5). 100 − 18 − 15 = 67, band C, and gate G2 (a non-EU tracker before interaction) keeps C.
  score: 67,
  grade: 'C',
  deductions: [
    { code: 'C1-gafam', points: 8 },
    { code: 'C1-gafam', points: 8 },
    { code: 'C1-unknown', points: 2 },
    { code: 'C2-tracker-first', points: 10 },
    { code: 'C2-cookie', points: 5 },
  ],
};
