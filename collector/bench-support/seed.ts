// Fills a store directly with many published reports (10⁶ through the API would take the benchmark minutes),
// consistent with what the collector itself writes: raw reports, counters and published site rows.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { labelOf } from '../aggregate';
import { makeReport } from '../test-support/reports';
import { weeksAgo } from '../weeks';
import { openSqlite } from '../storage/sqlite';
import { PostgresStore } from '../storage/postgres';

const REPORTS_PER_SITE = 100;
const WEEKS = 10;

interface Plan {
  sites: string[];
  weeks: string[];
  body: (site: string, week: string) => string;
  report: ReturnType<typeof makeReport>;
}

function plan(count: number): Plan {
  const siteCount = Math.max(1, Math.ceil(count / REPORTS_PER_SITE));
  const report = makeReport({ site: 'site.seed.example.fr', week: weeksAgo(1), grade: 'C' });
  const template = JSON.stringify(report);
  const [before, after] = template.split('"site.seed.example.fr"') as [string, string];
  return {
    sites: Array.from({ length: siteCount }, (_, i) => `s-${i}.seed.example.fr`),
    weeks: Array.from({ length: WEEKS }, (_, i) => weeksAgo(1 + i)),
    body: (site, week) => (before + JSON.stringify(site) + after).replace(`"week":"${report.week}"`, `"week":"${week}"`),
    report,
  };
}

/** The rows of site number `s`: which reports, and the counters they add up to. */
function siteRows(p: Plan, s: number, count: number) {
  const site = p.sites[s]!;
  const n = Math.min(REPORTS_PER_SITE, count - s * REPORTS_PER_SITE);
  const perWeek = new Map<string, number>();
  const reports: Array<[string, string, string, string]> = [];
  for (let i = 0; i < n; i++) {
    const week = p.weeks[i % WEEKS]!;
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    reports.push([randomUUID(), site, week, p.body(site, week)]);
  }
  const weeks = [...perWeek.keys()].sort();
  return { site, n, perWeek, reports, first: weeks[0]!, last: weeks[weeks.length - 1]! };
}

export function seedSqlite(file: string, count: number): void {
  const db = openSqlite(file);
  // Seeding only: no sync per commit (the benchmark measures reading, not this).
  db.pragma('synchronous = OFF');
  const p = plan(count);
  const r = p.report;
  const insertReport = db.prepare('INSERT INTO reports (id, site, week, body) VALUES (?, ?, ?, ?)');
  const insertScore = db.prepare('INSERT INTO site_scores (site, week, grade, score, reports) VALUES (?, ?, ?, ?, ?)');
  const insertThirdParty = db.prepare('INSERT INTO site_third_parties (site, week, domain, label, reports) VALUES (?, ?, ?, ?, ?)');
  const insertBody = db.prepare('INSERT INTO site_bodies (site, source, body_id, reports) VALUES (?, ?, ?, ?)');
  const insertSite = db.prepare(
    `INSERT INTO sites (host, reports, median_score, grade, published, first_week, last_week, body_source, body_id)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let s = from; s < to; s++) {
      const rows = siteRows(p, s, count);
      for (const row of rows.reports) insertReport.run(...row);
      for (const [week, n] of rows.perWeek) {
        insertScore.run(rows.site, week, r.grade, r.score, n);
        for (const t of r.third_parties) insertThirdParty.run(rows.site, week, t.domain, labelOf(t), n);
      }
      insertBody.run(rows.site, r.public_body.source, r.public_body.id ?? '', rows.n);
      insertSite.run(rows.site, rows.n, r.score, r.grade, rows.first, rows.last, r.public_body.source, r.public_body.id ?? null);
    }
  });
  for (let s = 0; s < p.sites.length; s += 200) batch(s, Math.min(p.sites.length, s + 200));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export async function seedPostgres(url: string, count: number): Promise<void> {
  await (await PostgresStore.open(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const p = plan(count);
  const r = p.report;
  try {
    await client.query('SET synchronous_commit = off');
    for (let s = 0; s < p.sites.length; s += 50) {
      const ids: string[] = [], sites: string[] = [], weeks: string[] = [], bodies: string[] = [];
      const scores: Array<[string, string, number]> = [];
      const hosts: Array<[string, number, string, string]> = [];
      for (let k = s; k < Math.min(p.sites.length, s + 50); k++) {
        const rows = siteRows(p, k, count);
        for (const [id, site, week, body] of rows.reports) {
          ids.push(id);
          sites.push(site);
          weeks.push(week);
          bodies.push(body);
        }
        for (const [week, n] of rows.perWeek) scores.push([rows.site, week, n]);
        hosts.push([rows.site, rows.n, rows.first, rows.last]);
      }
      await client.query('BEGIN');
      await client.query('INSERT INTO reports (id, site, week, body) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])', [ids, sites, weeks, bodies]);
      await client.query(
        'INSERT INTO site_scores (site, week, grade, score, reports) SELECT s, w, $4, $5, n FROM unnest($1::text[], $2::text[], $3::int[]) AS u(s, w, n)',
        [scores.map((x) => x[0]), scores.map((x) => x[1]), scores.map((x) => x[2]), r.grade, r.score],
      );
      for (const t of r.third_parties) {
        await client.query(
          'INSERT INTO site_third_parties (site, week, domain, label, reports) SELECT s, w, $4, $5, n FROM unnest($1::text[], $2::text[], $3::int[]) AS u(s, w, n)',
          [scores.map((x) => x[0]), scores.map((x) => x[1]), scores.map((x) => x[2]), t.domain, labelOf(t)],
        );
      }
      await client.query(
        `INSERT INTO sites (host, reports, median_score, grade, published, first_week, last_week, body_source, body_id)
         SELECT h, n, $5, $6, TRUE, f, l, $7, $8 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS u(h, n, f, l)`,
        [hosts.map((x) => x[0]), hosts.map((x) => x[1]), hosts.map((x) => x[2]), hosts.map((x) => x[3]), r.score, r.grade, r.public_body.source, r.public_body.id ?? null],
      );
      await client.query('COMMIT');
    }
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}
