// What the commands need from the outside world, so tests can run them in-process with captured output.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  stdinIsTTY: boolean;
  readFile(path: string): Promise<string>;
  version: string;
}

/** An error meant for the person at the terminal, with the exit code it deserves (2: usage, 1: nothing done). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export function nodeIo(): Io {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTTY: Boolean(process.stdin.isTTY),
    readFile: (path) => readFile(path, 'utf8'),
    version: projectVersion(),
  };
}

/** The project's folder, found from wherever this code runs (source, bundle in dist/, tests). */
export function projectRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'vigie') return dir;
  }
  throw new Error('cannot find the Vigie project folder (package.json)');
}

export function projectVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message, 2);
  }
}

/**
 * WHATWG URL normalisation for hand-typed input (IDN hosts to punycode, odd IPv4 forms) before the engine sees
 * it; what URL cannot parse goes to the engine as typed, which explains what is wrong with it.
 */
export function normaliseUrl(input: string): string {
  const text = input.trim();
  try {
    const url = new URL(text);
    if (/^(?:https?|wss?):$/.test(url.protocol) && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return url.href;
  } catch {
    // Left to the engine's message.
  }
  return text;
}
