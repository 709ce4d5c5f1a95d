// Files written whole or not at all: a temporary file beside the target, flushed to disk, then renamed over it
// (rename is atomic within a folder), so a crash, kill -9 or Ctrl-C never leaves half a file under a real name.
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TEMP = /^\.(.+)\.(\d+)\.[0-9a-z]+\.tmp$/;

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  const file = await open(temp, 'w');
  try {
    await file.writeFile(content);
    // Without the flush, a power cut after the rename could leave the new name pointing at empty blocks.
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files a killed writer left in `dir` (those of live processes are theirs to finish). */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP.exec(name);
    if (match && !isAlive(Number(match[2]))) await rm(join(dir, name), { force: true });
  }
}
