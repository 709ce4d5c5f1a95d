// The output folder of a batch: per site, its audit (sites/KEY.json, the schema `vigie score` prints), its
// printable report (sites/KEY.html) and its summary row (rows/KEY.json, written last: a site is done once its row
// exists); then summary.csv and index.html over every row. A lock keeps two runs from writing the same folder.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Audit } from '../../utils/audit';
import { CliError } from '../io';
import { isAlive, removeStaleTempFiles, writeFileAtomic } from './atomic-file';

export const ROW_FORMAT = 'vigie.batch-row/1';

/** One site's line of the summary, plus what the index page and a merge need. */
export interface SiteRow {
  format: typeof ROW_FORMAT;
  /** The URL as listed (normalised). */
  site: string;
  /** Position in the whole list (shards keep the whole list's positions), for a stable order. */
  index: number;
  final_url: string | null;
  grade: string | null;
  score: number | null;
  third_parties: number | null;
  gafam_services: number | null;
  trackers_before_interaction: number | null;
  hosting: string | null;
  /** Why the site could not be audited; null when it was. */
  error: string | null;
  /** Paths relative to the output folder. */
  audit_file: string | null;
  report_file: string | null;
  visited_at: string | null;
  methodology: string | null;
  lists: string | null;
}

/**
 * A file name for a site: readable (host, then a slug of the path) and unique (a hash of the whole URL), so
 * http:// and https:// of one host, or two pages of it, never share a file.
 */
export function siteKey(url: string): string {
  const hash = createHash('sha256').update(url).digest('hex').slice(0, 10);
  let host = 'site';
  let path = '';
  if (URL.canParse(url)) {
    const parsed = new URL(url);
    host = parsed.host.replace(/[^a-z0-9.-]+/gi, '_');
    path = (parsed.pathname + parsed.search).replace(/[^a-z0-9]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  }
  return `${host.slice(0, 100)}${path ? `_${path}` : ''}-${hash}`;
}

function hostingText(audit: Audit): string | null {
  const h = audit.hosting;
  if (!h) return null;
  if (!h.provider) return `unknown network (${h.ip})`;
  return h.country ? `${h.provider} (${h.country})` : h.provider;
}

export function auditedRow(site: { url: string; index: number }, key: string, audit: Audit): SiteRow {
  return {
    format: ROW_FORMAT,
    site: site.url,
    index: site.index,
    final_url: audit.page.url,
    grade: audit.score.grade,
    score: audit.score.score,
    third_parties: audit.thirdParties.length,
    gafam_services: audit.thirdParties.filter((s) => s.gafam !== null).length,
    trackers_before_interaction: audit.thirdParties.filter((s) => s.trackerBeforeInteraction).length,
    hosting: hostingText(audit),
    error: null,
    audit_file: `sites/${key}.json`,
    report_file: `sites/${key}.html`,
    visited_at: audit.page.visitedAt,
    methodology: audit.methodology,
    lists: audit.lists,
  };
}

export function failedRow(site: { url: string; index: number }, error: string, finalUrl: string | null): SiteRow {
  return {
    format: ROW_FORMAT,
    site: site.url,
    index: site.index,
    final_url: finalUrl,
    grade: null,
    score: null,
    third_parties: null,
    gafam_services: null,
    trackers_before_interaction: null,
    hosting: null,
    error,
    audit_file: null,
    report_file: null,
    visited_at: null,
    methodology: null,
    lists: null,
  };
}

function isRow(value: unknown): value is SiteRow {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return r.format === ROW_FORMAT && typeof r.site === 'string' && typeof r.index === 'number';
}

/** Rows in list order (then by URL, for rows of different lists sharing a folder). */
export function sortRows(rows: Iterable<SiteRow>): SiteRow[] {
  return [...rows].sort((a, b) => a.index - b.index || (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}

export class ResultsDir {
  readonly sitesDir: string;
  readonly rowsDir: string;
  private readonly lockFile: string;
  private locked = false;

  constructor(readonly dir: string) {
    this.sitesDir = join(dir, 'sites');
    this.rowsDir = join(dir, 'rows');
    this.lockFile = join(dir, '.vigie.lock');
  }

  /** Creates the folders, takes the lock and clears what a killed run left half-written. */
  async open(): Promise<void> {
    try {
      await mkdir(this.sitesDir, { recursive: true });
      await mkdir(this.rowsDir, { recursive: true });
    } catch (error) {
      throw new CliError(`cannot write to ${this.dir}: ${(error as Error).message}`);
    }
    await this.lock();
    for (const dir of [this.dir, this.sitesDir, this.rowsDir]) await removeStaleTempFiles(dir);
  }

  private async lock(): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const file = await open(this.lockFile, 'wx');
        await file.writeFile(String(process.pid));
        await file.close();
        this.locked = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const pid = Number((await readFile(this.lockFile, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new CliError(`another vigie process (pid ${pid}) is writing to ${this.dir}; wait for it or use another --out`);
      }
      // Left by a run that was killed: take it over.
      await rm(this.lockFile, { force: true });
    }
    throw new CliError(`cannot lock ${this.dir}`);
  }

  /** Releases the lock, if this process took it. */
  async close(): Promise<void> {
    if (this.locked) await rm(this.lockFile, { force: true });
    this.locked = false;
  }

  /** The rows already written, by key. A row that does not read as one is ignored (its site is done again). */
  async rows(): Promise<Map<string, SiteRow>> {
    const rows = new Map<string, SiteRow>();
    let names: string[];
    try {
      names = await readdir(this.rowsDir);
    } catch {
      return rows;
    }
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      try {
        const value: unknown = JSON.parse(await readFile(join(this.rowsDir, name), 'utf8'));
        if (isRow(value)) rows.set(name.slice(0, -'.json'.length), value);
      } catch {
        // Unreadable: treated as not done.
      }
    }
    return rows;
  }

  /** Writes a site's files, the row last, so that the row's presence means everything else is there. */
  async save(key: string, row: SiteRow, files: { audit?: string; report?: string } = {}): Promise<void> {
    if (files.audit !== undefined) await writeFileAtomic(join(this.sitesDir, `${key}.json`), files.audit);
    if (files.report !== undefined) await writeFileAtomic(join(this.sitesDir, `${key}.html`), files.report);
    await writeFileAtomic(join(this.rowsDir, `${key}.json`), JSON.stringify(row, null, 2) + '\n');
  }

  async writeTop(name: string, content: string): Promise<void> {
    await writeFileAtomic(join(this.dir, name), content);
  }
}
