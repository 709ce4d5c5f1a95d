// Runs the built command line (`cli/bin.mjs`, bundled by scripts/build-cli.mjs) as a child process, without
// blocking this process: the fixture server the child's browsers talk to runs here.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export function buildCli(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { cwd: ROOT });
}

export interface CliRun {
  child: ChildProcess;
  /** Settles when the process exits. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

export function startVigie(args: string[], options: { input?: string; timeoutMs?: number } = {}): CliRun {
  const child = spawn(process.execPath, [join(ROOT, 'cli/bin.mjs'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  child.stdin!.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolveRun) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code, signal, out, err });
    });
  });
  return { child, done };
}

export function vigie(args: string[], options: { input?: string; timeoutMs?: number } = {}) {
  return startVigie(args, options).done;
}
