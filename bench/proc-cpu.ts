// CPU time of processes and threads, read from Linux's /proc, for the benchmarks.
//
// Why not time work from inside: an extension's service worker runs beside the browser's own higher-priority
// threads (routing every request to the listeners) and the page, and a fixed 11 µs of JavaScript timed there
// during a page load reads over 200 µs. The kernel's count of a thread's CPU time does not include those waits.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Stat {
  /** The command name (a thread's name for a thread). */
  comm: string;
  parent: number;
  /** User plus system CPU used so far. */
  cpuSeconds: number;
}

/** A process's or thread's stat file; null when it has ended meanwhile. */
function readStat(path: string): Stat | null {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    parent: Number(fields[1]),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS,
  };
}

const pids = () => readdirSync('/proc').filter((name) => /^\d+$/.test(name));

/** CPU seconds a process (all its threads) has used so far; or one of its threads, given its id. */
export function cpuSeconds(pid: number, thread?: number): number {
  const stat = readStat(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`);
  if (!stat) throw new Error(`process ${pid} is gone`);
  return stat.cpuSeconds;
}

/** CPU seconds of a process and of every process it started (a PostgreSQL postmaster and its backends). */
export function familyCpuSeconds(pid: number): number {
  let total = cpuSeconds(pid);
  for (const child of pids()) {
    const stat = readStat(`/proc/${child}/stat`);
    if (stat?.parent === pid) total += stat.cpuSeconds;
  }
  return total;
}

/**
 * Nanoseconds a thread has run on a CPU, from the scheduler's own account (schedstat's first field): exact,
 * where stat's user and system times are sampled at each clock tick, too coarse for a thread that runs in
 * bursts of microseconds. Null without schedstat (a kernel built without it), or when the thread has ended.
 */
function threadRunNs(pid: string, tid: string): number | null {
  try {
    const value = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Milliseconds of CPU used so far by the service-worker threads of the extension processes of the Chromium whose
 * profile is `profileDir` (each of its processes names it on the command line).
 */
export function extensionWorkerCpuMs(profileDir: string): number {
  let ms = 0;
  for (const pid of pids()) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    // Child processes rewrite their command line as one string (spaces, not NULs, between the switches).
    const profile = `--user-data-dir=${profileDir}`;
    if (!cmdline.includes('--extension-process') || !(cmdline.includes(`${profile} `) || cmdline.includes(`${profile}\0`))) continue;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readStat(`/proc/${pid}/task/${tid}/stat`);
      if (!stat?.comm.startsWith('ServiceWorker')) continue;
      const ns = threadRunNs(pid, tid);
      ms += ns === null ? stat.cpuSeconds * 1000 : ns / 1e6;
    }
  }
  return ms;
}
