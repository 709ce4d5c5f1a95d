// The shared store: PostgreSQL, for collector instances running side by side behind a load balancer. Instances
// keep nothing between requests; everything they agree on is in the database, and a report is acknowledged only
// once its transaction has committed.
import pg from 'pg';
import type { Grade } from '../../utils/methodology';
import { emptyGrades, planBatch, summarise, commonBody, type BodyCount, type Incoming, type ScoreCount, type ThirdPartyCount } from '../aggregate';
import { MIGRATIONS } from './migrations';
import { ORDER_BY, siteFilter, siteRow, type SiteQuery, type SiteRow, type Store, type StoredReport, type TopThirdParty } from './store';

/** Any constant: instances starting together take turns to migrate. */
const MIGRATION_LOCK = 0x76696769;
/** Deadlock and serialisation failures are worth a retry; they should not happen (rows are locked in order). */
const RETRYABLE = new Set(['40P01', '40001']);

/** Counters as they were, plus this batch's increments: the counters as they now are. */
function addCounts<T extends { reports: number }>(before: T[], increments: readonly T[], key: (row: T) => string): T[] {
  const rows = new Map(before.map((row) => [key(row), row]));
  for (const inc of increments) {
    const row = rows.get(key(inc));
    if (row) row.reports += inc.reports;
    else rows.set(key(inc), { ...inc });
  }
  return [...rows.values()];
}

function groupBySite<T>(rows: ReadonlyArray<object>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const site = (row as { site: string }).site;
    const list = out.get(site) ?? [];
    list.push(row as T);
    out.set(site, list);
  }
  return out;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  // Transactions mostly wait (network, commit): a few at once keep the server busy. Below the pool's size, so
  // that reads always find a connection.
  readonly writeConcurrency = 4;

  private constructor(private readonly pool: pg.Pool) {}

  static async open(connectionString: string, poolSize = 8): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'vigie-collector' });
    // An idle client losing its connection must not crash the process; the next query gets a fresh one.
    pool.on('error', () => {});
    const store = new PostgresStore(pool);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS vigie_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)');
      const applied = new Set((await c.query('SELECT version FROM vigie_migrations')).rows.map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.postgres);
        await c.query('INSERT INTO vigie_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
    });
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        client.release();
        if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  async insertReports(batch: readonly Incoming[]): Promise<void> {
    const plan = planBatch(batch);
    const column = <T, V>(rows: readonly T[], pick: (row: T) => V) => rows.map(pick);
    // Five round trips whatever the batch: on a busy machine each one costs more than the work it carries.
    await this.transaction(async (c) => {
      // 1. Lock the batch's sites, in host order: writers on other instances wait for the same rows in the same
      // order (no deadlock), and from here on no one else changes these sites' counters.
      await c.query(
        `INSERT INTO sites (host) SELECT h FROM unnest($1::text[]) AS h ORDER BY h
         ON CONFLICT (host) DO UPDATE SET reports = sites.reports`,
        [plan.sites],
      );
      // 2. Every insert and increment, and the sites' counters as they were before it (the statement's snapshot,
      // taken after the lock): with the increments known here, that gives the new counters exactly.
      const before = await c.query(
        `WITH new_reports AS (
           INSERT INTO reports (id, site, week, body) SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
         ), new_scores AS (
           INSERT INTO site_scores (site, week, grade, score, reports)
           SELECT * FROM unnest($6::text[], $7::text[], $8::text[], $9::int[], $10::int[])
           ON CONFLICT (site, week, grade, score) DO UPDATE SET reports = site_scores.reports + excluded.reports
         ), new_third_parties AS (
           INSERT INTO site_third_parties (site, week, domain, label, reports)
           SELECT * FROM unnest($11::text[], $12::text[], $13::text[], $14::text[], $15::int[])
           ON CONFLICT (site, week, domain, label) DO UPDATE SET reports = site_third_parties.reports + excluded.reports
         ), new_bodies AS (
           INSERT INTO site_bodies (site, source, body_id, reports)
           SELECT * FROM unnest($16::text[], $17::text[], $18::text[], $19::int[])
           ON CONFLICT (site, source, body_id) DO UPDATE SET reports = site_bodies.reports + excluded.reports
         )
         SELECT 'score' AS kind, site, week, grade, score, reports, NULL AS source, NULL AS body_id
           FROM site_scores WHERE site = ANY($1::text[])
         UNION ALL
         SELECT 'body', site, NULL, NULL, NULL, reports, source, body_id FROM site_bodies WHERE site = ANY($1::text[])`,
        [
          plan.sites,
          column(plan.reports, (r) => r.id),
          column(plan.reports, (r) => r.report.site),
          column(plan.reports, (r) => r.report.week),
          column(plan.reports, (r) => r.body),
          column(plan.scores, (x) => x.site),
          column(plan.scores, (x) => x.week),
          column(plan.scores, (x) => x.grade),
          column(plan.scores, (x) => x.score),
          column(plan.scores, (x) => x.reports),
          column(plan.thirdParties, (t) => t.site),
          column(plan.thirdParties, (t) => t.week),
          column(plan.thirdParties, (t) => t.domain),
          column(plan.thirdParties, (t) => t.label),
          column(plan.thirdParties, (t) => t.reports),
          column(plan.bodies, (b) => b.site),
          column(plan.bodies, (b) => b.source),
          column(plan.bodies, (b) => b.body_id),
          column(plan.bodies, (b) => b.reports),
        ],
      );
      const scores = addCounts<ScoreCount & { site: string }>(
        before.rows.filter((r) => r.kind === 'score').map((r) => ({ site: r.site, week: r.week, grade: r.grade, score: Number(r.score), reports: Number(r.reports) })),
        plan.scores,
        (x) => `${x.site}\u0000${x.week}\u0000${x.grade}\u0000${x.score}`,
      );
      const bodies = addCounts<BodyCount>(
        before.rows.filter((r) => r.kind === 'body').map((r) => ({ site: r.site, source: r.source, body_id: r.body_id, reports: Number(r.reports) })),
        plan.bodies,
        (x) => `${x.site}\u0000${x.source}\u0000${x.body_id}`,
      );
      const scoresBySite = groupBySite<ScoreCount>(scores);
      const bodiesBySite = groupBySite<BodyCount>(bodies);
      const summaries = plan.sites.map((site) => ({
        site,
        summary: summarise(scoresBySite.get(site) ?? []),
        body: commonBody(bodiesBySite.get(site) ?? []),
      }));
      // 3. The sites' aggregates.
      await c.query(
        `UPDATE sites SET reports = u.reports, median_score = u.median_score, grade = u.grade, published = u.published,
           first_week = u.first_week, last_week = u.last_week, body_source = u.body_source, body_id = u.body_id
         FROM unnest($1::text[], $2::int[], $3::float8[], $4::text[], $5::bool[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS u(host, reports, median_score, grade, published, first_week, last_week, body_source, body_id)
         WHERE sites.host = u.host`,
        [
          column(summaries, (s) => s.site),
          column(summaries, (s) => s.summary.reports),
          column(summaries, (s) => s.summary.median_score),
          column(summaries, (s) => s.summary.grade),
          column(summaries, (s) => s.summary.published),
          column(summaries, (s) => s.summary.first_week),
          column(summaries, (s) => s.summary.last_week),
          column(summaries, (s) => s.body?.source ?? null),
          column(summaries, (s) => s.body?.id ?? null),
        ],
      );
    });
  }

  async findSites(query: SiteQuery): Promise<{ total: number; sites: SiteRow[] }> {
    const params: unknown[] = [];
    const where = siteFilter(query, (v) => (params.push(v), `$${params.length}`), 'TRUE');
    const total = Number((await this.pool.query(`SELECT COUNT(*) AS n FROM sites WHERE ${where}`, params)).rows[0].n);
    const rows = await this.pool.query(
      `SELECT * FROM sites WHERE ${where} ORDER BY ${ORDER_BY[query.sort]} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return { total, sites: rows.rows.map(siteRow) };
  }

  async site(host: string): Promise<SiteRow | null> {
    const r = await this.pool.query('SELECT * FROM sites WHERE host = $1', [host]);
    return r.rows[0] ? siteRow(r.rows[0]) : null;
  }

  async scoreCounts(hosts: readonly string[]): Promise<Map<string, ScoreCount[]>> {
    const r = await this.pool.query('SELECT site, week, grade, score, reports FROM site_scores WHERE site = ANY($1::text[])', [hosts]);
    const out = new Map<string, ScoreCount[]>();
    for (const row of r.rows) {
      const list = out.get(row.site) ?? [];
      list.push({ week: row.week, grade: row.grade, score: Number(row.score), reports: Number(row.reports) });
      out.set(row.site, list);
    }
    return out;
  }

  async thirdPartyCounts(hosts: readonly string[]): Promise<ThirdPartyCount[]> {
    const r = await this.pool.query(
      `SELECT site, domain, label, SUM(reports)::int8 AS reports, MIN(week) AS first_week, MAX(week) AS last_week
       FROM site_third_parties WHERE site = ANY($1::text[]) GROUP BY site, domain, label`,
      [hosts],
    );
    return r.rows.map((row) => ({ ...row, reports: Number(row.reports) }) as ThirdPartyCount);
  }

  async bodyCounts(hosts: readonly string[]): Promise<BodyCount[]> {
    const r = await this.pool.query('SELECT site, source, body_id, reports FROM site_bodies WHERE site = ANY($1::text[])', [hosts]);
    return r.rows as BodyCount[];
  }

  async publishedReportsAfter(id: string, limit: number): Promise<StoredReport[]> {
    const r = await this.pool.query(
      `SELECT r.id, r.body FROM reports r JOIN sites s ON s.host = r.site
       WHERE s.published AND r.id > $1 ORDER BY r.id LIMIT $2`,
      [id, limit],
    );
    return r.rows as StoredReport[];
  }

  async publishedSitesAfter(host: string, limit: number): Promise<SiteRow[]> {
    const r = await this.pool.query('SELECT * FROM sites WHERE published AND host > $1 ORDER BY host LIMIT $2', [host, limit]);
    return r.rows.map(siteRow);
  }

  async gradeDistribution(): Promise<Record<Grade, number>> {
    const out = emptyGrades();
    const r = await this.pool.query('SELECT grade, COUNT(*) AS n FROM sites WHERE published GROUP BY grade');
    for (const row of r.rows) out[row.grade as Grade] = Number(row.n);
    return out;
  }

  async totals(): Promise<{ published_sites: number; published_reports: number }> {
    const r = await this.pool.query('SELECT COUNT(*) AS sites, COALESCE(SUM(reports), 0) AS reports FROM sites WHERE published');
    return { published_sites: Number(r.rows[0].sites), published_reports: Number(r.rows[0].reports) };
  }

  async topThirdParties(limit: number): Promise<TopThirdParty[]> {
    const r = await this.pool.query(
      `SELECT t.domain, COUNT(DISTINCT t.site) AS sites, SUM(t.reports) AS reports
       FROM site_third_parties t JOIN sites s ON s.host = t.site
       WHERE s.published GROUP BY t.domain ORDER BY sites DESC, reports DESC, t.domain LIMIT $1`,
      [limit],
    );
    return r.rows.map((row) => ({ domain: row.domain, sites: Number(row.sites), reports: Number(row.reports) }));
  }

  async thirdPartyLabels(domains: readonly string[]): Promise<Array<{ domain: string; label: string; reports: number }>> {
    const r = await this.pool.query(
      `SELECT t.domain, t.label, SUM(t.reports) AS reports
       FROM site_third_parties t JOIN sites s ON s.host = t.site
       WHERE s.published AND t.domain = ANY($1::text[]) GROUP BY t.domain, t.label`,
      [domains],
    );
    return r.rows.map((row) => ({ domain: row.domain, label: row.label, reports: Number(row.reports) }));
  }

  async purgeBefore(week: string): Promise<number> {
    let dropped = 0;
    for (;;) {
      const r = await this.pool.query('DELETE FROM reports WHERE seq IN (SELECT seq FROM reports WHERE week < $1 LIMIT 5000)', [week]);
      dropped += r.rowCount ?? 0;
      if (!r.rowCount) return dropped;
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
