// For tests: runs the command line in this process, with files and stdin given by the test, output captured.
import { main } from './vigie';
import type { Io } from './io';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function runVigie(args: string[], files: Record<string, string> = {}, stdin: string | null = null): Promise<Run> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    readStdin: async () => stdin ?? '',
    stdinIsTTY: stdin === null,
    readFile: async (path) => {
      if (path in files) return files[path]!;
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    },
    version: '0.1.0',
  };
  const code = await main(args, io);
  return { code, out, err };
}
