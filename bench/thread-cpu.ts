// CPU time of extension service-worker threads, read from Linux's /proc. Wall-clock timing inside the worker
// is not a measure of its work: the worker thread runs beside the browser's own higher-priority threads
// (routing every request to the listeners) and the page, and a fixed 11 µs of JavaScript timed there during a
// page load reads over 200 µs. The kernel's count of the thread's CPU time does not include those waits.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ, the unit of utime and stime

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // a process or thread that ended meanwhile
  }
}

/** Milliseconds of CPU used so far by every service-worker thread of every extension process on the machine. */
export function extensionWorkerCpuMs(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (!read(`/proc/${pid}/cmdline`)?.includes('--extension-process')) continue;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      // "tid (comm) state ...": comm may hold spaces, so fields are counted after its closing parenthesis.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comm.startsWith('ServiceWorker')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}
