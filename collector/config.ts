// The collector's settings, read once from the environment: every knob has a safe default for one machine.
import { resolve } from 'node:path';

export interface Config {
  host: string;
  port: number;
  /** SQLite file folder (ignored when databaseUrl is set). */
  dataDir: string;
  /** postgres://… switches storage to PostgreSQL. */
  databaseUrl: string | null;
  /** Raw reports older than this many ISO weeks are dropped; their aggregates stay. */
  retentionWeeks: number;
  rateLimit: {
    /** Reports one address may post per window. */
    reports: number;
    /** API and dashboard reads one address may make per window. */
    reads: number;
    windowMs: number;
  };
  /** Fastify's trustProxy: set it behind a load balancer so rate limits apply per client, not per balancer. */
  trustProxy: boolean | string;
  logLevel: string;
  /** The built dashboard (vite build of collector/dashboard). */
  dashboardDir: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(?:ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const trust = env.TRUST_PROXY?.trim();
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 8787, 0, 65535),
    dataDir: resolve(cwd, env.DATA_DIR?.trim() || 'data'),
    databaseUrl,
    retentionWeeks: integer(env, 'RETENTION_WEEKS', 26, 1, 5200),
    rateLimit: {
      reports: integer(env, 'RATE_LIMIT_REPORTS', 60, 1, 1e9),
      reads: integer(env, 'RATE_LIMIT_READS', 600, 1, 1e9),
      windowMs: integer(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000),
    },
    trustProxy: !trust || trust === 'false' ? false : trust === 'true' ? true : trust,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    dashboardDir: resolve(cwd, env.DASHBOARD_DIR?.trim() || 'dist/dashboard'),
  };
}
