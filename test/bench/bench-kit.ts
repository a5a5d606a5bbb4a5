/**
 * Pieces the benchmarks share (bench:redirect, bench:scale): core pinning, child servers, autocannon runs
 * with per-response latencies, runs at a fixed rate with evenly spaced arrivals, CPU accounting from /proc, link seeding, request lists and the printed table.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { openDataSource } from '@app/database';
import { BENCH_LINK_COUNT, BENCH_SHORT_DOMAIN, BENCH_UTM_SOURCE } from './bench-links';
import { freePort } from '../helpers/free-port';
import { httpStatus } from '../helpers/server-process';

export const ROOT = join(__dirname, '../..');

export const BROWSER_USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
];

/**
 * 30 browsers' user agents (desktop and mobile Chrome, Safari, Firefox, Edge, Samsung Internet over several
 * versions): real traffic repeats a few dozen agents, not one, and parsing each one is part of a click's cost.
 */
export const VARIED_BROWSER_USER_AGENTS = [
  ...[120, 122, 123, 124, 125].map(
    (version) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`,
  ),
  ...[122, 124, 125].map(
    (version) =>
      `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36`,
  ),
  ...['16.6', '17.3', '17.4'].map(
    (version) =>
      `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version} Safari/605.1.15`,
  ),
  ...['16_7', '17_3', '17_4', '17_5'].map(
    (version) =>
      `Mozilla/5.0 (iPhone; CPU iPhone OS ${version} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version.replace('_', '.')} Mobile/15E148 Safari/604.1`,
  ),
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ...['Pixel 7', 'Pixel 8', 'SM-S918B', 'SM-A546B'].map(
    (model) =>
      `Mozilla/5.0 (Linux; Android 14; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36`,
  ),
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  ...[115, 124, 125].map(
    (version) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${version}.0) Gecko/20100101 Firefox/${version}.0`,
  ),
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  ...[123, 124].map(
    (version) =>
      `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}.0.0.0 Safari/537.36 Edg/${version}.0.0.0`,
  ),
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 13; Pixel 6a) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Mobile Safari/537.36',
];

export interface LoadResult {
  requestsPerSecond: number;
  /** Server CPU time (user + system) per response, microseconds, summed over the target's processes. */
  cpuMicroseconds: number;
  /** CPU time of the PostgreSQL processes per response, microseconds (other users of the server count too). */
  postgresMicroseconds: number;
  p50: number;
  p99: number;
  /** Responses with the expected status (302 for redirects, 200 for API reads). */
  expected: number;
  other: number;
  errors: number;
}

export interface Pinning {
  server: string[];
  describe: string;
  /** Core the load generator runs on (null when nothing is pinned). */
  loadCore: number | null;
}

/** What a benchmark's figures depend on: the cores and how busy the machine already is. */
export function describeMachine(): string {
  const cores = cpus();
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(2));
  return `Machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown'}), load average ${one} / ${five} / ${fifteen} (1 / 5 / 15 min), Node ${process.version}`;
}

/** Servers still running: killed if a benchmark fails half-way. */
export const children = new Set<ChildProcess>();

export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** The load generator on the last core, servers on the others (taskset), when there are two cores or more. */
export function pinCores(): Pinning {
  const count = cpus().length;
  const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
  if (!hasTaskset || count < 2)
    return { server: [], describe: hasTaskset ? 'one core: none' : 'taskset unavailable: none', loadCore: null };
  const loadCore = count - 1;
  const serverCores = count === 2 ? '0' : `0-${count - 2}`;
  spawnSync('taskset', ['-cp', String(loadCore), String(process.pid)]);
  return {
    server: ['taskset', '-c', serverCores],
    describe: `servers on CPU ${serverCores}, load generator on CPU ${loadCore}`,
    loadCore,
  };
}

/**
 * With BENCH_PIN_POSTGRES=1, the PostgreSQL backends serving the app's database are moved to the load generator's core,
 * so they stop competing with the app for its core: what a database on its own machine looks like from the app's side.
 * Needs the right to change those processes' affinity (root, or the same user). Call it before each run: the pool may
 * have opened connections since. Returns how many backends were moved.
 */
export async function pinPostgresBackends(pinning: Pinning, databaseUrl: string): Promise<number> {
  if (process.env.BENCH_PIN_POSTGRES !== '1' || pinning.loadCore === null) return 0;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    let pinned = 0;
    for (const { pid } of rows)
      if (spawnSync('taskset', ['-cp', String(pinning.loadCore), String(pid)]).status === 0) pinned++;
    return pinned;
  } finally {
    await client.end();
  }
}

/** Migrations, then a workspace `ws_bench` (agency) with `count` links `s1`…`s<count>` on the bench short domain. */
export async function prepareDatabase(url: string, count = BENCH_LINK_COUNT): Promise<void> {
  const started = Date.now();
  const opened = await openDataSource({ url, dataDir: '' });
  await opened.close();
  await withClient(url, (client) => seedLinks((sql, parameters) => client.query(sql, parameters), count));
  log(`Database ready: migrations + ${count.toLocaleString('en')} links in ${Date.now() - started} ms`);
}

/** The same as prepareDatabase in an embedded (PGlite) database in `dataDir`, for an app started without DATABASE_URL. */
export async function prepareEmbeddedDatabase(dataDir: string, count = BENCH_LINK_COUNT): Promise<void> {
  const started = Date.now();
  await withEmbeddedDatabase(dataDir, (query) => seedLinks(query, count));
  log(
    `Embedded database ready in ${dataDir}: migrations + ${count.toLocaleString('en')} links in ${Date.now() - started} ms`,
  );
}

/** SQL on the embedded database in `dataDir` (while no app has it open: PGlite is single-process). */
export async function withEmbeddedDatabase<T>(
  dataDir: string,
  use: (query: (sql: string, parameters?: unknown[]) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const opened = await openDataSource({ dataDir });
  try {
    return await use((sql, parameters) => opened.dataSource.query(sql, parameters));
  } finally {
    await opened.close();
  }
}

async function seedLinks(
  query: (sql: string, parameters?: unknown[]) => Promise<unknown>,
  count: number,
): Promise<void> {
  await query(`INSERT INTO workspaces (id, name, plan) VALUES ('ws_bench', 'Benchmark', 'agency')`);
  await query(
    `INSERT INTO links (id, workspace_id, domain, slug, url, utm_source)
     SELECT 'link_bench' || index, 'ws_bench', $1, 's' || index, 'https://example.com/landing/' || index, $2
       FROM generate_series(1, $3::int) AS index`,
    [BENCH_SHORT_DOMAIN, BENCH_UTM_SOURCE, count],
  );
  await query('ANALYZE links');
}

/** The application_name of the bench's own connections, which measurements of the app's backends leave out. */
export const BENCH_APPLICATION_NAME = 'linktrace-bench';

export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: BENCH_APPLICATION_NAME });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface TrafficShape {
  /** Share of all requests that go to one link (a viral one), the rest following the Zipf distribution; 0 by default. */
  viralShare?: number;
  /** The user agents requests carry, one drawn at random per request (BROWSER_USER_AGENTS by default). */
  userAgents?: string[];
}

/**
 * One request list per connection, slugs `s1`…`s<linkCount>` drawn from a Zipf distribution (rank k with weight
 * 1/k); with `viralShare`, that share of the requests goes to the most popular link instead.
 */
export function zipfRequestLists(
  linkCount: number,
  connections: number,
  requestsPerConnection: number,
  { viralShare = 0, userAgents = BROWSER_USER_AGENTS }: TrafficShape = {},
): autocannon.Request[][] {
  const cumulative = new Float64Array(linkCount);
  let total = 0;
  for (let rank = 1; rank <= linkCount; rank++) cumulative[rank - 1] = total += 1 / rank;
  // Popularity is not in id order: rank → a link through a fixed shuffle.
  const linkOfRank = Array.from({ length: linkCount }, (_, index) => index + 1);
  const random = seededRandom(42);
  for (let index = linkOfRank.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [linkOfRank[index], linkOfRank[other]] = [linkOfRank[other], linkOfRank[index]];
  }
  const pick = () => {
    if (viralShare > 0 && random() < viralShare) return linkOfRank[0];
    const target = random() * total;
    let low = 0;
    let high = linkCount - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return linkOfRank[low];
  };
  return Array.from({ length: connections }, () =>
    Array.from({ length: requestsPerConnection }, () => ({
      method: 'GET' as const,
      path: `/s${pick()}`,
      headers: {
        host: BENCH_SHORT_DOMAIN,
        'user-agent': userAgents[Math.floor(random() * userAgents.length)],
      },
    })),
  );
}

export function countDistinct(requestLists: autocannon.Request[][]): number {
  return new Set(requestLists.flat().map((request) => request.path)).size;
}

/** Each distinct request once, spread over `connections` lists. */
export function distinctRequestLists(
  requestLists: autocannon.Request[][],
  connections: number,
): autocannon.Request[][] {
  const byPath = new Map(requestLists.flat().map((request) => [request.path, request]));
  const lists: autocannon.Request[][] = Array.from({ length: connections }, () => []);
  [...byPath.values()].forEach((request, index) => lists[index % connections].push(request));
  return lists;
}

export interface RunOptions {
  connections: number;
  seconds?: number;
  amount?: number;
  overallRate?: number;
  /** The status that counts as a success (default 302). */
  expectedStatus?: number;
}

/** Where a run sends its requests, and the processes whose CPU it is charged to. */
export interface LoadTarget {
  port: number;
  pids: number[];
}

export function run(
  target: LoadTarget,
  requestLists: autocannon.Request[][],
  options: RunOptions,
): Promise<LoadResult> {
  const expectedStatus = options.expectedStatus ?? 302;
  let latencies = new Float64Array(1 << 20);
  let count = 0;
  let expected = 0;
  let other = 0;
  let nextClient = 0;
  const cpu = cpuMeter(target.pids);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${target.port}`,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds }),
        ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
        requests: requestLists[0],
        setupClient: (client: autocannon.Client) =>
          client.setRequests(requestLists[nextClient++ % requestLists.length]),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requestsPerSecond: count / result.duration,
          ...cpu(count),
          ...p50AndP99(latencies.subarray(0, count)),
          expected,
          other,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on('response', (_client: autocannon.Client, statusCode: number, _bytes: number, responseTime: number) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
      if (statusCode === expectedStatus) expected++;
      else other++;
    });
  });
}

/** The median and 99th percentile of a run's latencies (sorted in place); NaN for a run without answers. */
function p50AndP99(latencies: Float64Array): Pick<LoadResult, 'p50' | 'p99'> {
  const sorted = latencies.sort();
  const percentile = (p: number) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: percentile(50), p99: percentile(99) };
}

/** Seconds a paced run sends at its rate before it starts counting. */
const PACED_WARMUP_SECONDS = 1;

/**
 * A run at a fixed rate with evenly spaced arrivals (open loop): every millisecond or so the requests due by then
 * are sent, each on a free keep-alive connection or as soon as one frees, and each latency counts from when its
 * request was due, so a server that holds requests back is charged for the wait (no coordinated omission).
 * autocannon's `overallRate` is not this: each connection sends its share of a second back to back at the start of
 * the second, then waits, so its latencies are those of a burst of the whole second's requests. The first
 * PACED_WARMUP_SECONDS are sent the same way and not counted: the generator's own code and connections warm up
 * first (measured cold, a first second against a bare server had a p99 of 200 ms).
 */
export async function runPaced(
  target: LoadTarget,
  requestLists: autocannon.Request[][],
  options: { connections: number; seconds: number; rate: number; expectedStatus?: number },
): Promise<LoadResult> {
  const expectedStatus = options.expectedStatus ?? 302;
  const requests = requestLists.flat();
  const warmup = Math.round(options.rate * PACED_WARMUP_SECONDS);
  const total = warmup + Math.round(options.rate * options.seconds);
  const latencies = new Float64Array(total);
  let counted = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  let sent = 0;
  let expected = 0;
  let other = 0;
  let errors = 0;
  let inFlight = 0;
  let cpu = cpuMeter(target.pids);
  const start = performance.now();
  let measuredFrom = start;
  let end = start;
  await new Promise<void>((resolve) => {
    const settle = () => {
      inFlight--;
      if (sent === total && inFlight === 0) resolve();
    };
    const send = (due: number, measured: boolean) => {
      const { method, path, headers } = requests[sent++ % requests.length];
      inFlight++;
      const outgoing = httpRequest(
        { agent, host: '127.0.0.1', port: target.port, method, path, headers },
        (response) => {
          response.resume();
          response.on('end', () => {
            end = performance.now();
            if (measured) {
              latencies[counted++] = end - due;
              if (response.statusCode === expectedStatus) expected++;
              else other++;
            }
            settle();
          });
        },
      );
      outgoing.on('error', () => {
        if (measured) errors++;
        settle();
      });
      outgoing.end();
    };
    const tick = () => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1000) * options.rate));
      if (sent < warmup && due >= warmup) {
        // The measured part starts: the CPU is counted from here.
        cpu = cpuMeter(target.pids);
        measuredFrom = now;
      }
      while (sent < due) send(now, sent >= warmup);
      if (sent < total) setTimeout(tick, 1);
      else if (inFlight === 0) resolve();
    };
    tick();
  });
  agent.destroy();
  return {
    requestsPerSecond: counted / ((end - measuredFrom) / 1000),
    ...cpu(counted),
    ...p50AndP99(latencies.subarray(0, counted)),
    expected,
    other,
    errors,
  };
}

/**
 * Starts counting the CPU time of the target's processes and of PostgreSQL; the function it returns gives
 * both, in microseconds per response, for the responses of the run.
 */
export function cpuMeter(
  pids: number[],
): (responses: number) => Pick<LoadResult, 'cpuMicroseconds' | 'postgresMicroseconds'> {
  const cpuBefore = sumCpuTicks(pids);
  const postgresBefore = postgresTicks();
  return (responses) => {
    const perResponse = (ticks: number) => ((ticks / CLOCK_TICKS_PER_SECOND) * 1e6) / Math.max(responses, 1);
    return {
      cpuMicroseconds: perResponse(sumCpuTicks(pids) - cpuBefore),
      postgresMicroseconds: perResponse(postgresTicksSince(postgresBefore)),
    };
  };
}

/** Whether Debian's `wrk` is installed (`apt-get install wrk`). */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/**
 * A saturated run with wrk (C, one thread, on the load generator's core like this process): the load
 * generator of the timed runs, since autocannon (JavaScript) saturates its core before a bare node:http
 * server does. wrk sends the request lists' requests in turn (all lists, flattened) and reports its own
 * latency percentiles; responses that are not 2xx/3xx count as `other`. wrk has no request count or rate:
 * the warm-up, fixed-rate and burst runs stay with autocannon.
 */
export function runWrk(
  target: LoadTarget,
  requestLists: autocannon.Request[][],
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-wrk-'));
  const script = join(directory, 'requests.lua');
  writeFileSync(script, wrkScript(directory, requestLists.flat()));
  const cpu = cpuMeter(target.pids);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      [
        '-t1',
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        '--timeout',
        '10s',
        '-s',
        script,
        `http://127.0.0.1:${target.port}/`,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      rmSync(directory, { recursive: true, force: true });
      const line = /^WRK_RESULT (.+)$/m.exec(output);
      if (code !== 0 || !line) return reject(new Error(`wrk exited with ${code}: ${output}`));
      const summary = JSON.parse(line[1]) as {
        requests: number;
        seconds: number;
        p50: number;
        p99: number;
        status: number;
        errors: number;
      };
      resolve({
        requestsPerSecond: summary.requests / summary.seconds,
        ...cpu(summary.requests),
        p50: summary.p50 / 1000,
        p99: summary.p99 / 1000,
        expected: summary.requests - summary.status,
        other: summary.status,
        errors: summary.errors,
      });
    });
  });
}

/** The Lua script of a wrk run: the requests come from a file of `path<TAB>user agent` lines beside it. */
function wrkScript(directory: string, requests: autocannon.Request[]): string {
  const lines = join(directory, 'requests.txt');
  writeFileSync(
    lines,
    requests.map((request) => `${request.path ?? '/'}\t${request.headers?.['user-agent'] ?? ''}\n`).join(''),
  );
  const host = String(requests[0]?.headers?.host ?? BENCH_SHORT_DOMAIN);
  return [
    'local formatted = {}',
    'local position = 0',
    'init = function()',
    `  for line in io.lines(${JSON.stringify(lines)}) do`,
    '    local path, userAgent = line:match("^([^\\t]*)\\t(.*)$")',
    `    formatted[#formatted + 1] = wrk.format('GET', path, { Host = ${JSON.stringify(host)}, ['User-Agent'] = userAgent })`,
    '  end',
    'end',
    'request = function() position = position % #formatted + 1; return formatted[position] end',
    'done = function(summary, latency)',
    '  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout',
    '  io.write(string.format("WRK_RESULT {\\"requests\\":%d,\\"seconds\\":%f,\\"p50\\":%f,\\"p99\\":%f,\\"status\\":%d,\\"errors\\":%d}\\n",',
    '    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), summary.errors.status, errors))',
    'end',
    '',
  ].join('\n');
}

export const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** utime + stime of each process named postgres on this machine (none when it runs elsewhere), by pid. */
export function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        ticks.set(Number(entry), cpuTicks(Number(entry)) || 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/**
 * CPU ticks PostgreSQL used between two readings (processes that ended meanwhile are not counted), by the given
 * backends only when `pids` is given (on a shared machine, other users' queries run on the same server).
 */
export function postgresTicksSince(before: Map<number, number>, pids?: number[]): number {
  let total = 0;
  for (const [pid, ticks] of postgresTicks()) if (!pids || pids.includes(pid)) total += ticks - (before.get(pid) ?? 0);
  return total;
}

/** utime + stime of a process, in clock ticks (Linux). */
export function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

/** CPU time a process has run, in ns (/proc/<pid>/schedstat: finer than utime + stime's clock ticks); NaN once gone. */
export function cpuNanoseconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
}

export function sumCpuTicks(pids: number[]): number {
  return pids.reduce((total, pid) => total + cpuTicks(pid), 0);
}

export interface RunningServer {
  process: ChildProcess;
  port: number;
}

export interface StartOptions {
  /** Answers this status when ready (default: GET /s1 on the bench short domain answers 302). */
  readyPath?: string;
  readyStatus?: number;
  /** What the child writes on stdout: ignored by default. */
  stdout?: 'ignore' | 'pipe';
}

/**
 * A node child process on a free port, pinned to the server cores; resolves once it answers `readyPath`. It gets
 * this process's environment plus `env`; a variable set to undefined there is removed (DATABASE_URL for an app on
 * the embedded database).
 */
export async function startServer(
  pinning: Pinning,
  nodeArguments: string[],
  env: Record<string, string | undefined>,
  options: StartOptions = {},
): Promise<RunningServer> {
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' };
  delete environment.NODE_OPTIONS;
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete environment[name];
  const [command, ...commandArguments] = [...pinning.server, process.execPath, ...nodeArguments];
  const child = spawn(command, commandArguments, {
    cwd: ROOT,
    env: environment,
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${nodeArguments.join(' ')} exited with ${child.exitCode}`);
    if ((await statusOf(port, options.readyPath ?? '/s1')) === (options.readyStatus ?? 302))
      return { process: child, port };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${nodeArguments.join(' ')} did not answer within 90 s`);
}

/**
 * The app as production runs it: built once (`nest build api`, into dist/), then the node arguments of
 * scripts/serve.sh's `exec node …` line (its flags, then the entry file; `npm run start:prod` and the Dockerfile run
 * that script), so that memory and CPU are those of the compiled code with production's V8 settings, not of
 * TypeScript compiled in the process by a loader.
 */
export function builtApp(): string[] {
  if (!builtOnce) {
    const build = spawnSync('npx', ['nest', 'build', 'api'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`nest build api exited with ${build.status}`);
    builtOnce = true;
  }
  const line = /^exec node (.+?) "\$@"$/m.exec(readFileSync(join(ROOT, 'scripts/serve.sh'), 'utf8'));
  if (!line) throw new Error('scripts/serve.sh has no `exec node … "$@"` line');
  return line[1].split(/\s+/);
}
let builtOnce = false;

/** SIGTERM, then the time the process took to flush and exit. */
export async function stop(child: ChildProcess): Promise<number> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return 0;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return Date.now() - started;
}

/** Status of a GET on the bench short domain; 0 while nothing listens yet. */
export function statusOf(port: number, path: string): Promise<number> {
  return httpStatus(port, path, { host: BENCH_SHORT_DOMAIN }).catch(() => 0);
}

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join('  '),
    )
    .join('\n');
}

export function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * Samples a process's resident memory (VmRSS) every 250 ms from now on; the function it returns stops and gives the
 * largest sample, in MB (the process's start is not counted).
 */
export function rssSampler(pid: number): () => number {
  let largest = Number.NaN;
  const sample = () => {
    try {
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) largest = Math.max(Number.isNaN(largest) ? 0 : largest, Number(match[1]) / 1024);
    } catch {
      // the process has exited
    }
  };
  sample();
  const timer = setInterval(sample, 250);
  return () => {
    clearInterval(timer);
    sample();
    return largest;
  };
}
