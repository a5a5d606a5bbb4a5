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
 * The saturated runs use wrk (Debian's package; C, one thread) when it is installed: autocannon
 * saturates its own core before a bare node:http server does, which understates the baseline. The
 * warm-up, the fixed-rate run (wrk has no rate) and the burst (no request count) use autocannon.
 * Then the clicks: once the timed runs are written, a burst of BENCH_BURST requests is sent and the app
 * is stopped with SIGTERM right after; every one of them must be in the database, and the app must have
 * dropped no click in any run (its linktrace_clicks_dropped_total, read just before the SIGTERM).
 *
 * Settings (environment): BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3),
 * BENCH_RATE (requests/s of the fixed-rate run, 5000), BENCH_BURST (20000), BENCH_PIN_POSTGRES (1: move the PostgreSQL
 * backends of the app's database to the load generator's core, as a database on its own machine), BENCH_APP_NODE_ARGS (extra node
 * arguments for the app, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile` to profile it under this load).
 */
import autocannon from 'autocannon';
import {
  countDistinct,
  describeMachine,
  distinctRequestLists,
  hasWrk,
  killChildren,
  LoadResult,
  log,
  pinCores,
  pinPostgresBackends,
  prepareDatabase,
  run as runLoad,
  runWrk,
  RunningServer,
  RunOptions,
  startServer,
  stop,
  table,
  withClient,
  zipfRequestLists,
} from './bench-kit';
import { metricValue, TEST_METRICS_TOKEN } from '../helpers/prometheus';
import { createTestDatabase } from '../helpers/test-database';
import { BENCH_LINK_COUNT, BENCH_SHORT_DOMAIN } from './bench-links';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 5000);
const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const REQUESTS_PER_CONNECTION = 4_000;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'bench:redirect needs DATABASE_URL (a PostgreSQL server; a fresh database is created on it)\n',
    );
    process.exit(1);
  }
  log(describeMachine());
  const pinning = pinCores();
  log(`Pinning: ${pinning.describe}`);
  const saturatedWith = hasWrk() ? 'wrk' : 'autocannon';
  log(
    saturatedWith === 'wrk'
      ? 'Saturated runs: wrk (one thread); warm-up, fixed-rate and burst runs: autocannon'
      : 'wrk is not installed (apt-get install wrk): the saturated runs use autocannon, which may saturate before the raw server does',
  );
  const saturate = (server: RunningServer, requestLists: autocannon.Request[][]) =>
    saturatedWith === 'wrk'
      ? runWrk({ port: server.port, pids: [server.process.pid!] }, requestLists, {
          connections: CONNECTIONS,
          seconds: SECONDS,
        })
      : run(server, requestLists, { seconds: SECONDS });

  const database = await createTestDatabase();
  const databaseUrl = database.env.DATABASE_URL;
  try {
    await prepareDatabase(databaseUrl);
    const clientRequests = zipfRequestLists(BENCH_LINK_COUNT, CONNECTIONS, REQUESTS_PER_CONNECTION);

    log('\nBaseline: node:http + Map');
    const raw = await startServer(pinning, ['-r', '@swc-node/register', 'test/bench/raw-redirect-server.ts'], {});
    await run(raw, clientRequests, { seconds: WARMUP_SECONDS });
    const rawSaturated = await saturate(raw, clientRequests);
    const rawFixed = await run(raw, clientRequests, { seconds: SECONDS, overallRate: FIXED_RATE });
    await stop(raw.process);

    log('\nApp: GET /:slug (Nest + Fastify, LRU cache, click recording)');
    const appNodeArguments = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const app = await startServer(pinning, [...appNodeArguments, '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SHORT_DOMAIN: BENCH_SHORT_DOMAIN,
      HOST: '127.0.0.1',
      METRICS_TOKEN: TEST_METRICS_TOKEN,
    });
    // The measured runs see a warm cache, as a long-running server does: every slug of the request
    // lists is asked for once first (a cache miss is a database query; the first pass is all misses).
    const firstPass = await run(app, distinctRequestLists(clientRequests, CONNECTIONS), {
      amount: countDistinct(clientRequests),
    });
    log(
      `cache warm-up: ${firstPass.expected} distinct slugs at ${Math.round(firstPass.requestsPerSecond)} req/s (p50 ${firstPass.p50.toFixed(2)} ms, p99 ${firstPass.p99.toFixed(2)} ms)`,
    );
    await run(app, clientRequests, { seconds: WARMUP_SECONDS });
    const pinnedBackends = await pinPostgresBackends(pinning, databaseUrl);
    if (pinnedBackends > 0)
      log(
        `PostgreSQL: ${pinnedBackends} backend(s) of the app's database moved to CPU ${pinning.loadCore} (BENCH_PIN_POSTGRES=1)`,
      );
    const appSaturated = await saturate(app, clientRequests);
    const queuedAfterSaturation = await metric(app.port, 'linktrace_click_queue_depth');
    const appFixed = await run(app, clientRequests, { seconds: SECONDS, overallRate: FIXED_RATE });
    // Requests cut off when a timed run ends may still have been answered: the count is settled first.
    const before = await settledClickCount(databaseUrl);
    const burst = await run(app, clientRequests, { amount: BURST });
    const dropped = await metric(app.port, 'linktrace_clicks_dropped_total');
    const stoppedIn = await stop(app.process);
    const after = await countClicks(databaseUrl);

    const rows = [
      [
        '',
        'req/s',
        'p50 ms',
        'p99 ms',
        `p50 ms @${FIXED_RATE}/s`,
        `p99 ms @${FIXED_RATE}/s`,
        'CPU µs/req',
        'PostgreSQL µs/req',
        'non-302',
        'errors',
      ],
      row('raw node:http', rawSaturated, rawFixed),
      row('app', appSaturated, appFixed),
    ];
    log(
      `\n${CONNECTIONS} connections, ${SECONDS} s per run, ${BENCH_LINK_COUNT.toLocaleString('en')} links, Zipf (s=1) slug popularity; saturated runs: ${saturatedWith}\n`,
    );
    log(table(rows));
    log(
      '(PostgreSQL µs/req: CPU of every postgres process on this machine during the run: other users of the server count too)',
    );
    log(
      `\nratio app/raw: ${(appSaturated.requestsPerSecond / rawSaturated.requestsPerSecond).toFixed(2)} in req/s, ${(rawSaturated.cpuMicroseconds / appSaturated.cpuMicroseconds).toFixed(2)} in CPU per request`,
    );
    const burstWritten = after.events - before.events;
    log(
      `clicks: burst of ${burst.expected} redirects then SIGTERM (exit after ${stoppedIn} ms): ${burstWritten} events written` +
        (burstWritten === burst.expected ? ', none lost' : `, ${burst.expected - burstWritten} MISSING`),
    );
    log(
      `        click queue right after the saturated run: ${queuedAfterSaturation} (clicks answered but not yet written: how far the writer was behind)`,
    );
    log(
      `        clicks dropped by the app in all runs (linktrace_clicks_dropped_total): ${dropped}${dropped === 0 ? '' : ' (LOST)'}`,
    );
    log(
      `        in all ${after.events} events (${after.botEvents} from bots: the readiness probe), links.clicks total ${after.linkClicks}${after.events - after.botEvents === after.linkClicks ? '' : ' (MISMATCH)'}`,
    );
  } finally {
    killChildren();
    await database.drop();
  }
}

/** One autocannon run against a single server process. */
function run(
  server: RunningServer,
  requestLists: autocannon.Request[][],
  options: Omit<RunOptions, 'connections'>,
): Promise<LoadResult> {
  return runLoad({ port: server.port, pids: [server.process.pid!] }, requestLists, {
    connections: CONNECTIONS,
    ...options,
  });
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

/** A metric of the app, summed over its labels; 0 while it has no sample (a labelled counter never incremented). */
async function metric(port: number, name: string): Promise<number> {
  const value = metricValue(
    await (
      await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${TEST_METRICS_TOKEN}` } })
    ).text(),
    name,
  );
  return Number.isNaN(value) ? 0 : value;
}

interface ClickCounts {
  events: number;
  botEvents: number;
  linkClicks: number;
}

function countClicks(url: string): Promise<ClickCounts> {
  return withClient(url, async (client) => {
    const events = await client.query(
      `SELECT count(*)::int AS count, count(*) FILTER (WHERE is_bot)::int AS bots FROM click_events`,
    );
    const links = await client.query(`SELECT coalesce(sum(clicks), 0)::int AS total FROM links`);
    return { events: events.rows[0].count, botEvents: events.rows[0].bots, linkClicks: links.rows[0].total };
  });
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

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
