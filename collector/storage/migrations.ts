// Database migrations, in order, for both stores. A migration is never edited once released: add a new one.
// Nothing here holds an address or a time of arrival: a report is its week, its site and its body.

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'reports, counters and site aggregates',
    sqlite: `
      CREATE TABLE reports (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        site TEXT NOT NULL,
        week TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX reports_week ON reports (week);
      CREATE TABLE site_scores (
        site TEXT NOT NULL, week TEXT NOT NULL, grade TEXT NOT NULL, score INTEGER NOT NULL, reports INTEGER NOT NULL,
        PRIMARY KEY (site, week, grade, score)
      ) WITHOUT ROWID;
      CREATE TABLE site_third_parties (
        site TEXT NOT NULL, week TEXT NOT NULL, domain TEXT NOT NULL, label TEXT NOT NULL, reports INTEGER NOT NULL,
        PRIMARY KEY (site, week, domain, label)
      ) WITHOUT ROWID;
      CREATE INDEX site_third_parties_domain ON site_third_parties (domain);
      CREATE TABLE site_bodies (
        site TEXT NOT NULL, source TEXT NOT NULL, body_id TEXT NOT NULL, reports INTEGER NOT NULL,
        PRIMARY KEY (site, source, body_id)
      ) WITHOUT ROWID;
      CREATE TABLE sites (
        host TEXT PRIMARY KEY,
        reports INTEGER NOT NULL DEFAULT 0,
        median_score REAL,
        grade TEXT,
        published INTEGER NOT NULL DEFAULT 0,
        first_week TEXT,
        last_week TEXT,
        body_source TEXT,
        body_id TEXT
      ) WITHOUT ROWID;
      CREATE INDEX sites_published ON sites (published, host);
    `,
    // COLLATE "C": hosts and weeks sort byte by byte, as in SQLite, whatever the cluster's locale.
    postgres: `
      CREATE TABLE reports (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        site TEXT COLLATE "C" NOT NULL,
        week TEXT COLLATE "C" NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX reports_week ON reports (week);
      CREATE TABLE site_scores (
        site TEXT COLLATE "C" NOT NULL, week TEXT COLLATE "C" NOT NULL, grade TEXT NOT NULL, score INTEGER NOT NULL,
        reports INTEGER NOT NULL,
        PRIMARY KEY (site, week, grade, score)
      );
      CREATE TABLE site_third_parties (
        site TEXT COLLATE "C" NOT NULL, week TEXT COLLATE "C" NOT NULL, domain TEXT COLLATE "C" NOT NULL,
        label TEXT COLLATE "C" NOT NULL, reports INTEGER NOT NULL,
        PRIMARY KEY (site, week, domain, label)
      );
      CREATE INDEX site_third_parties_domain ON site_third_parties (domain);
      CREATE TABLE site_bodies (
        site TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL, body_id TEXT COLLATE "C" NOT NULL,
        reports INTEGER NOT NULL,
        PRIMARY KEY (site, source, body_id)
      );
      CREATE TABLE sites (
        host TEXT COLLATE "C" PRIMARY KEY,
        reports INTEGER NOT NULL DEFAULT 0,
        median_score DOUBLE PRECISION,
        grade TEXT,
        published BOOLEAN NOT NULL DEFAULT FALSE,
        first_week TEXT COLLATE "C",
        last_week TEXT COLLATE "C",
        body_source TEXT COLLATE "C",
        body_id TEXT
      );
      CREATE INDEX sites_published ON sites (published, host);
    `,
  },
];
