/**
 * What runs long on the event loop, whatever the machine's load: preloaded into the app (`node --import
 * ./test/bench/event-loop-turns.mjs dist/apps/api/src/main.js`, or BENCH_APP_NODE_ARGS for bench:redirect), it measures
 * the main thread's own CPU time (process.threadCpuUsage, so time the thread was preempted does not count) of each
 * top-level callback the event loop runs (async_hooks before/after), by kind: an HTTP parser callback, a timer (by its
 * function's name or first characters and its delay), an immediate, a client socket (PostgreSQL, Redis), a promise
 * continuation. A promise continuation is tagged with the callback that started its chain (its origin): a promise
 * takes the origin of the code that created it, so the writer's slices and pg's answers to them carry the writer's
 * timer or immediate, the analytics projection's DuckDB and COPY results its poll's timer.
 * On SIGWINCH (Nest's shutdown hooks take SIGUSR2) it writes the running totals as JSON to EVENT_LOOP_TURNS_FILE
 * (default `<tmpdir>/event-loop-turns-<pid>.json`): per kind, callbacks, CPU µs, how many ran over 1 and 2 ms, the
 * longest; the last LONG_KEPT callbacks over 1 ms of CPU or 2 ms of wall time (kind, CPU, wall start and end, the
 * collections inside them); the
 * garbage collections seen by a PerformanceObserver (by kind: count, ms, a histogram of pauses); and the main
 * thread's schedstat (CPU, and time spent runnable but waiting for a core: preemption). Two readings, before and
 * after a load, give that load's figures. The hooks cost CPU of their own (~1-2 µs per callback): compare runs made
 * with it, not a run with it against one without.
 */
import { createHook, executionAsyncResource } from 'node:async_hooks';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver, performance } from 'node:perf_hooks';
import process from 'node:process';

const file = process.env.EVENT_LOOP_TURNS_FILE || join(tmpdir(), `event-loop-turns-${process.pid}.json`);
const LONG_KEPT = 2_000;
const kinds = new Map();
/** Each promise's origin (WeakMap: no destroy hook needed for promises, which would cost a weak callback each). */
const promiseOrigins = new WeakMap();
const totals = {};
const long = [];
const collections = {};
/** Pause bounds of the collections' histogram, ms. */
const PAUSE_BOUNDS = [0.25, 0.5, 1, 2, 4, 8, 16];
let depth = 0;
let started = null;
let startedWall = 0;
let kind = '';
/** The origin of the top-level callback running now: what a promise created now inherits. */
let origin = 'boot';

function describeFunction(callback) {
  if (callback.name) return callback.name;
  const source = Function.prototype.toString.call(callback).replace(/\s+/g, ' ');
  return source.length > 60 ? `${source.slice(0, 60)}…` : source;
}

function kindOf(type, triggerId, resource) {
  if (type === 'TCPWRAP') return kinds.get(triggerId) === 'TCPSERVERWRAP' ? 'HTTP connection' : 'client socket';
  if (type === 'Timeout' && resource && resource._onTimeout)
    return `timer ${describeFunction(resource._onTimeout)} every/after ${resource._idleTimeout} ms`;
  if (type === 'Immediate' && resource && resource._onImmediate)
    return `immediate ${describeFunction(resource._onImmediate)}`;
  return type;
}

createHook({
  init(id, type, triggerId, resource) {
    if (type === 'PROMISE') promiseOrigins.set(resource, origin);
    else kinds.set(id, kindOf(type, triggerId, resource));
  },
  before(id) {
    if (depth++ > 0) return;
    started = process.threadCpuUsage();
    startedWall = performance.now();
    const known = kinds.get(id);
    if (known !== undefined) {
      kind = known;
      origin = known;
    } else {
      origin = promiseOrigins.get(executionAsyncResource()) ?? 'unknown';
      kind = `promise continuation from ${origin}`;
    }
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
    // Kept: over 1 ms of CPU, or over 2 ms of wall time (preempted, or waiting in a collection for its helper threads).
    const ended = performance.now();
    if (microseconds > 1_000 || ended - startedWall > 2) {
      if (long.length === LONG_KEPT) long.shift();
      long.push({ kind, cpuMicroseconds: microseconds, start: startedWall, end: ended });
    }
    if (microseconds > 2_000) total.over2ms++;
    if (microseconds > total.longestMicroseconds) total.longestMicroseconds = microseconds;
  },
  destroy(id) {
    kinds.delete(id);
  },
}).enable();

const gcKinds = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};
const recentCollections = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const name = gcKinds[entry.detail?.kind ?? entry.kind] ?? 'other';
    const total = (collections[name] ??= { count: 0, ms: 0, longest: 0, pauses: PAUSE_BOUNDS.map(() => 0), over: 0 });
    total.count++;
    total.ms += entry.duration;
    if (entry.duration > total.longest) total.longest = entry.duration;
    const bucket = PAUSE_BOUNDS.findIndex((bound) => entry.duration <= bound);
    if (bucket < 0) total.over++;
    else total.pauses[bucket]++;
    if (recentCollections.length === LONG_KEPT) recentCollections.shift();
    recentCollections.push({ name, start: entry.startTime, end: entry.startTime + entry.duration });
  }
}).observe({ entryTypes: ['gc'] });

/** The main thread's schedstat: ns on a core, ns runnable and waiting for one. */
function schedstat() {
  try {
    const [cpu, waiting] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { cpuNanoseconds: cpu, waitingNanoseconds: waiting };
  } catch {
    return null;
  }
}

process.on('SIGWINCH', () => {
  const longCallbacks = long.map((callback) => ({
    ...callback,
    collections: recentCollections
      .filter((collection) => collection.start < callback.end && collection.end > callback.start)
      .map((collection) => `${collection.name} ${(collection.end - collection.start).toFixed(2)} ms`),
  }));
  writeFileSync(
    file,
    JSON.stringify({
      at: performance.now(),
      callbacks: totals,
      collections: { pauseBoundsMs: PAUSE_BOUNDS, ...collections },
      longCallbacks,
      mainThread: schedstat(),
    }),
  );
});
