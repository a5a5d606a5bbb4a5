/**
 * What runs long on the event loop, whatever the machine's load: preloaded into the app (`node --import
 * ./test/bench/event-loop-turns.mjs dist/apps/api/src/main.js`, or BENCH_APP_NODE_ARGS for bench:redirect), it measures
 * the main thread's own CPU time (process.threadCpuUsage, so time the thread was preempted does not count) of each
 * top-level callback the event loop runs (async_hooks before/after), by kind: an HTTP parser callback, a timer (by its
 * function's name and delay), an immediate, a client socket (PostgreSQL, Redis), a promise continuation. On SIGWINCH
 * (Nest's shutdown hooks take SIGUSR2) it writes the running totals as JSON to EVENT_LOOP_TURNS_FILE (default
 * `<tmpdir>/event-loop-turns-<pid>.json`): per kind, callbacks, CPU µs, how many ran over 1 and 2 ms, the longest; and
 * the garbage collections (count, ms) seen by a PerformanceObserver. Two readings, before and after a load, give
 * that load's figures. The hooks cost CPU of their own (~1 µs per callback): compare runs made with it, not a run
 * with it against one without.
 */
import { createHook } from 'node:async_hooks';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import process from 'node:process';

const file = process.env.EVENT_LOOP_TURNS_FILE || join(tmpdir(), `event-loop-turns-${process.pid}.json`);
const kinds = new Map();
const totals = {};
const collections = { count: 0, ms: 0, longest: 0 };
let depth = 0;
let started = null;
let kind = '';

function kindOf(type, triggerId, resource) {
  if (type === 'TCPWRAP') return kinds.get(triggerId) === 'TCPSERVERWRAP' ? 'HTTP connection' : 'client socket';
  if (type === 'Timeout' && resource && resource._onTimeout)
    return `timer ${resource._onTimeout.name || '(anonymous)'} every/after ${resource._idleTimeout} ms`;
  if (type === 'Immediate' && resource && resource._onImmediate)
    return `immediate ${resource._onImmediate.name || '(anonymous)'}`;
  return type;
}

createHook({
  init(id, type, triggerId, resource) {
    // Promises are not followed (their hooks would cost more than the callbacks): a callback of an unknown id is one.
    if (type !== 'PROMISE') kinds.set(id, kindOf(type, triggerId, resource));
  },
  before(id) {
    if (depth++ > 0) return;
    started = process.threadCpuUsage();
    kind = kinds.get(id) || 'promise continuation';
  },
  after() {
    if (--depth > 0) return;
    const used = process.threadCpuUsage(started);
    const microseconds = used.user + used.system;
    const total = (totals[kind] ??= {
      callbacks: 0,
      cpuMicroseconds: 0,
      over1ms: 0,
      over2ms: 0,
      longestMicroseconds: 0,
    });
    total.callbacks++;
    total.cpuMicroseconds += microseconds;
    if (microseconds > 1_000) total.over1ms++;
    if (microseconds > 2_000) total.over2ms++;
    if (microseconds > total.longestMicroseconds) total.longestMicroseconds = microseconds;
  },
  destroy(id) {
    kinds.delete(id);
  },
}).enable();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    collections.count++;
    collections.ms += entry.duration;
    if (entry.duration > collections.longest) collections.longest = entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

process.on('SIGWINCH', () => writeFileSync(file, JSON.stringify({ callbacks: totals, collections })));
