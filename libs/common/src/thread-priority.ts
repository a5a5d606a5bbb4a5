import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Niceness of threads whose work can wait while the event loop answers redirects (analytics, webhook delivery). */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers libuv's pool threads to BACKGROUND_NICENESS. DuckDB runs queries and the projection's loads on them and on
 * threads of its own started from them, which inherit the priority (Linux keeps one per thread): a query scanning
 * 10M events then leaves the cores to the event loop first. The pool serves nothing on the redirect path. Elsewhere
 * than on Linux (where a thread id is not a process id) nothing changes.
 */
export function lowerPoolThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  for (const task of readdirSync('/proc/self/task')) {
    try {
      if (readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim() === 'libuv-worker')
        setPriority(Number(task), BACKGROUND_NICENESS);
    } catch {
      // a thread that ended meanwhile, or a priority we may not change: it keeps the default
    }
  }
}

/**
 * Lowers the calling thread (a worker_threads thread doing background work) to BACKGROUND_NICENESS. On Linux a
 * thread is a task of its own, named by /proc/thread-self; elsewhere the thread keeps the process's priority.
 */
export function lowerThisThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), BACKGROUND_NICENESS);
  } catch {
    // not allowed: the thread keeps the default priority (it is still off the redirects' event loop)
  }
}
