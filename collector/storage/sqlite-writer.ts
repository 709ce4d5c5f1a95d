// The SQLite store's writes, in a worker thread. better-sqlite3 is synchronous: on the main thread, every group
// commit (its statements, then the disk sync of synchronous=FULL) stopped the event loop, and no request was read
// or validated meanwhile. Here the main thread posts a batch and goes on serving; the worker commits it and
// answers, and only then do the batch's 202s go out. The main thread keeps its own connection for reads: WAL lets
// readers run beside the one writer.
import { Worker, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { commonBody, planBatch, summarise, type BodyCount, type Incoming, type ScoreCount } from '../aggregate';

type Command = { op: 'write'; reports: Array<[id: string, body: string]> } | { op: 'purge'; week: string };
type Request = (Command & { seq: number }) | { op: 'close' };
type Answer = { seq: number; changes: number } | { seq: number; error: string };

/** The main thread's side: starts the worker on the file, and turns its answers back into promises. */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (changes: number) => void; reject: (error: Error) => void }>();
  private seq = 0;
  private failure: Error | null = null;

  /** `file` must exist with its tables migrated (the worker only writes). */
  constructor(file: string) {
    // Node 20 does not apply the parent's --import hooks (tsx) to a worker's entry: the worker registers tsx
    // itself, then loads this module and serves.
    const load = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => (tsx.register(), import(${JSON.stringify(import.meta.url)})))`;
    this.worker = new Worker(`${load}.then((writer) => writer.serveWrites())`, { eval: true, workerData: file });
    // Like a database connection, the worker alone does not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (answer: Answer) => {
      const waiting = this.waiting.get(answer.seq);
      this.waiting.delete(answer.seq);
      if ('error' in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.changes);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the SQLite writer thread stopped (exit code ${code})`)));
  }

  /** Resolves once the reports and their counters are committed and synced to disk. */
  async write(batch: readonly Incoming[]): Promise<void> {
    // The canonical JSON is all the worker needs (it reads the report back from it): strings cross threads cheaply.
    await this.send({ op: 'write', reports: batch.map((r) => [r.id, r.body]) });
  }

  /** Drops up to 2,000 raw reports of weeks before `week`; resolves with how many. */
  purge(week: string): Promise<number> {
    return this.send({ op: 'purge', week });
  }

  /** Null while the worker runs; the reason it stopped otherwise. */
  get stopped(): Error | null {
    return this.failure;
  }

  /** Lets the writes already posted finish, closes the worker's connection and waits for the thread to end. */
  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ op: 'close' } satisfies Request);
    await exited;
  }

  private send(command: Command): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ ...command, seq } satisfies Request);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(this.failure);
    this.waiting.clear();
  }
}

/** The worker's side: one connection, one transaction per batch, requests taken in the order they were posted. */
export function serveWrites(): void {
  const db = new Database(workerData as string);
  // FULL: the WAL is synced at every commit, so a report acknowledged with 202 survives a crash or kill -9.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const s = prepareWrites(db);
  const writeBatch = db.transaction((reports: Array<[id: string, body: string]>) => {
    const plan = planBatch(reports.map(([id, body]) => ({ id, body, report: JSON.parse(body) as Incoming['report'] })));
    for (const { id, report, body } of plan.reports) s.insertReport.run(id, report.site, report.week, body);
    for (const c of plan.scores) s.addScore.run(c.site, c.week, c.grade, c.score, c.reports);
    for (const t of plan.thirdParties) s.addThirdParty.run(t.site, t.week, t.domain, t.label, t.reports);
    for (const b of plan.bodies) s.addBody.run(b.site, b.source, b.body_id, b.reports);
    // Each site of the batch once, from its counters as they now are.
    for (const site of plan.sites) {
      const summary = summarise(s.siteScores.all(site) as ScoreCount[]);
      const body = commonBody(s.siteBodies.all(site) as BodyCount[]);
      s.saveSite.run(
        site, summary.reports, summary.median_score, summary.grade, summary.published ? 1 : 0,
        summary.first_week, summary.last_week, body?.source ?? null, body?.id ?? null,
      );
    }
    return reports.length;
  });

  const port = parentPort!;
  port.on('message', (request: Request) => {
    if (request.op === 'close') {
      db.close();
      port.close();
      return;
    }
    try {
      const changes = request.op === 'write' ? writeBatch(request.reports) : s.purge.run(request.week).changes;
      port.postMessage({ seq: request.seq, changes } satisfies Answer);
    } catch (error) {
      port.postMessage({ seq: request.seq, error: (error as Error).message } satisfies Answer);
    }
  });
}

function prepareWrites(db: Database.Database) {
  return {
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
    // The site's row, made by its first report and rewritten with each batch that brings more.
    saveSite: db.prepare(
      `INSERT INTO sites (host, reports, median_score, grade, published, first_week, last_week, body_source, body_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (host) DO UPDATE SET reports = excluded.reports, median_score = excluded.median_score,
         grade = excluded.grade, published = excluded.published, first_week = excluded.first_week,
         last_week = excluded.last_week, body_source = excluded.body_source, body_id = excluded.body_id`,
    ),
    purge: db.prepare('DELETE FROM reports WHERE seq IN (SELECT seq FROM reports WHERE week < ? LIMIT 2000)'),
  };
}
