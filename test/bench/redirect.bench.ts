/**
 * Redirect benchmark: `npm run bench:redirect` (DATABASE_URL of a PostgreSQL server required).
 *
 * Creates a fresh database with 100k links, then loads two servers in turn with the same requests:
 * the app (child process, production-like: LOG_LEVEL=warn, clicks recorded) and a bare node:http
 * server answering the same redirects from a Map. Slug popularity is Zipf-like (s = 1) through
 * pre-generated request lists; user agents are browsers'. Servers run pinned to one core and the load
 * generator to another (taskset), when the machine has two or more.
 *
 * Per server: a saturated run (req/s; latency then mostly measures queueing: 50 connections / req/s)
 * and a fixed-rate run below saturation (latency of a loaded but not overloaded server), plus the
 * server's CPU time per request (from /proc), which other load on the machine disturbs less than req/s.
 * Then the clicks: once the timed runs are written, a burst of BENCH_BURST requests is sent and the app
 * is stopped with SIGTERM right after; every one of them must be in the database.
 *
 * Settings (environment): BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3),
 * BENCH_RATE (requests/s of the fixed-rate run, 5000), BENCH_BURST (20000), BENCH_PIN_POSTGRES (1: move the PostgreSQL
 * backends of the app's database to the load generator's core, as a database on its own machine), BENCH_APP_NODE_ARGS (extra node
 * arguments for the app, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile` to profile it under this load).
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { openDataSource } from '@app/database';
import { createTestDatabase } from '../helpers/test-database';
import { BENCH_LINK_COUNT, BENCH_SHORT_DOMAIN, BENCH_UTM_SOURCE } from './bench-links';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 5000);
const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const REQUESTS_PER_CONNECTION = 4_000;
const ROOT = join(__dirname, '../..');

const BROWSER_USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
];

interface LoadResult {
  requestsPerSecond: number;
  /** Server CPU time (user + system) per response, microseconds. */
  cpuMicroseconds: number;
  /** CPU time of the PostgreSQL processes per response, microseconds (other users of the server count too). */
  postgresMicroseconds: number;
  p50: number;
  p99: number;
  redirects: number;
  other: number;
  errors: number;
}

interface Pinning {
  server: string[];
  describe: string;
  /** Core the load generator runs on (null when nothing is pinned). */
  loadCore: number | null;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write('bench:redirect needs DATABASE_URL (a PostgreSQL server; a fresh database is created on it)\n');
    process.exit(1);
  }
  const pinning = pinCores();
  log(`Pinning: ${pinning.describe}`);

  const database = await createTestDatabase();
  const databaseUrl = database.env.DATABASE_URL;
  try {
    await prepareDatabase(databaseUrl);
    const clientRequests = zipfRequestLists();

    log('\nBaseline: node:http + Map');
    const raw = await startServer(pinning, ['-r', '@swc-node/register', 'test/bench/raw-redirect-server.ts'], {});
    await run(raw, clientRequests, { seconds: WARMUP_SECONDS });
    const rawSaturated = await run(raw, clientRequests, { seconds: SECONDS });
    const rawFixed = await run(raw, clientRequests, { seconds: SECONDS, overallRate: FIXED_RATE });
    await stop(raw.process);

    log('\nApp: GET /:slug (Nest + Fastify, LRU cache, click recording)');
    const appNodeArguments = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const app = await startServer(pinning, [...appNodeArguments, '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SHORT_DOMAIN: BENCH_SHORT_DOMAIN,
      HOST: '127.0.0.1',
    });
    // The measured runs see a warm cache, as a long-running server does: every slug of the request
    // lists is asked for once first (a cache miss is a database query; the first pass is all misses).
    const firstPass = await run(app, distinctRequestLists(clientRequests), { amount: countDistinct(clientRequests) });
    log(`cache warm-up: ${firstPass.redirects} distinct slugs at ${Math.round(firstPass.requestsPerSecond)} req/s (p50 ${firstPass.p50.toFixed(2)} ms, p99 ${firstPass.p99.toFixed(2)} ms)`);
    await run(app, clientRequests, { seconds: WARMUP_SECONDS });
    const pinnedBackends = await pinPostgresBackends(pinning, databaseUrl);
    if (pinnedBackends > 0) log(`PostgreSQL: ${pinnedBackends} backend(s) of the app's database moved to CPU ${pinning.loadCore} (BENCH_PIN_POSTGRES=1)`);
    const appSaturated = await run(app, clientRequests, { seconds: SECONDS });
    const appFixed = await run(app, clientRequests, { seconds: SECONDS, overallRate: FIXED_RATE });
    // Requests cut off when a timed run ends may still have been answered: the count is settled first.
    const before = await settledClickCount(databaseUrl);
    const burst = await run(app, clientRequests, { amount: BURST });
    const stoppedIn = await stop(app.process);
    const after = await countClicks(databaseUrl);

    const rows = [
      ['', 'req/s', 'p50 ms', 'p99 ms', `p50 ms @${FIXED_RATE}/s`, `p99 ms @${FIXED_RATE}/s`, 'CPU µs/req', 'PostgreSQL µs/req', 'non-302', 'errors'],
      row('raw node:http', rawSaturated, rawFixed),
      row('app', appSaturated, appFixed),
    ];
    log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, ${BENCH_LINK_COUNT.toLocaleString('en')} links, Zipf (s=1) slug popularity\n`);
    log(table(rows));
    log('(PostgreSQL µs/req: CPU of every postgres process on this machine during the run: other users of the server count too)');
    log(`\nratio app/raw: ${(appSaturated.requestsPerSecond / rawSaturated.requestsPerSecond).toFixed(2)} in req/s, ${(rawSaturated.cpuMicroseconds / appSaturated.cpuMicroseconds).toFixed(2)} in CPU per request`);
    const burstWritten = after.events - before.events;
    log(
      `clicks: burst of ${burst.redirects} redirects then SIGTERM (exit after ${stoppedIn} ms): ${burstWritten} events written` +
        (burstWritten === burst.redirects ? ', none lost' : `, ${burst.redirects - burstWritten} MISSING`),
    );
    log(`        in all ${after.events} events (${after.botEvents} from bots: the readiness probe), links.clicks total ${after.linkClicks}${after.events - after.botEvents === after.linkClicks ? '' : ' (MISMATCH)'}`);
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await database.drop();
  }
}

/** Servers still running: killed if the benchmark fails half-way. */
const children = new Set<ChildProcess>();

/** The load generator on the last core, servers on the others (taskset), when there are two cores or more. */
function pinCores(): Pinning {
  const count = cpus().length;
  const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
  if (!hasTaskset || count < 2) return { server: [], describe: hasTaskset ? 'one core: none' : 'taskset unavailable: none', loadCore: null };
  const loadCore = count - 1;
  const serverCores = count === 2 ? '0' : `0-${count - 2}`;
  spawnSync('taskset', ['-cp', String(loadCore), String(process.pid)]);
  return { server: ['taskset', '-c', serverCores], describe: `servers on CPU ${serverCores}, load generator on CPU ${loadCore}`, loadCore };
}

/**
 * With BENCH_PIN_POSTGRES=1, the PostgreSQL backends serving the app's database are moved to the load generator's core,
 * so they stop competing with the app for its core: what a database on its own machine looks like from the app's side.
 * Needs the right to change those processes' affinity (root, or the same user). Called before each run: the pool may
 * have opened connections since.
 */
async function pinPostgresBackends(pinning: Pinning, databaseUrl: string): Promise<number> {
  if (process.env.BENCH_PIN_POSTGRES !== '1' || pinning.loadCore === null) return 0;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    let pinned = 0;
    for (const { pid } of rows) if (spawnSync('taskset', ['-cp', String(pinning.loadCore), String(pid)]).status === 0) pinned++;
    return pinned;
  } finally {
    await client.end();
  }
}

async function prepareDatabase(url: string): Promise<void> {
  const started = Date.now();
  const opened = await openDataSource({ url, dataDir: '' });
  await opened.close();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`INSERT INTO workspaces (id, name, plan) VALUES ('ws_bench', 'Benchmark', 'agency')`);
    await client.query(
      `INSERT INTO links (id, workspace_id, domain, slug, url, utm_source)
       SELECT 'link_bench' || index, 'ws_bench', $1, 's' || index, 'https://example.com/landing/' || index, $2
         FROM generate_series(1, $3::int) AS index`,
      [BENCH_SHORT_DOMAIN, BENCH_UTM_SOURCE, BENCH_LINK_COUNT],
    );
    await client.query('ANALYZE links');
  } finally {
    await client.end();
  }
  log(`Database ready: migrations + ${BENCH_LINK_COUNT.toLocaleString('en')} links in ${Date.now() - started} ms`);
}

/** One request list per connection, slugs drawn from a Zipf distribution (rank k with weight 1/k). */
function zipfRequestLists(): autocannon.Request[][] {
  const cumulative = new Float64Array(BENCH_LINK_COUNT);
  let total = 0;
  for (let rank = 1; rank <= BENCH_LINK_COUNT; rank++) cumulative[rank - 1] = total += 1 / rank;
  // Popularity is not in id order: rank → a link through a fixed shuffle.
  const linkOfRank = Array.from({ length: BENCH_LINK_COUNT }, (_, index) => index + 1);
  const random = seededRandom(42);
  for (let index = linkOfRank.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [linkOfRank[index], linkOfRank[other]] = [linkOfRank[other], linkOfRank[index]];
  }
  const pick = () => {
    const target = random() * total;
    let low = 0;
    let high = BENCH_LINK_COUNT - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return linkOfRank[low];
  };
  return Array.from({ length: CONNECTIONS }, () =>
    Array.from({ length: REQUESTS_PER_CONNECTION }, () => ({
      method: 'GET' as const,
      path: `/s${pick()}`,
      headers: { host: BENCH_SHORT_DOMAIN, 'user-agent': BROWSER_USER_AGENTS[Math.floor(random() * BROWSER_USER_AGENTS.length)] },
    })),
  );
}

function countDistinct(requestLists: autocannon.Request[][]): number {
  return new Set(requestLists.flat().map((request) => request.path)).size;
}

/** Each distinct request once, spread over the connections. */
function distinctRequestLists(requestLists: autocannon.Request[][]): autocannon.Request[][] {
  const byPath = new Map(requestLists.flat().map((request) => [request.path, request]));
  const lists: autocannon.Request[][] = Array.from({ length: CONNECTIONS }, () => []);
  [...byPath.values()].forEach((request, index) => lists[index % CONNECTIONS].push(request));
  return lists;
}

interface RunOptions {
  seconds?: number;
  amount?: number;
  overallRate?: number;
}

function run(server: RunningServer, requestLists: autocannon.Request[][], options: RunOptions): Promise<LoadResult> {
  let latencies = new Float64Array(1 << 20);
  let count = 0;
  let redirects = 0;
  let other = 0;
  let nextClient = 0;
  const cpuBefore = cpuTicks(server.process.pid!);
  const postgresBefore = postgresTicks();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${server.port}`,
        connections: CONNECTIONS,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds }),
        ...(options.overallRate !== undefined && { overallRate: options.overallRate }),
        requests: requestLists[0],
        setupClient: (client: autocannon.Client) => client.setRequests(requestLists[nextClient++ % requestLists.length]),
      },
      (error, result) => {
        if (error) return reject(error);
        const cpuMicroseconds = ((cpuTicks(server.process.pid!) - cpuBefore) / CLOCK_TICKS_PER_SECOND) * 1e6;
        const postgresMicroseconds = (postgresTicksSince(postgresBefore) / CLOCK_TICKS_PER_SECOND) * 1e6;
        const sorted = latencies.subarray(0, count).sort();
        const percentile = (p: number) => (count === 0 ? NaN : sorted[Math.min(count - 1, Math.floor((p / 100) * count))]);
        resolve({
          requestsPerSecond: count / result.duration,
          cpuMicroseconds: cpuMicroseconds / Math.max(count, 1),
          postgresMicroseconds: postgresMicroseconds / Math.max(count, 1),
          p50: percentile(50),
          p99: percentile(99),
          redirects,
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
      if (statusCode === 302) redirects++;
      else other++;
    });
  });
}

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK']).stdout?.toString().trim()) || 100;

/** utime + stime of each process named postgres on this machine (none when it runs elsewhere), by pid. */
function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') ticks.set(Number(entry), cpuTicks(Number(entry)) || 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/** CPU ticks PostgreSQL used between two readings (processes that ended meanwhile are not counted). */
function postgresTicksSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ticks] of postgresTicks()) total += ticks - (before.get(pid) ?? 0);
  return total;
}

/** utime + stime of a process, in clock ticks (Linux). */
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

interface RunningServer {
  process: ChildProcess;
  port: number;
}

async function startServer(pinning: Pinning, nodeArguments: string[], env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port), NODE_ENV: 'production' };
  delete environment.NODE_OPTIONS;
  const [command, ...commandArguments] = [...pinning.server, process.execPath, ...nodeArguments];
  const child = spawn(command, commandArguments, { cwd: ROOT, env: environment, stdio: ['ignore', 'ignore', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${nodeArguments.join(' ')} exited with ${child.exitCode}`);
    if ((await statusOf(port, '/s1')) === 302) return { process: child, port };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${nodeArguments.join(' ')} did not answer within 90 s`);
}

/** SIGTERM, then the time the process took to flush and exit. */
async function stop(child: ChildProcess): Promise<number> {
  const started = Date.now();
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return Date.now() - started;
}

/** The click count once the app has written everything it had buffered (it stops changing). */
async function settledClickCount(url: string): Promise<ClickCounts> {
  let previous = await countClicks(url);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await countClicks(url);
    if (current.events === previous.events) return current;
    previous = current;
  }
}

interface ClickCounts {
  events: number;
  botEvents: number;
  linkClicks: number;
}

async function countClicks(url: string): Promise<ClickCounts> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const events = await client.query(`SELECT count(*)::int AS count, count(*) FILTER (WHERE is_bot)::int AS bots FROM click_events`);
    const links = await client.query(`SELECT coalesce(sum(clicks), 0)::int AS total FROM links`);
    return { events: events.rows[0].count, botEvents: events.rows[0].bots, linkClicks: links.rows[0].total };
  } finally {
    await client.end();
  }
}

function statusOf(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers: { host: BENCH_SHORT_DOMAIN } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function row(name: string, saturated: LoadResult, fixed: LoadResult): string[] {
  return [
    name,
    Math.round(saturated.requestsPerSecond).toLocaleString('en'),
    saturated.p50.toFixed(2),
    saturated.p99.toFixed(2),
    fixed.p50.toFixed(2),
    fixed.p99.toFixed(2),
    saturated.cpuMicroseconds.toFixed(1),
    saturated.postgresMicroseconds.toFixed(1),
    String(saturated.other + fixed.other),
    String(saturated.errors + fixed.errors),
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
  return rows.map((cells) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
