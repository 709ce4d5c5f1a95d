// The embedded store: one SQLite file (better-sqlite3, WAL). A commit returns only once it is on disk
// (synchronous=FULL), which is what lets the API answer 202. One collector process per file.
import Database from 'better-sqlite3';
import type { Grade } from '../../utils/methodology';
import { emptyGrades, planBatch, summarise, commonBody, type BodyCount, type Incoming, type ScoreCount, type ThirdPartyCount } from '../aggregate';
import { MIGRATIONS } from './migrations';
import { ORDER_BY, siteFilter, siteRow, type SiteQuery, type SiteRow, type Store, type StoredReport, type TopThirdParty } from './store';

type Row = Record<string, unknown>;

// Lists of hosts or domains go in as one JSON array parameter, so every statement is prepared once.
const IN_LIST = 'IN (SELECT value FROM json_each(?))';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly writeConcurrency = 1;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly writeBatch: (batch: readonly Incoming[]) => void;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: the WAL is synced at every commit, so a report acknowledged with 202 survives a crash or kill -9.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.statements = prepare(this.db);
    const s = this.statements;
    this.writeBatch = this.db.transaction((batch: readonly Incoming[]) => {
      const plan = planBatch(batch);
      for (const site of plan.sites) s.ensureSite.run(site);
      for (const { id, report, body } of plan.reports) s.insertReport.run(id, report.site, report.week, body);
      for (const c of plan.scores) s.addScore.run(c.site, c.week, c.grade, c.score, c.reports);
      for (const t of plan.thirdParties) s.addThirdParty.run(t.site, t.week, t.domain, t.label, t.reports);
      for (const b of plan.bodies) s.addBody.run(b.site, b.source, b.body_id, b.reports);
      for (const site of plan.sites) {
        const summary = summarise(s.siteScores.all(site) as ScoreCount[]);
        const body = commonBody(s.siteBodies.all(site) as BodyCount[]);
        s.updateSite.run(
          summary.reports, summary.median_score, summary.grade, summary.published ? 1 : 0,
          summary.first_week, summary.last_week, body?.source ?? null, body?.id ?? null, site,
        );
      }
    });
  }

  async insertReports(batch: readonly Incoming[]): Promise<void> {
    this.writeBatch(batch);
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
    // In slices, so that a large purge never holds the (synchronous) event loop for long.
    for (;;) {
      const n = this.statements.purge.run(week).changes;
      dropped += n;
      if (n === 0) return dropped;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
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
    ensureSite: db.prepare('INSERT INTO sites (host) VALUES (?) ON CONFLICT (host) DO NOTHING'),
    insertReport: db.prepare('INSERT INTO reports (id, site, week, body) VALUES (?, ?, ?, ?)'),
    addScore: db.prepare(
      `INSERT INTO site_scores (site, week, grade, score, reports) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site, week, grade, score) DO UPDATE SET reports = site_scores.reports + excluded.reports`,
    ),
    addThirdParty: db.prepare(
      `INSERT INTO site_third_parties (site, week, domain, label, reports) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (site, week, domain, label) DO UPDATE SET reports = site_third_parties.reports + excluded.reports`,
    ),
    addBody: db.prepare(
      `INSERT INTO site_bodies (site, source, body_id, reports) VALUES (?, ?, ?, ?)
       ON CONFLICT (site, source, body_id) DO UPDATE SET reports = site_bodies.reports + excluded.reports`,
    ),
    siteScores: db.prepare('SELECT week, grade, score, reports FROM site_scores WHERE site = ?'),
    siteBodies: db.prepare('SELECT site, source, body_id, reports FROM site_bodies WHERE site = ?'),
    updateSite: db.prepare(
      `UPDATE sites SET reports = ?, median_score = ?, grade = ?, published = ?, first_week = ?, last_week = ?,
       body_source = ?, body_id = ? WHERE host = ?`,
    ),
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
    purge: db.prepare('DELETE FROM reports WHERE seq IN (SELECT seq FROM reports WHERE week < ? LIMIT 2000)'),
  };
}
