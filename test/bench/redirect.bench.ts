/**
 * Redirect benchmark: `npm run bench:redirect` (DATABASE_URL of a PostgreSQL server required).
 *
 * Creates a fresh PostgreSQL database and an embedded (PGlite) one in a temporary DATA_DIR, each with the links
 * of the scenarios (100k with `zipf`), then, for each traffic scenario, loads the same requests onto:
 * - `raw node:http`: a bare node:http server answering the same redirects from a Map (no click kept);
 * - `redirect + record`: the same server storing a minimal row per redirect in PostgreSQL, batched every 5 ms
 *   (recording-redirect-server.ts): the cheapest way this machine can both redirect and keep every click;
 * - the app (child process, production-like: built with `nest build api` and started with the node flags of
 *   `npm run start:prod`, LOG_LEVEL=warn, clicks recorded) on PostgreSQL and on the embedded database (started
 *   without DATABASE_URL).
 * Scenarios (BENCH_SCENARIOS, comma-separated; all by default): `zipf` (100,000 links, Zipf-like popularity, s = 1),
 * `links-1k` (1,000 links, Zipf), `viral` (1,000 links, one of them taking half of all clicks). Requests carry 30
 * browsers' user agents. Servers run pinned to one core and the load generator to another (taskset), when the
 * machine has two or more.
 *
 * Per server: a saturated run (req/s; latency then mostly measures queueing: 50 connections / req/s) and a
 * fixed-rate run below saturation (latency of a loaded but not overloaded server), plus the server's CPU time per
 * request (from /proc), which other load on the machine disturbs less than req/s. For the app also: the event-loop
 * delay (p99, max) of each run from its /metrics (`linktrace_event_loop_delay_seconds`, reset by each scrape), its
 * largest RSS during the timed runs (sampled every 250 ms), on PostgreSQL the CPU of its database's backends (from
 * /proc, autovacuum workers included) per click stored by the saturated and fixed-rate runs, less what its pollers
 * cost in the same time without clicks (measured idle just before; printed too), and the targets of
 * docs/BENCHMARKS.md, each marked met or not.
 * The saturated runs use wrk (Debian's package; C, one thread) when it is installed: autocannon saturates its own
 * core before a bare node:http server does, which understates the baseline. The warm-up and the burst (no request
 * count) use autocannon. The fixed-rate run sends evenly spaced requests (runPaced; wrk has no rate, and
 * autocannon's rate sends each second's requests in a burst at its start).
 * Then the clicks: once the timed runs are written, a burst of BENCH_BURST requests is sent and the app is stopped
 * with SIGTERM right after; every one of them must be in the database, and the app must have dropped no click in
 * any run (its linktrace_clicks_dropped_total, read just before the SIGTERM).
 *
 * Settings (environment): BENCH_SCENARIOS (zipf,links-1k,viral), BENCH_DATABASES (postgres,embedded),
 * BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_RATE (requests/s of the fixed-rate
 * run, 5000), BENCH_BURST (20000), BENCH_PIN_POSTGRES (1: move the PostgreSQL backends of the app's database to the
 * load generator's core, as a database on its own machine), BENCH_APP_NODE_ARGS (extra node arguments for the app,
 * e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile` to profile it under this load).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import {
  BENCH_APPLICATION_NAME,
  builtApp,
  cpuNanoseconds,
  countDistinct,
  describeMachine,
  distinctRequestLists,
  hasWrk,
  killChildren,
  LoadResult,
  log,
  Pinning,
  pinCores,
  pinPostgresBackends,
  prepareDatabase,
  prepareEmbeddedDatabase,
  run as runLoad,
  runWrk,
  RunningServer,
  RunOptions,
  runPaced,
  rssSampler,
  startServer,
  stop,
  table,
  TrafficShape,
  VARIED_BROWSER_USER_AGENTS,
  withClient,
  withEmbeddedDatabase,
  zipfRequestLists,
} from './bench-kit';
import { metricValue, TEST_METRICS_TOKEN } from '../helpers/prometheus';
import { measurePipelinePieces, PipelinePieces } from './click-pipeline-pieces';
import { createTestDatabase } from '../helpers/test-database';
import { BENCH_LINK_COUNT, BENCH_SHORT_DOMAIN } from './bench-links';
import { ENRICH_SLICE } from '../../apps/api/src/clicks/click-recorder.service';
import { SEND_SLICE } from '../../apps/api/src/clicks/clicks.repository';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 5000);
const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const REQUESTS_PER_CONNECTION = 4_000;
const AUTOCANNON_REQUESTS_PER_CONNECTION = 250;

interface Scenario {
  name: string;
  describe: string;
  links: number;
  shape: TrafficShape;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'zipf',
    describe: `${BENCH_LINK_COUNT.toLocaleString('en')} links, Zipf (s=1)`,
    links: BENCH_LINK_COUNT,
    shape: {},
  },
  { name: 'links-1k', describe: '1,000 links, Zipf (s=1)', links: 1_000, shape: {} },
  { name: 'viral', describe: '1,000 links, one taking half of all clicks', links: 1_000, shape: { viralShare: 0.5 } },
];

type DatabaseKind = 'postgres' | 'embedded';

/** The targets of the redirect (docs/BENCHMARKS.md), checked for each app run. */
const TARGETS = {
  fixedRateP99Ms: 3,
  eventLoopP99Ms: 2,
  cpuMicroseconds: 40,
  postgresMicroseconds: 20,
  ofRecordingBaseline: 0.8,
  ofRawBaseline: 0.5,
  rssMegabytes: 300,
};

interface AppRun {
  database: DatabaseKind;
  saturated: LoadResult;
  fixed: LoadResult;
  /** Event-loop delay in ms during the saturated and the fixed-rate runs. */
  saturatedDelay: EventLoopDelay;
  fixedDelay: EventLoopDelay;
  peakRss: number;
  dropped: number;
  queuedAfterSaturation: number;
  burst: { answered: number; written: number; stoppedIn: number };
  /** On PostgreSQL: CPU of the app database's backends during the saturated and fixed-rate runs. */
  postgresPerStoredClick?: PostgresCpu;
}

interface EventLoopDelay {
  p99: number;
  max: number;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'bench:redirect needs DATABASE_URL (a PostgreSQL server; a fresh database is created on it)\n',
    );
    process.exit(1);
  }
  const scenarios = selected(
    'BENCH_SCENARIOS',
    SCENARIOS.map((scenario) => scenario.name),
  ).map((name) => SCENARIOS.find((scenario) => scenario.name === name)!);
  const databases = selected('BENCH_DATABASES', ['postgres', 'embedded']) as DatabaseKind[];
  log(describeMachine());
  const pinning = pinCores();
  log(`Pinning: ${pinning.describe}`);
  log(
    hasWrk()
      ? 'Saturated runs: wrk (one thread); warm-up and burst runs: autocannon; fixed-rate runs: evenly spaced requests'
      : 'wrk is not installed (apt-get install wrk): the saturated runs use autocannon, which may saturate before the raw server does; fixed-rate runs: evenly spaced requests',
  );

  const pieces = await measurePipelinePieces();
  log(describePieces(pieces));

  const database = await createTestDatabase();
  const databaseUrl = database.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-redirect-'));
  // The app on PostgreSQL keeps its analytics store in a DATA_DIR of its own too, not in the checkout.
  const postgresDataDir = mkdtempSync(join(tmpdir(), 'bench-redirect-pg-'));
  try {
    const linkCount = Math.max(...scenarios.map((scenario) => scenario.links));
    await prepareDatabase(databaseUrl, linkCount);
    if (databases.includes('embedded')) await prepareEmbeddedDatabase(dataDir, linkCount);
    const summaries: string[] = [];
    for (const scenario of scenarios) {
      log(`\n=== Scenario ${scenario.name}: ${scenario.describe}; ${VARIED_BROWSER_USER_AGENTS.length} user agents`);
      const requests = zipfRequestLists(scenario.links, CONNECTIONS, REQUESTS_PER_CONNECTION, {
        ...scenario.shape,
        userAgents: VARIED_BROWSER_USER_AGENTS,
      });
      const raw = await runBaseline(pinning, 'node:http + Map', 'test/bench/raw-redirect-server.ts', {}, requests);
      const recording = await runBaseline(
        pinning,
        'node:http + Map + clicks batched into PostgreSQL',
        'test/bench/recording-redirect-server.ts',
        { DATABASE_URL: databaseUrl },
        requests,
      );
      const apps: AppRun[] = [];
      for (const kind of databases)
        apps.push(
          await runApp(
            pinning,
            kind,
            kind === 'postgres'
              ? { DATABASE_URL: databaseUrl, DATA_DIR: postgresDataDir }
              : { DATABASE_URL: undefined, DATA_DIR: dataDir },
            requests,
            kind === 'postgres' ? () => countPostgresClicks(databaseUrl) : () => countEmbeddedClicks(dataDir),
            databaseUrl,
          ),
        );
      const report = scenarioReport(scenario, raw, recording, apps);
      log(report);
      summaries.push(report);
    }
    log(`\n=== Summary (${describeMachine()})`);
    log(describePieces(pieces));
    for (const summary of summaries) log(summary);
  } finally {
    killChildren();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(postgresDataDir, { recursive: true, force: true });
    await database.drop();
  }
}

/** The names in an environment variable (comma-separated), each checked against the known ones; all when unset. */
function selected(variable: string, known: string[]): string[] {
  const names = (process.env[variable] ?? known.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`${variable}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return names;
}

interface BaselineRun {
  saturated: LoadResult;
  fixed: LoadResult;
}

async function runBaseline(
  pinning: Pinning,
  name: string,
  script: string,
  env: Record<string, string>,
  requests: autocannon.Request[][],
): Promise<BaselineRun> {
  log(`\nBaseline: ${name}`);
  const server = await startServer(pinning, ['-r', '@swc-node/register', script], env);
  try {
    await run(server, requests, { seconds: WARMUP_SECONDS });
    const saturated = await saturate(server, requests);
    const fixed = await atFixedRate(server, requests);
    return { saturated, fixed };
  } finally {
    await stop(server.process);
  }
}

async function runApp(
  pinning: Pinning,
  kind: DatabaseKind,
  env: Record<string, string | undefined>,
  requests: autocannon.Request[][],
  countClicks: () => Promise<number>,
  databaseUrl: string,
): Promise<AppRun> {
  log(`\nApp on ${kind === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)'}: GET /:slug`);
  const clicksAtStart = await countClicks();
  const appNodeArguments = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const app = await startServer(pinning, [...appNodeArguments, ...builtApp()], {
    ...env,
    LOG_LEVEL: 'warn',
    SHORT_DOMAIN: BENCH_SHORT_DOMAIN,
    HOST: '127.0.0.1',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
  });
  // The measured runs see a warm cache, as a long-running server does: every slug of the request
  // lists is asked for once first (a cache miss is a database query; the first pass is all misses).
  const firstPass = await run(app, distinctRequestLists(requests, CONNECTIONS), { amount: countDistinct(requests) });
  log(
    `cache warm-up: ${firstPass.expected} distinct slugs at ${Math.round(firstPass.requestsPerSecond)} req/s (p50 ${firstPass.p50.toFixed(2)} ms, p99 ${firstPass.p99.toFixed(2)} ms)`,
  );
  await run(app, requests, { seconds: WARMUP_SECONDS });
  const largestRss = rssSampler(app.process.pid!);
  if (kind === 'postgres') {
    const pinnedBackends = await pinPostgresBackends(pinning, databaseUrl);
    if (pinnedBackends > 0)
      log(`PostgreSQL: ${pinnedBackends} backend(s) moved to CPU ${pinning.loadCore} (BENCH_PIN_POSTGRES=1)`);
  }
  // The warm-up's clicks written and copied by the analytics projection first: their cost is not the timed runs'.
  await settledClicksWritten(app.port);
  const postgresBackground = kind === 'postgres' ? await idlePostgresCpu(databaseUrl) : undefined;
  const postgresMeter = kind === 'postgres' ? await databaseBackendsMeter(databaseUrl) : null;
  const storedBeforeRuns = postgresMeter ? await countClicks() : 0;
  await eventLoopDelay(app.port); // resets the delay histogram: what follows is the saturated run's
  const saturated = await saturate(app, requests);
  const saturatedDelay = await eventLoopDelay(app.port);
  const queuedAfterSaturation = await metric(app.port, 'linktrace_click_queue_depth');
  await eventLoopDelay(app.port);
  const fixed = await atFixedRate(app, requests);
  const fixedDelay = await eventLoopDelay(app.port);
  // Requests cut off when a timed run ends may still have been answered: the count is settled first.
  const writtenBeforeBurst = clicksAtStart + (await settledClicksWritten(app.port));
  const postgresPerStoredClick = postgresMeter
    ? await postgresMeter.perClick((await countClicks()) - storedBeforeRuns, postgresBackground!)
    : undefined;
  const burst = await run(app, requests, { amount: BURST });
  const dropped = await metric(app.port, 'linktrace_clicks_dropped_total');
  const peakRss = largestRss();
  const stoppedIn = await stop(app.process);
  const written = (await countClicks()) - writtenBeforeBurst;
  return {
    database: kind,
    saturated,
    fixed,
    saturatedDelay,
    fixedDelay,
    peakRss,
    dropped,
    queuedAfterSaturation,
    burst: { answered: burst.expected, written, stoppedIn },
    postgresPerStoredClick,
  };
}

/** PostgreSQL CPU of the app database's backends during the timed runs (databaseBackendsMeter). */
interface PostgresCpu {
  /** µs per stored click, everything the backends spent in the window. */
  total: number;
  /** µs per stored click, less what the app's database work costs in the same time without clicks (below). */
  perClick: number;
  /** µs per stored click of that work: the app's pollers (analytics projection, webhooks, imports). */
  background: number;
  /** µs per stored click of autovacuum (workers of the app database, running on the clicks written). */
  autovacuum: number;
  /** The whole server's WAL and checkpoints in the window (pg_stat_wal, pg_stat_bgwriter): the bench's alone on a quiet machine. */
  server: ServerActivity;
}

/** What the server wrote in a window: WAL bytes and full-page images per stored click, checkpoints, backend writes. */
interface ServerActivity {
  walBytesPerClick: number;
  fullPageImagesPerClick: number;
  checkpoints: number;
  /** 8 kB buffers backends wrote out themselves to find room (bgwriter and checkpointer did not have clean ones). */
  backendWritesPerClick: number;
}

const SERVER_ACTIVITY = `SELECT (SELECT wal_bytes FROM pg_stat_wal)::float8 AS wal_bytes, (SELECT wal_fpi FROM pg_stat_wal)::float8 AS fpi,
  (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)::float8 AS checkpoints,
  (SELECT buffers_backend FROM pg_stat_bgwriter)::float8 AS backend_writes`;

const IDLE_SECONDS = 3;

/**
 * CPU µs per second the app's database backends spend while the app gets no request: its pollers (analytics
 * projection, webhook deliveries, imports) run on a clock, not per click, so what they cost per click depends on
 * how many clicks a run stores (ten times more on a quiet machine than on a busy one).
 */
async function idlePostgresCpu(databaseUrl: string): Promise<number> {
  const meter = await databaseBackendsMeter(databaseUrl);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const { clientMicroseconds } = await meter.stop();
  return clientMicroseconds / ((performance.now() - started) / 1000);
}

/**
 * Counts the CPU time (/proc/<pid>/schedstat) of the PostgreSQL backends connected to the app's database: its
 * connection pools (click writer, analytics projection, look-ups) and the autovacuum workers on its tables, not
 * the other users of the server nor the bench's own connections (counting the clicks). Backends are listed every 250 ms, so an autovacuum worker that starts and ends
 * inside the window counts, and one that started before it counts from the window's start only.
 */
async function databaseBackendsMeter(databaseUrl: string): Promise<{
  stop(): Promise<{ clientMicroseconds: number; autovacuumMicroseconds: number; seconds: number }>;
  perClick(stored: number, backgroundPerSecond: number): Promise<PostgresCpu>;
}> {
  const client = new Client({ connectionString: databaseUrl, application_name: BENCH_APPLICATION_NAME });
  await client.connect();
  type Activity = { wal_bytes: number; fpi: number; checkpoints: number; backend_writes: number };
  const activity = async () => (await client.query<Activity>(SERVER_ACTIVITY)).rows[0];
  const activityBefore = await activity();
  let activityAfter = activityBefore;
  const spent = new Map<number, { first: number; last: number; autovacuum: boolean }>();
  const sample = async (initial: boolean) => {
    const { rows } = await client.query<{ pid: number; backend_type: string }>(
      `SELECT pid, backend_type FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1`,
      [BENCH_APPLICATION_NAME],
    );
    for (const { pid, backend_type } of rows) {
      const now = cpuNanoseconds(pid);
      if (Number.isNaN(now)) continue;
      const known = spent.get(pid);
      if (known) known.last = now;
      // A backend first seen after the start was born in the window (a new pool connection, an autovacuum worker).
      else spent.set(pid, { first: initial ? now : 0, last: now, autovacuum: backend_type === 'autovacuum worker' });
    }
  };
  await sample(true);
  const started = performance.now();
  let sampling = Promise.resolve();
  const timer = setInterval(() => (sampling = sampling.then(() => sample(false))), 250);
  const stop = async () => {
    clearInterval(timer);
    await sampling;
    await sample(false);
    activityAfter = await activity();
    await client.end();
    let clients = 0;
    let autovacuum = 0;
    for (const backend of spent.values())
      if (backend.autovacuum) autovacuum += backend.last - backend.first;
      else clients += backend.last - backend.first;
    return {
      clientMicroseconds: clients / 1e3,
      autovacuumMicroseconds: autovacuum / 1e3,
      seconds: (performance.now() - started) / 1000,
    };
  };
  return {
    stop,
    async perClick(stored, backgroundPerSecond) {
      const { clientMicroseconds, autovacuumMicroseconds, seconds } = await stop();
      const clicks = Math.max(stored, 1);
      const background = Math.min(backgroundPerSecond * seconds, clientMicroseconds) / clicks;
      const total = (clientMicroseconds + autovacuumMicroseconds) / clicks;
      const server = {
        walBytesPerClick: (activityAfter.wal_bytes - activityBefore.wal_bytes) / clicks,
        fullPageImagesPerClick: (activityAfter.fpi - activityBefore.fpi) / clicks,
        checkpoints: activityAfter.checkpoints - activityBefore.checkpoints,
        backendWritesPerClick: (activityAfter.backend_writes - activityBefore.backend_writes) / clicks,
      };
      return { total, perClick: total - background, background, autovacuum: autovacuumMicroseconds / clicks, server };
    },
  };
}

function scenarioReport(scenario: Scenario, raw: BaselineRun, recording: BaselineRun, apps: AppRun[]): string {
  const rows = [
    [
      '',
      'req/s',
      'p50 ms',
      'p99 ms',
      `p50 ms @${FIXED_RATE}/s`,
      `p99 ms @${FIXED_RATE}/s`,
      `req/s @${FIXED_RATE}/s`,
      'CPU µs/req',
      'PostgreSQL µs/req',
      'loop p99/max ms',
      `loop p99/max ms @${FIXED_RATE}/s`,
      'non-302',
      'errors',
    ],
    row('raw node:http', raw),
    row('redirect + record', recording),
    ...apps.map((app) => row(`app, ${app.database}`, app, app)),
  ];
  const lines = [
    `\n--- ${scenario.name}: ${scenario.describe}, ${VARIED_BROWSER_USER_AGENTS.length} user agents, ${CONNECTIONS} connections, ${SECONDS} s per run`,
    table(rows),
    "(PostgreSQL µs/req: CPU of every postgres process on this machine during the saturated run: other users of the server count too; the target below counts the app database's backends only (autovacuum included), per click stored by the saturated and fixed-rate runs, less its pollers' idle cost;",
    " loop: event-loop delay from the app's linktrace_event_loop_delay_seconds)",
  ];
  for (const app of apps) {
    const ofRaw = app.saturated.requestsPerSecond / raw.saturated.requestsPerSecond;
    const ofRecording = app.saturated.requestsPerSecond / recording.saturated.requestsPerSecond;
    const checks: [string, boolean][] = [
      [
        `p99 @${FIXED_RATE}/s ${app.fixed.p99.toFixed(2)} ms ≤ ${TARGETS.fixedRateP99Ms}`,
        app.fixed.p99 <= TARGETS.fixedRateP99Ms,
      ],
      [
        `loop p99 @${FIXED_RATE}/s ${app.fixedDelay.p99.toFixed(2)} ms ≤ ${TARGETS.eventLoopP99Ms}`,
        app.fixedDelay.p99 <= TARGETS.eventLoopP99Ms,
      ],
      [
        `CPU ${app.saturated.cpuMicroseconds.toFixed(1)} µs/redirect ≤ ${TARGETS.cpuMicroseconds}`,
        app.saturated.cpuMicroseconds <= TARGETS.cpuMicroseconds,
      ],
      ...(app.database === 'postgres'
        ? ([
            [
              `PostgreSQL ${describePostgres(app.postgresPerStoredClick)} ≤ ${TARGETS.postgresMicroseconds}`,
              (app.postgresPerStoredClick?.perClick ?? Number.NaN) <= TARGETS.postgresMicroseconds,
            ],
          ] as [string, boolean][])
        : []),
      [
        `${ofRecording.toFixed(2)}× redirect + record ≥ ${TARGETS.ofRecordingBaseline}`,
        ofRecording >= TARGETS.ofRecordingBaseline,
      ],
      [`${ofRaw.toFixed(2)}× raw node:http ≥ ${TARGETS.ofRawBaseline}`, ofRaw >= TARGETS.ofRawBaseline],
      [`${app.dropped} click(s) dropped`, app.dropped === 0],
      [
        // A request the load generator gave up on (a timeout) may still have been answered, and its click kept.
        `burst of ${BURST} (${app.burst.answered} answered in time) then SIGTERM (exit after ${app.burst.stoppedIn} ms): ${app.burst.written} clicks written`,
        app.burst.written >= app.burst.answered && app.burst.written <= BURST,
      ],
      [
        `RSS ${Math.round(app.peakRss)} MB at most during the runs < ${TARGETS.rssMegabytes}`,
        app.peakRss < TARGETS.rssMegabytes,
      ],
    ];
    lines.push(
      `app, ${app.database}: ${checks.map(([text, met]) => `${text} ${met ? '✓' : '✗'}`).join('; ')}` +
        `; click queue right after the saturated run: ${app.queuedAfterSaturation}`,
    );
  }
  return lines.join('\n');
}

/** The PostgreSQL figure of an app run: per stored click, then what the total holds besides. */
function describePostgres(cpu: PostgresCpu | undefined): string {
  if (!cpu) return 'not measured';
  return (
    `${cpu.perClick.toFixed(1)} µs/stored click (the app database's backends, autovacuum included: ${cpu.autovacuum.toFixed(1)}; ` +
    `with the pollers' idle cost in the same time, ${cpu.background.toFixed(1)} more: ${cpu.total.toFixed(1)} in all); ` +
    `whole server in the window: ${Math.round(cpu.server.walBytesPerClick)} WAL bytes and ` +
    `${cpu.server.fullPageImagesPerClick.toFixed(3)} full-page images per click, ${cpu.server.checkpoints} checkpoint(s) ` +
    `started, ${cpu.server.backendWritesPerClick.toFixed(3)} buffers written by backends per click`
  );
}

function describePieces(pieces: PipelinePieces): string {
  const spread = ({ median, p90 }: { median: number; p90: number }) =>
    `${Math.round(median)} µs (p90 ${Math.round(p90)})`;
  return (
    `Click pipeline, synchronous pieces (this process, the app's code, median of 200): enriching ${ENRICH_SLICE} clicks ` +
    `${spread(pieces.enrichWarm)}, ${ENRICH_SLICE} never-seen user agents ${spread(pieces.enrichCold)}; ` +
    `serialising a slice of ${SEND_SLICE} clicks for PostgreSQL ${spread(pieces.serializeSlice)}`
  );
}

function saturate(server: RunningServer, requests: autocannon.Request[][]): Promise<LoadResult> {
  return hasWrk()
    ? runWrk({ port: server.port, pids: [server.process.pid!] }, requests, {
        connections: CONNECTIONS,
        seconds: SECONDS,
      })
    : run(server, requests, { seconds: SECONDS });
}

/** FIXED_RATE requests a second for SECONDS, evenly spaced (runPaced), over CONNECTIONS keep-alive connections. */
function atFixedRate(server: RunningServer, requests: autocannon.Request[][]): Promise<LoadResult> {
  return runPaced({ port: server.port, pids: [server.process.pid!] }, requests, {
    connections: CONNECTIONS,
    seconds: SECONDS,
    rate: FIXED_RATE,
  });
}

/**
 * One autocannon run against a single server process. Each connection cycles through the first
 * AUTOCANNON_REQUESTS_PER_CONNECTION requests of its list: autocannon builds every request of a list when the
 * connection opens, inside the timed run, and 4,000 per connection kept a starved load generator busy for seconds
 * (fixed-rate runs with autocannon reached 664-1,750 req/s instead of 5,000).
 */
function run(
  server: RunningServer,
  requestLists: autocannon.Request[][],
  options: Omit<RunOptions, 'connections'>,
): Promise<LoadResult> {
  const shorter = requestLists.map((list) => list.slice(0, AUTOCANNON_REQUESTS_PER_CONNECTION));
  return runLoad({ port: server.port, pids: [server.process.pid!] }, shorter, {
    connections: CONNECTIONS,
    ...options,
  });
}

/** How many clicks the app has written, once it has nothing left to write (its queue empty, the count steady). */
async function settledClicksWritten(port: number): Promise<number> {
  let previous = Number.NaN;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const metrics = await scrape(port);
    const written = value(metrics, 'linktrace_clicks_written_total');
    if (value(metrics, 'linktrace_click_queue_depth') === 0 && written === previous) return written;
    previous = written;
  }
}

/** The app's event-loop delay since the previous scrape, in ms (the scrape resets it). */
async function eventLoopDelay(port: number): Promise<EventLoopDelay> {
  const metrics = await scrape(port);
  return {
    p99: value(metrics, 'linktrace_event_loop_delay_seconds', { quantile: '0.99' }) * 1e3,
    max: value(metrics, 'linktrace_event_loop_delay_seconds', { quantile: '1' }) * 1e3,
  };
}

async function scrape(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { Authorization: `Bearer ${TEST_METRICS_TOKEN}` },
  });
  return response.text();
}

/** A metric of the app, summed over its labels; 0 while it has no sample (a labelled counter never incremented). */
function value(metrics: string, name: string, labels: Record<string, string> = {}): number {
  const found = metricValue(metrics, name, labels);
  return Number.isNaN(found) ? 0 : found;
}

async function metric(port: number, name: string): Promise<number> {
  return value(await scrape(port), name);
}

function countPostgresClicks(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(`SELECT count(*)::int AS count FROM click_events`);
    return rows[0].count as number;
  });
}

function countEmbeddedClicks(dataDir: string): Promise<number> {
  return withEmbeddedDatabase(dataDir, async (query) => {
    const rows = (await query(`SELECT count(*)::int AS count FROM click_events`)) as { count: number }[];
    return rows[0].count;
  });
}

function row(name: string, measured: BaselineRun, app?: AppRun): string[] {
  const delay = (loop: EventLoopDelay | undefined) => (loop ? `${loop.p99.toFixed(2)}/${loop.max.toFixed(1)}` : '–');
  return [
    name,
    Math.round(measured.saturated.requestsPerSecond).toLocaleString('en'),
    measured.saturated.p50.toFixed(2),
    measured.saturated.p99.toFixed(2),
    measured.fixed.p50.toFixed(2),
    measured.fixed.p99.toFixed(2),
    // The rate reached: on a busy machine the load generator itself may fall short of it.
    Math.round(measured.fixed.requestsPerSecond).toLocaleString('en'),
    measured.saturated.cpuMicroseconds.toFixed(1),
    measured.saturated.postgresMicroseconds.toFixed(1),
    delay(app?.saturatedDelay),
    delay(app?.fixedDelay),
    String(measured.saturated.other + measured.fixed.other),
    String(measured.saturated.errors + measured.fixed.errors),
  ];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
