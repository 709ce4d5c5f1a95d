// The embedded store: one SQLite file (better-sqlite3, WAL). Writes go through the writer thread
// (sqlite-writer.ts), whose commits return only once on disk (synchronous=FULL), which is what lets the API answer
// 202; reads use this thread's own connection. One collector process per file.
import Database from 'better-sqlite3';
import type { Grade } from '../../utils/methodology';
import { emptyGrades, type BodyCount, type Incoming, type ScoreCount, type ThirdPartyCount } from '../aggregate';
import { MIGRATIONS } from './migrations';
import { SqliteWriter } from './sqlite-writer';
import { ORDER_BY, siteFilter, siteRow, type SiteQuery, type SiteRow, type Store, type StoredReport, type TopThirdParty } from './store';

type Row = Record<string, unknown>;

// Lists of hosts or domains go in as one JSON array parameter, so every statement is prepared once.
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/** Opens the file (created if need be) in WAL mode, with its tables migrated to the latest version. */
export function openSqlite(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly writeConcurrency = 1;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly writer: SqliteWriter;

  constructor(file: string) {
    this.db = openSqlite(file);
    // This connection only reads: the writer thread holds the one that writes.
    this.db.pragma('query_only = ON');
    this.statements = prepare(this.db);
    this.writer = new SqliteWriter(file);
  }

  insertReports(batch: readonly Incoming[]): Promise<void> {
    return this.writer.write(batch);
  }

  async findSites(query: SiteQuery): Promise<{ total: number; sites: SiteRow[] }> {
    const params: unknown[] = [];
    const where = siteFilter(query, (v) => (params.push(v), '?'), '1');
    const total = Number((this.db.prepare(`SELECT COUNT(*) AS n FROM sites WHERE ${where}`).get(...params) as Row).n);
    const rows = this.db
      .prepare(`SELECT * FROM sites WHERE ${where} ORDER BY ${ORDER_BY[query.sort]} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as Row[];
    return { total, sites: rows.map(siteRow) };
  }

  async site(host: string): Promise<SiteRow | null> {
    const row = this.statements.site.get(host) as Row | undefined;
    return row ? siteRow(row) : null;
  }

  async scoreCounts(hosts: readonly string[]): Promise<Map<string, ScoreCount[]>> {
    const out = new Map<string, ScoreCount[]>();
    for (const r of this.statements.scoresOf.all(JSON.stringify(hosts)) as Array<ScoreCount & { site: string }>) {
      const list = out.get(r.site) ?? [];
      list.push({ week: r.week, grade: r.grade, score: r.score, reports: r.reports });
      out.set(r.site, list);
    }
    return out;
  }

  async thirdPartyCounts(hosts: readonly string[]): Promise<ThirdPartyCount[]> {
    return this.statements.thirdPartiesOf.all(JSON.stringify(hosts)) as ThirdPartyCount[];
  }

  async bodyCounts(hosts: readonly string[]): Promise<BodyCount[]> {
    return this.statements.bodiesOf.all(JSON.stringify(hosts)) as BodyCount[];
  }

  async publishedReportsAfter(id: string, limit: number): Promise<StoredReport[]> {
    return this.statements.publishedReports.all(id, limit) as StoredReport[];
  }

  async publishedSitesAfter(host: string, limit: number): Promise<SiteRow[]> {
    return (this.statements.publishedSites.all(host, limit) as Row[]).map(siteRow);
  }

  async gradeDistribution(): Promise<Record<Grade, number>> {
    const out = emptyGrades();
    for (const r of this.statements.grades.all() as Array<{ grade: Grade; n: number }>) out[r.grade] = r.n;
    return out;
  }

  async totals(): Promise<{ published_sites: number; published_reports: number }> {
    const r = this.statements.totals.get() as { sites: number; reports: number };
    return { published_sites: r.sites, published_reports: r.reports };
  }

  async topThirdParties(limit: number): Promise<TopThirdParty[]> {
    return this.statements.top.all(limit) as TopThirdParty[];
  }

  async thirdPartyLabels(domains: readonly string[]): Promise<Array<{ domain: string; label: string; reports: number }>> {
    return this.statements.labels.all(JSON.stringify(domains)) as Array<{ domain: string; label: string; reports: number }>;
  }

  async purgeBefore(week: string): Promise<number> {
    let dropped = 0;
    // In slices, so that a large purge never holds up the reports waiting for the writer for long.
    for (;;) {
      const n = await this.writer.purge(week);
      dropped += n;
      if (n === 0) return dropped;
    }
  }

  async ping(): Promise<void> {
    if (this.writer.stopped) throw this.writer.stopped;
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.writer.close();
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS vigie_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM vigie_migrations').pluck().all() as number[]);
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sqlite);
      db.prepare('INSERT INTO vigie_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
    }).immediate();
  }
}

function prepare(db: Database.Database) {
  return {
    site: db.prepare('SELECT * FROM sites WHERE host = ?'),
    scoresOf: db.prepare(`SELECT site, week, grade, score, reports FROM site_scores WHERE site ${IN_LIST}`),
    thirdPartiesOf: db.prepare(
      `SELECT site, domain, label, SUM(reports) AS reports, MIN(week) AS first_week, MAX(week) AS last_week
       FROM site_third_parties WHERE site ${IN_LIST} GROUP BY site, domain, label`,
    ),
    bodiesOf: db.prepare(`SELECT site, source, body_id, reports FROM site_bodies WHERE site ${IN_LIST}`),
    publishedReports: db.prepare(
      `SELECT r.id, r.body FROM reports r JOIN sites s ON s.host = r.site
       WHERE s.published = 1 AND r.id > ? ORDER BY r.id LIMIT ?`,
    ),
    publishedSites: db.prepare('SELECT * FROM sites WHERE published = 1 AND host > ? ORDER BY host LIMIT ?'),
    grades: db.prepare('SELECT grade, COUNT(*) AS n FROM sites WHERE published = 1 GROUP BY grade'),
    totals: db.prepare('SELECT COUNT(*) AS sites, COALESCE(SUM(reports), 0) AS reports FROM sites WHERE published = 1'),
    top: db.prepare(
      `SELECT t.domain, COUNT(DISTINCT t.site) AS sites, SUM(t.reports) AS reports
       FROM site_third_parties t JOIN sites s ON s.host = t.site
       WHERE s.published = 1 GROUP BY t.domain ORDER BY sites DESC, reports DESC, t.domain LIMIT ?`,
    ),
    labels: db.prepare(
      `SELECT t.domain, t.label, SUM(t.reports) AS reports
       FROM site_third_parties t JOIN sites s ON s.host = t.site
       WHERE s.published = 1 AND t.domain ${IN_LIST} GROUP BY t.domain, t.label`,
    ),
  };
}
