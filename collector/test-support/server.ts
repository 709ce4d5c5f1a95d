// Collectors for tests: in this process on a free port (fast, inspectable), or as a real child process started
// the way `npm run collector` starts it (for kill -9, several instances, and the logs as an operator sees them).
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { readConfig, type Config } from '../config';
import { openStore } from '../storage/open';
import type { Store } from '../storage/store';
import type { StoreSetting } from './stores';
import { freePort } from './postgres';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface TestApp {
  url: string;
  app: FastifyInstance;
  store: Store;
  config: Config;
  close(): Promise<void>;
}

export function testConfig(setting: StoreSetting, overrides: Partial<Config> = {}): Config {
  const base = readConfig({ DATA_DIR: setting.dataDir, ...(setting.databaseUrl ? { DATABASE_URL: setting.databaseUrl } : {}) }, ROOT);
  return { ...base, rateLimit: { reports: 1e9, reads: 1e9, windowMs: 60_000 }, logLevel: 'warn', ...overrides };
}

export async function startApp(
  setting: StoreSetting,
  options: { config?: Partial<Config>; now?: () => number; log?: NodeJS.WritableStream } = {},
): Promise<TestApp> {
  const config = testConfig(setting, options.config);
  const store = await openStore(config);
  const app = await buildApp({
    store,
    config,
    version: '0.0.0-test',
    log: options.log ?? false,
    now: options.now,
    methodologyFile: join(ROOT, 'METHODOLOGY.md'),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    store,
    config,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export interface ChildCollector {
  url: string;
  process: ChildProcess;
  /** Everything it wrote on stdout and stderr so far. */
  output(): string;
  /** SIGTERM and wait; returns the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<void>;
}

/**
 * Starts `collector/main.ts` in a new Node process with these settings, on a free port; resolves once its health
 * check answers (whatever its log level).
 */
export async function spawnCollector(env: Record<string, string>): Promise<ChildCollector> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'collector/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => ((exitCode = code), done(code))));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const collector: ChildCollector = {
    url,
    process: child,
    output: () => output,
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (exitCode === undefined) child.kill('SIGKILL');
      await exited;
    },
  };
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    if (exitCode !== undefined) throw new Error(`collector exited with ${exitCode}:\n${output}`);
    const healthy = await send(`${url}/healthz`).then((a) => a.status === 200, () => false);
    if (healthy) return collector;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await collector.kill();
  throw new Error(`collector did not start within 30 s:\n${output}`);
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with node:http, which lets the test choose the client's own address (localAddress) and
 * reuse connections (agent).
 */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string; agent?: Agent } = {},
): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

export function postReport(url: string, report: unknown, extra: { localAddress?: string; agent?: Agent; headers?: Record<string, string> } = {}): Promise<Answer> {
  return send(`${url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...extra.headers },
    body: JSON.stringify(report),
    localAddress: extra.localAddress,
    agent: extra.agent,
  });
}
