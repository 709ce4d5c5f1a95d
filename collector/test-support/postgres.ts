// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's binaries, a temp data folder, a free port on
// 127.0.0.1, trust authentication. Started once per process (calling again returns the same cluster), stopped
// by stop() or, failing that, when the process exits. As root, the server runs as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  port: number;
  /** The cluster's data folder (tests search it for what must never be stored). */
  dataDir: string;
  logFile: string;
  /** A fresh, empty database; returns its connection URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The folder of pg_ctl and initdb: $PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or the PATH. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'pg_ctl'))) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin/pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  return found ? join(found, '..') : null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program, as the postgres user when we are root (the server refuses to run as root). */
function run(bin: string, program: string, args: string[]): void {
  const command = asRoot ? 'runuser' : join(bin, program);
  const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

let running: Promise<PgCluster> | undefined;

export function usePostgres(): Promise<PgCluster> {
  running ??= startCluster();
  return running;
}

/** Stops this process's cluster, if it started one. */
export async function stopPostgres(): Promise<void> {
  const cluster = running;
  running = undefined;
  if (cluster) await (await cluster).stop();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const PREFIX = 'vigie-pg-';

/** Clusters left behind by test processes that were killed before they could stop them. */
function reapOrphans(bin: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const base = join(tmpdir(), name);
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(base, 'owner.pid'), 'utf8'));
    } catch {
      continue;
    }
    if (!Number.isInteger(owner) || alive(owner)) continue;
    try {
      run(bin, 'pg_ctl', ['-D', join(base, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not running any more.
    }
    rmSync(base, { recursive: true, force: true });
  }
}

async function startCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (run scripts/install-system.sh)');
  reapOrphans(bin);
  const base = mkdtempSync(join(tmpdir(), PREFIX));
  writeFileSync(join(base, 'owner.pid'), String(process.pid));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(base, uid, gid);
  }
  const dataDir = join(base, 'data');
  const logFile = join(base, 'postgres.log');
  const port = await freePort();
  run(bin, 'initdb', ['-D', dataDir, '-U', 'vigie', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const settings = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c max_connections=200 -c log_connections=off`;
  run(bin, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings, 'start']);

  let stopped = false;
  const stopNow = (mode: 'fast' | 'immediate') => {
    if (stopped) return;
    stopped = true;
    try {
      run(bin, 'pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  // A test run that dies early must not leave a server behind.
  process.once('exit', () => stopNow('immediate'));

  let counter = 0;
  return {
    port,
    dataDir,
    logFile,
    async createDatabase(name = `vigie_${process.pid}_${++counter}`) {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'vigie', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return `postgres://vigie@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      stopNow('fast');
    },
  };
}
