/**
 * Scale-out benchmark: `npm run bench:scale` (DATABASE_URL of a PostgreSQL server required; Redis at
 * BENCH_REDIS_URL, else TEST_REDIS_URL, else redis://127.0.0.1:6379).
 *
 * On a fresh database with 10k links, the app (child processes, production-like: LOG_LEVEL=warn, REDIS_URL
 * set, clicks recorded) runs as one instance, then as two instances, behind the test load balancer
 * (test/helpers/load-balancer.ts, a Node round-robin proxy run as its own process). Each topology is driven
 * with the redirect (Zipf-like slug popularity, browser user agents) and an authenticated API read
 * (GET /api/v1/links with a secret key: guard, Redis rate limit, a page of 50 links), once the clicks of the
 * redirect run are written. A first run puts the raw
 * node:http server behind the same balancer: the most this proxy and load generator can carry.
 *
 * Pinning (taskset, two cores or more): instances on the server cores, the balancer and the load generator on
 * the last core. On a 2-core machine both instances share one core: two/one then measures what a second
 * instance costs (and that it breaks nothing), not what it adds; on more cores it adds.
 *
 * Then PostgreSQL's click write capacity: ClicksRepository.writeBatch (one statement per batch: events,
 * unique visitors, hourly and daily rollups, link counters) with 500-event batches for BENCH_WRITE_SECONDS,
 * BENCH_WRITERS concurrent writers, and the same events as a plain INSERT … SELECT FROM unnest into
 * click_events alone, so the cost of the rollups is visible.
 *
 * Settings (environment): BENCH_CONNECTIONS (50), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3),
 * BENCH_WRITE_SECONDS (10), BENCH_WRITERS (2), BENCH_BATCH (500).
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { newId } from '@app/common';
import { openDataSource } from '@app/database';
import type { DataSource } from 'typeorm';
import type { ClickEvent } from '../../apps/api/src/clicks/click-event';
import { ClicksRepository, eventColumns, INSERT_CLICK_EVENTS } from '../../apps/api/src/clicks/clicks.repository';
import { createTestDatabase } from '../helpers/test-database';
import {
  countDistinct,
  cpuMeter,
  describeMachine,
  distinctRequestLists,
  killChildren,
  LoadResult,
  log,
  Pinning,
  pinCores,
  prepareDatabase,
  run,
  RunningServer,
  seededRandom,
  startServer,
  stop,
  table,
  withClient,
  zipfRequestLists,
} from './bench-kit';
import { BENCH_SHORT_DOMAIN } from './bench-links';

const LINK_COUNT = 10_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const WRITE_SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 10);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 2);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const REQUESTS_PER_CONNECTION = 2_000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Measured {
  label: string;
  load: LoadResult;
  /** CPU of the balancer process per response, microseconds. */
  balancerMicroseconds: number;
}

async function main(): Promise<void> {
  log(describeMachine());
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'bench:scale needs DATABASE_URL (a PostgreSQL server; a fresh database is created on it and dropped)\n',
    );
    process.exit(1);
  }
  const pinning = pinCores();
  log(`Pinning: ${pinning.describe}; the balancer shares the load generator's core`);
  log(`Redis: ${REDIS_URL}`);

  const database = await createTestDatabase();
  const databaseUrl = database.env.DATABASE_URL;
  const measured: Measured[] = [];
  let counted302 = 0;
  try {
    await prepareDatabase(databaseUrl, LINK_COUNT);
    const redirects = zipfRequestLists(LINK_COUNT, CONNECTIONS, REQUESTS_PER_CONNECTION);
    const warmLists = distinctRequestLists(redirects, CONNECTIONS);
    const loadSide: Pinning = {
      server: pinning.server.length ? ['taskset', '-c', loadCore()] : [],
      describe: '',
      loadCore: pinning.loadCore,
    };

    log('\nCeiling: raw node:http + Map behind the balancer');
    const raw = await startServer(pinning, ['-r', '@swc-node/register', 'test/bench/raw-redirect-server.ts'], {});
    const rawBalancer = await startBalancer(loadSide, [raw]);
    await run({ port: rawBalancer.port, pids: [raw.process.pid!] }, redirects, {
      connections: CONNECTIONS,
      seconds: WARMUP_SECONDS,
    });
    measured.push(await measure('raw node:http, redirect', rawBalancer, [raw], redirects, 302));
    await stop(rawBalancer.process);
    await stop(raw.process);

    const appEnvironment = {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      LOG_LEVEL: 'warn',
      SHORT_DOMAIN: BENCH_SHORT_DOMAIN,
      HOST: '127.0.0.1',
      TRUST_PROXY: 'true',
    };
    const startApp = () => startServer(pinning, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], appEnvironment);

    log('\nOne instance behind the balancer');
    const first = await startApp();
    const apiReads = await apiReadRequests(first, databaseUrl);
    const oneBalancer = await startBalancer(loadSide, [first]);
    counted302 += (
      await run({ port: first.port, pids: [first.process.pid!] }, warmLists, {
        connections: CONNECTIONS,
        amount: countDistinct(redirects),
      })
    ).expected;
    counted302 += (
      await run({ port: oneBalancer.port, pids: [] }, redirects, { connections: CONNECTIONS, seconds: WARMUP_SECONDS })
    ).expected;
    const oneRedirect = await measure('one instance, redirect', oneBalancer, [first], redirects, 302);
    await clicksSettled(databaseUrl);
    const oneApi = await measure('one instance, GET /api/v1/links', oneBalancer, [first], apiReads, 200);
    counted302 += oneRedirect.load.expected;
    measured.push(oneRedirect, oneApi);
    await stop(oneBalancer.process);

    log('\nTwo instances behind the balancer');
    const second = await startApp();
    const twoBalancer = await startBalancer(loadSide, [first, second]);
    counted302 += (
      await run({ port: second.port, pids: [second.process.pid!] }, warmLists, {
        connections: CONNECTIONS,
        amount: countDistinct(redirects),
      })
    ).expected;
    counted302 += (
      await run({ port: twoBalancer.port, pids: [] }, redirects, { connections: CONNECTIONS, seconds: WARMUP_SECONDS })
    ).expected;
    const twoRedirect = await measure('two instances, redirect', twoBalancer, [first, second], redirects, 302);
    await clicksSettled(databaseUrl);
    const twoApi = await measure('two instances, GET /api/v1/links', twoBalancer, [first, second], apiReads, 200);
    counted302 += twoRedirect.load.expected;
    measured.push(twoRedirect, twoApi);
    await stop(twoBalancer.process);
    const stoppedIn = await Promise.all([stop(first.process), stop(second.process)]);

    log(
      `\n${CONNECTIONS} connections, ${SECONDS} s per run, ${LINK_COUNT.toLocaleString('en')} links, Zipf (s=1) slug popularity; every request through the balancer\n`,
    );
    log(
      table([
        [
          '',
          'req/s',
          'p50 ms',
          'p99 ms',
          'instances CPU µs/req',
          'balancer CPU µs/req',
          'PostgreSQL µs/req',
          'unexpected status',
          'errors',
        ],
        ...measured.map(({ label, load, balancerMicroseconds }) => [
          label,
          Math.round(load.requestsPerSecond).toLocaleString('en'),
          load.p50.toFixed(2),
          load.p99.toFixed(2),
          load.cpuMicroseconds.toFixed(1),
          balancerMicroseconds.toFixed(1),
          load.postgresMicroseconds.toFixed(1),
          String(load.other),
          String(load.errors),
        ]),
      ]),
    );
    log(
      '(CPU per request from /proc; PostgreSQL µs/req counts every postgres process on this machine, other users of it too)',
    );
    const ratio = (two: Measured, one: Measured) =>
      (two.load.requestsPerSecond / one.load.requestsPerSecond).toFixed(2);
    log(`\nratio two/one: redirect ${ratio(twoRedirect, oneRedirect)}, API read ${ratio(twoApi, oneApi)} in req/s`);
    const clicks = await countClicks(databaseUrl);
    log(
      `clicks: ${counted302} redirects counted by the load generator (instances stopped with SIGTERM in ${stoppedIn.join(' and ')} ms); ` +
        `${clicks.events} non-bot events written, ${clicks.distinct} distinct ids` +
        (clicks.events >= counted302 && clicks.events === clicks.distinct ? ', none lost, none twice' : ' (MISMATCH)') +
        ` (a few more than counted: answers to requests a timed run stopped waiting for)`,
    );

    log(
      `\nPostgreSQL click write capacity: ${BATCH}-event batches, ${WRITERS} concurrent writer(s), ${WRITE_SECONDS} s each`,
    );
    const opened = await openDataSource({ url: databaseUrl, dataDir: '' });
    try {
      const repository = new ClicksRepository(opened.dataSource);
      await repository.ensurePartitions(1);
      const withRollups = await writeFor((events) => repository.writeBatch(events));
      const plain = await writeFor((events) => plainInsert(opened.dataSource, events));
      log(
        table([
          ['', 'events/s', 'ms/batch p50', 'ms/batch p99', 'PostgreSQL µs/event'],
          writeRow('ClicksRepository.writeBatch (events, visitors, counters)', withRollups),
          writeRow('plain INSERT … unnest (events only)', plain),
        ]),
      );
      log(
        `rollups cost: ${(plain.eventsPerSecond / withRollups.eventsPerSecond).toFixed(2)}× fewer events/s than the events alone`,
      );
      const [storage]: { events: number; bytes: number }[] = await opened.dataSource.query(
        `SELECT (SELECT count(*) FROM click_events)::int AS events,
                (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = 'click_events'::regclass)::bigint AS bytes`,
      );
      log(
        `storage: ${storage.events} events in ${(Number(storage.bytes) / 1e6).toFixed(1)} MB, ${Math.round(Number(storage.bytes) / storage.events)} bytes per event (rows and indexes)`,
      );
    } finally {
      await opened.close();
    }
  } finally {
    killChildren();
    await database.drop();
  }
}

function loadCore(): string {
  return String(cpus().length - 1);
}

/** The balancer in its own process, pinned like the load generator, ready once a redirect passes through it. */
function startBalancer(loadSide: Pinning, upstreams: RunningServer[]): Promise<RunningServer> {
  return startServer(loadSide, ['-r', '@swc-node/register', 'test/bench/balancer-process.ts'], {
    UPSTREAM_PORTS: upstreams.map((server) => server.port).join(','),
  });
}

async function measure(
  label: string,
  balancer: RunningServer,
  instances: RunningServer[],
  requests: autocannon.Request[][],
  expectedStatus: number,
): Promise<Measured> {
  const balancerCpu = cpuMeter([balancer.process.pid!]);
  const load = await run({ port: balancer.port, pids: instances.map((instance) => instance.process.pid!) }, requests, {
    connections: CONNECTIONS,
    seconds: SECONDS,
    expectedStatus,
  });
  const balancerMicroseconds = balancerCpu(load.expected + load.other).cpuMicroseconds;
  log(
    `${label}: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50.toFixed(2)} ms, p99 ${load.p99.toFixed(2)} ms`,
  );
  return { label, load, balancerMicroseconds };
}

/**
 * GET /api/v1/links requests with a secret key of the benchmark workspace: a user signs up through the
 * instance, is made a member of `ws_bench` (10k links), and creates a key there with a rate limit the
 * benchmark cannot exhaust.
 */
async function apiReadRequests(instance: RunningServer, databaseUrl: string): Promise<autocannon.Request[][]> {
  const base = `http://127.0.0.1:${instance.port}`;
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${randomBytes(4).toString('hex')}@example.com`,
      password: 'a-long-bench-password',
    }),
  });
  if (signup.status !== 201) throw new Error(`signup answered ${signup.status}: ${await signup.text()}`);
  const userId = ((await signup.json()) as { user: { id: string } }).user.id;
  const cookies = signup.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const csrf = cookies.find((cookie) => cookie.startsWith('lt_csrf='))!.slice('lt_csrf='.length);
  await withClient(databaseUrl, (client) =>
    client.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ('ws_bench', $1, 'owner')`, [userId]),
  );
  const created = await fetch(`${base}/api/settings/api-keys`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookies.join('; '),
      'x-csrf-token': csrf,
      'x-workspace-id': 'ws_bench',
    },
    body: JSON.stringify({ name: 'bench', scopes: ['links:read'], rateLimit: 100_000 }),
  });
  if (created.status !== 201) throw new Error(`key creation answered ${created.status}: ${await created.text()}`);
  const { key } = (await created.json()) as { key: string };
  const request: autocannon.Request = {
    method: 'GET',
    path: '/api/v1/links',
    headers: { authorization: `Bearer ${key}` },
  };
  return [[request]];
}

/** Waits until the clicks of the last run are written (the count stops changing): the next run pays none of them. */
async function clicksSettled(url: string): Promise<void> {
  const started = Date.now();
  let previous = -1;
  for (;;) {
    const { events } = await countClicks(url);
    if (events === previous) break;
    previous = events;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  log(`  (clicks written ${Date.now() - started} ms after the run)`);
}

interface ClickCounts {
  events: number;
  distinct: number;
}

function countClicks(url: string): Promise<ClickCounts> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS events, count(DISTINCT id)::int AS distinct FROM click_events WHERE NOT is_bot`,
    );
    return rows[0] as ClickCounts;
  });
}

interface WriteResult {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  postgresMicroseconds: number;
}

/** WRITERS loops writing BATCH-event batches for WRITE_SECONDS; events/s counts what the database stored. */
async function writeFor(write: (events: ClickEvent[]) => Promise<number>): Promise<WriteResult> {
  const random = seededRandom(7);
  const durations: number[] = [];
  let stored = 0;
  const postgresCpu = cpuMeter([]);
  const started = Date.now();
  const deadline = started + WRITE_SECONDS * 1_000;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (Date.now() < deadline) {
        const events = clickBatch(random);
        const batchStarted = process.hrtime.bigint();
        stored += await write(events);
        durations.push(Number(process.hrtime.bigint() - batchStarted) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1_000;
  durations.sort((a, b) => a - b);
  return {
    eventsPerSecond: stored / elapsed,
    p50: durations[Math.floor(durations.length * 0.5)],
    p99: durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))],
    postgresMicroseconds: postgresCpu(stored).postgresMicroseconds,
  };
}

const COUNTRIES = [
  ['US', 'California', 'San Francisco'],
  ['DE', 'Berlin', 'Berlin'],
  ['FR', 'Île-de-France', 'Paris'],
  ['GB', 'England', 'London'],
  ['IN', 'Karnataka', 'Bengaluru'],
  ['BR', 'São Paulo', 'São Paulo'],
] as const;
const CLIENTS = [
  ['desktop', 'Chrome', 'Windows'],
  ['desktop', 'Safari', 'macOS'],
  ['mobile', 'Mobile Safari', 'iOS'],
  ['mobile', 'Chrome', 'Android'],
  ['desktop', 'Firefox', 'Linux'],
] as const;
const REFERRERS = [null, 'https://www.google.com/', 'https://t.co/abc', 'https://news.ycombinator.com/item?id=1'];

/** Click events as the enricher makes them: Zipf-popular links, a new visitor on most clicks, now. */
function clickBatch(random: () => number): ClickEvent[] {
  const now = new Date();
  return Array.from({ length: BATCH }, () => {
    const link = Math.min(LINK_COUNT, Math.floor(Math.exp(random() * Math.log(LINK_COUNT + 1))));
    const [country, region, city] = COUNTRIES[Math.floor(random() * COUNTRIES.length)];
    const [device, browser, os] = CLIENTS[Math.floor(random() * CLIENTS.length)];
    const referrer = REFERRERS[Math.floor(random() * REFERRERS.length)];
    return {
      id: newId('click'),
      time: now,
      workspaceId: 'ws_bench',
      linkId: `link_bench${link}`,
      domain: BENCH_SHORT_DOMAIN,
      url: `https://example.com/landing/${link}?utm_source=bench`,
      visitorHash: randomBytes(16).toString('hex'),
      country,
      region,
      city,
      device,
      browser,
      os,
      userAgent: 'Mozilla/5.0 (bench)',
      referrer,
      referrerDomain: referrer ? new URL(referrer).hostname : null,
      utmSource: 'bench',
      utmMedium: null,
      utmCampaign: random() < 0.3 ? 'spring' : null,
      utmTerm: null,
      utmContent: null,
      isBot: false,
    };
  });
}

/** The events alone, as ClicksRepository inserts them, without visitors, rollups or link counters. */
async function plainInsert(dataSource: DataSource, events: ClickEvent[]): Promise<number> {
  const rows: unknown[] = await dataSource.query(`${INSERT_CLICK_EVENTS} RETURNING 1`, eventColumns(events));
  return rows.length;
}

function writeRow(label: string, result: WriteResult): string[] {
  return [
    label,
    Math.round(result.eventsPerSecond).toLocaleString('en'),
    result.p50.toFixed(1),
    result.p99.toFixed(1),
    result.postgresMicroseconds.toFixed(1),
  ];
}

main().catch((error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
