// Reads the project's registries: JSON arrays written one object per line, with errors that name file and line.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

/** Parses a registry file; a syntax error is reported with the file and the line of the broken object. */
export function readRegistry<T>(path: string, root: string): Located<T>[] {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  let values: T[];
  try {
    values = JSON.parse(text) as T[];
  } catch (error) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim().replace(/,$/, '');
      if (!line.startsWith('{')) continue;
      try {
        JSON.parse(line);
      } catch {
        throw new Error(`${file}:${i + 1}: not valid JSON: ${line.slice(0, 120)}`);
      }
    }
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(values)) throw new Error(`${file}: expected a JSON array`);
  // Registries are written one object per line, so the n-th object sits on the n-th line that opens one.
  const starts: number[] = [];
  text.split('\n').forEach((l, i) => {
    if (l.trimStart().startsWith('{')) starts.push(i + 1);
  });
  return values.map((value, i) => ({ value, file, line: starts[i] ?? 0 }));
}

/** All `*.json` registries of a folder, in name order (the compiled output must not depend on the file system). */
export function readRegistryFolder<T>(dir: string, root: string): Located<T>[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => readRegistry<T>(join(dir, f), root));
}

export function fail(at: Located<unknown>, message: string): never {
  throw new Error(`${at.file}:${at.line}: ${message}`);
}
