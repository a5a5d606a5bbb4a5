/**
 * Analytics benchmark: `npm run bench:analytics` (DATABASE_URL of a PostgreSQL server required).
 *
 * Creates a fresh database (dropped at the end), boots the app on it, and generates BENCH_EVENTS click
 * events (default 10,000,000) over BENCH_DAYS days (90) ending at today's midnight, across BENCH_LINKS links
 * (10,000; popularity skewed), in 20 folders, 10 tags and 3 domains. Generation is set-based: one
 * `INSERT … SELECT … FROM generate_series` per UTC day, in time order as the click writer appends them.
 *
 * Then, printed:
 * - bytes per click: PostgreSQL (click_events with its indexes, and the visitor-day table) and the analytics
 *   store's DuckDB file (in a temporary ANALYTICS_DIR);
 * - the projection's catch-up rate: a store created empty reading every event from PostgreSQL, at full priority
 *   as an instance's own rebuild runs (the niceness of DuckDB's threads is watched and printed), with the CPU of
 *   this process and of the database's PostgreSQL backends;
 * - click-to-visible delay: BENCH_VISIBLE_CLICKS clicks (20) written through the click writer one at a time,
 *   each timed until the store counts it (the projection polling every ANALYTICS_POLL_MS, 500 ms by default, a
 *   few new clicks waiting up to ANALYTICS_BATCH_WAIT_MS, 500 ms, for more);
 * - every analytics endpoint called over HTTP BENCH_REPEATS times (20) per kind of query, with varied windows
 *   (24h, 7d, 30d, 90d, odd hours) and filters: p50/p95, next to the same answer from a raw scan of PostgreSQL
 *   (RawAnalyticsScan; BENCH_RAW_REPEATS calls, default 1, after the timed calls), and whether both agree.
 *
 * BENCH_ENDPOINTS=<paths> times only those endpoints (comma-separated, e.g. `traffic_panel,acquisition_panel`).
 * BENCH_SLOW_MS=<ms> prints each call slower than that, with its query. BENCH_DATABASE=<name> keeps the
 * generated database under that name instead of dropping it, and a later run with the same name times it again
 * without generating anew (the windows are relative to now: reuse it the same day); BENCH_ANALYTICS_DIR=<dir>
 * keeps the analytics store there too (the catch-up is timed only when it starts empty).
 *
 * Kinds of query: `none` (no filter), `link` (a link, a folder, a tag, or `domain=-x`), `dimension` (one
 * country/device/browser/utm_source/referrer filter).
 */
import { performance } from 'node:perf_hooks';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { getPriority, setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { get as httpGet } from 'node:http';
import { Client } from 'pg';
import { newId } from '@app/common';
import {
  ANALYTICS_STORE,
  type AnalyticsScope,
  type AnalyticsStore,
} from '../../apps/api/src/analytics/analytics-store';
import { DIMENSION_FILTERS, parseFilter, type FilterValues } from '../../apps/api/src/analytics/dimensions';
import { AnalyticsDatabase } from '../../apps/api/src/analytics/store/analytics-database';
import { AnalyticsProjection } from '../../apps/api/src/analytics/store/analytics-projection';
import { ClicksRepository } from '../../apps/api/src/clicks/clicks.repository';
import { RawAnalyticsScan } from '../helpers/raw-analytics-scan';
import {
  BROWSER_USER_AGENTS,
  CLOCK_TICKS_PER_SECOND,
  describeMachine,
  killChildren,
  postgresTicks,
  postgresTicksSince,
  run,
  seededRandom,
  startServer,
  stop,
  type LoadResult,
  type Pinning,
} from './bench-kit';
import { bearer, createKey, setPlan, signUp } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
const RAW_REPEATS = Number(process.env.BENCH_RAW_REPEATS ?? 1);
const KEEP_DATABASE = process.env.BENCH_DATABASE;
const KEEP_ANALYTICS_DIR = process.env.BENCH_ANALYTICS_DIR;
/** BENCH_SLOW_MS: print every call slower than this (0: none). */
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 0);
/** BENCH_ENDPOINTS: only these endpoints are timed (all when unset). */
const ONLY_ENDPOINTS = process.env.BENCH_ENDPOINTS?.split(',');
const VISIBLE_CLICKS = Number(process.env.BENCH_VISIBLE_CLICKS ?? 20);
const REDIRECT_RATE = Number(process.env.BENCH_REDIRECT_RATE ?? 500);
const REDIRECT_SECONDS = Number(process.env.BENCH_REDIRECT_SECONDS ?? 20);
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const COUNTRIES = [
  'US',
  'DE',
  'GB',
  'FR',
  'IN',
  'BR',
  'CA',
  'JP',
  'ES',
  'IT',
  'NL',
  'SE',
  'PL',
  'AU',
  'MX',
  'KR',
  'TR',
  'AR',
  'CH',
  'BE',
  'AT',
  'DK',
  'NO',
  'FI',
  'IE',
  'PT',
  'CZ',
  'RO',
  'ZA',
  'NZ',
];
const BROWSERS = [
  'Chrome',
  'Safari',
  'Firefox',
  'Edge',
  'Samsung Internet',
  'Opera',
  'Mobile Safari',
  'Chrome WebView',
];
const SYSTEMS = ['Windows', 'macOS', 'iOS', 'Android', 'Linux', 'Chrome OS'];
const REFERRERS = Array.from({ length: 40 }, (_, index) =>
  index < 6
    ? ['google.com', 'twitter.com', 'facebook.com', 'news.ycombinator.com', 'reddit.com', 'linkedin.com'][index]
    : `site${index}.example`,
);
const SOURCES = [
  'newsletter',
  'twitter',
  'facebook',
  'google',
  'linkedin',
  'partner',
  'podcast',
  'youtube',
  'reddit',
  'tiktok',
];
const MEDIUMS = ['email', 'social', 'cpc', 'referral', 'affiliate'];

function sqlArray(values: string[]): string {
  return `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]::text[]`;
}

/** A skewed pick of an array element: power > 1 favours the first ones. */
function pick(values: string[], power = 2): string {
  return `(${sqlArray(values)})[1 + floor(${values.length} * power(random(), ${power}))::int]`;
}

const GENERATE_DAY = `
    INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, country, region, city, device, browser, os,
                              referrer, referrer_domain, utm_source, utm_medium, utm_campaign, utm_term, utm_content, is_bot)
    SELECT * FROM (
    SELECT 'clk_' || $3::text || '_' || g AS id, event.time, $1 AS workspace_id, link.id AS link_id, link.domain, link.url, event.visitor AS visitor_hash,
           event.country, 'R' || event.region_number, 'C' || event.city_number, event.device,
           CASE WHEN event.bot THEN 'Googlebot' ELSE event.browser END, event.os,
           CASE WHEN event.referrer IS NULL THEN NULL ELSE 'https://' || event.referrer || '/p' || event.page END, event.referrer,
           event.utm_source, event.utm_medium, event.utm_campaign, event.utm_term, event.utm_content, event.bot AS is_bot
      FROM generate_series(1, $4::int) AS g
      CROSS JOIN LATERAL (
        SELECT $2::timestamptz + random() * interval '1 day' AS time,
               floor(random() * ${Math.max(1, Math.round(EVENTS / DAYS / 3))})::int + g * 0 AS visitor,
               ${pick(COUNTRIES, 2.5)} AS country, floor(random() * 5)::int AS region_number, floor(random() * 20)::int AS city_number,
               CASE WHEN random() < 0.03 THEN 'bot' WHEN random() < 0.55 THEN 'desktop' WHEN random() < 0.9 THEN 'mobile' ELSE 'tablet' END AS device,
               random() < 0.03 AS bot,
               ${pick(BROWSERS)} AS browser, ${pick(SYSTEMS)} AS os,
               CASE WHEN random() < 0.3 THEN NULL ELSE ${pick(REFERRERS)} END AS referrer, floor(random() * 10)::int AS page,
               CASE WHEN random() < 0.5 THEN NULL ELSE ${pick(SOURCES)} END AS utm_source,
               CASE WHEN random() < 0.5 THEN NULL ELSE ${pick(MEDIUMS)} END AS utm_medium,
               CASE WHEN random() < 0.6 THEN NULL ELSE 'campaign-' || floor(50 * power(random(), 2))::int END AS utm_campaign,
               CASE WHEN random() < 0.8 THEN NULL ELSE 'term-' || floor(20 * random())::int END AS utm_term,
               CASE WHEN random() < 0.8 THEN NULL ELSE 'content-' || floor(10 * random())::int END AS utm_content,
               1 + floor(${LINKS} * power(random(), 3))::int + g * 0 AS link_number
      ) AS event
      JOIN bench_links link ON link.number = event.link_number
      ) AS generated
     ORDER BY time`;

interface Variant {
  label: string;
  query: Record<string, string>;
}

interface Row {
  endpoint: string;
  kind: string;
  p50: number;
  p95: number;
  rawP50: number;
  same: string;
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    process.stderr.write(
      'bench:analytics needs DATABASE_URL (a PostgreSQL server; a fresh database is created on it and dropped)\n',
    );
    process.exit(1);
  }
  const database = KEEP_DATABASE ? await keptDatabase(KEEP_DATABASE) : await createTestDatabase();
  let app: TestApp | undefined;
  // Interrupted: still drop the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void database.drop().finally(() => process.exit(130)));
  }
  // BENCH_ANALYTICS_DIR: a store kept between runs (with BENCH_DATABASE), to time queries again without a rebuild.
  const analyticsDir = KEEP_ANALYTICS_DIR ?? mkdtempSync(join(tmpdir(), 'linktrace-bench-analytics-'));
  const keptStore = KEEP_ANALYTICS_DIR !== undefined && existsSync(join(KEEP_ANALYTICS_DIR, 'analytics.duckdb'));
  const extraApps: TestApp[] = [];
  const directories = KEEP_ANALYTICS_DIR ? [] : [analyticsDir];
  try {
    // The store in a file (its size is measured), answers trailing the clicks by a poll as in production.
    // No query timeout: the checkpoint after a rebuild may take longer, and a slow query shows in the p95 instead.
    const env = {
      LOG_LEVEL: 'warn',
      ANALYTICS_DIR: analyticsDir,
      ANALYTICS_READ_AFTER_WRITE: 'false',
      ANALYTICS_QUERY_TIMEOUT_MS: '600000',
    };
    const booted = performance.now();
    let cpuBefore = process.cpuUsage();
    let postgresBefore = postgresTicks();
    // Sampled until the rebuild ends (the projection then lowers its threads).
    let niceness = watchDuckDbNiceness(() => app?.app.get(AnalyticsProjection).state() === 'ok');
    app = await startTestApp(env, database);
    const kept: { key: string; workspace_id: string }[] = KEEP_DATABASE
      ? await app.dataSource.query(`SELECT key, workspace_id FROM bench_state`).catch(() => [])
      : [];
    let key: string;
    let workspaceId: string;
    if (kept.length > 0) {
      ({ key, workspace_id: workspaceId } = kept[0]);
      log(`reusing the events generated earlier in database ${KEEP_DATABASE}`);
    } else {
      const owner = await signUp(app);
      await setPlan(app, owner.workspaceId, 'agency');
      key = (await createKey(owner, { scopes: ['analytics:read'], rateLimit: 100_000 })).key;
      workspaceId = owner.workspaceId;
      // Whole UTC days (a visitor is unique per UTC day), the last one ending at today's midnight.
      const start = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - DAYS * DAY_MS);
      await generate(app, workspaceId, start);
      if (KEEP_DATABASE)
        await app.dataSource.query(`CREATE TABLE bench_state AS SELECT $1::text AS key, $2::text AS workspace_id`, [
          key,
          workspaceId,
        ]);
    }
    const events = Number((await app.dataSource.query(`SELECT count(*) AS count FROM click_events`))[0].count);
    const caughtUp = async (timed: TestApp, began: number) => {
      await timed.app.get(AnalyticsProjection).catchUp();
      const rebuilt = performance.now();
      // What the rebuild appended, written out to the file (DuckDB does it at its next checkpoint): counted too.
      await timed.app.get(AnalyticsDatabase).query(`CHECKPOINT`);
      const checkpoint = (performance.now() - rebuilt) / 1000;
      const seconds = (performance.now() - began) / 1000;
      // CPU time too: on a shared machine the elapsed time says as much about the neighbours as about the code.
      const cpu = process.cpuUsage(cpuBefore);
      const nice = niceness.stop();
      const own = (cpu.user + cpu.system) / 1e6;
      const backends = await databaseBackends(app!);
      const postgres = postgresTicksSince(postgresBefore, backends) / CLOCK_TICKS_PER_SECOND;
      log(
        `projection catch-up from an empty store: ${events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s (of which the checkpoint after it ${checkpoint.toFixed(1)} s), ${Math.round(events / seconds).toLocaleString('en-US')} events/s (${describeMachine()})`,
      );
      log(
        `  DuckDB's threads at nice ${nice.join(', ')} while catching up (${nice.length === 1 && nice[0] === 0 ? 'full priority, as an instance rebuilding its own store' : 'NOT full priority: an instance rebuilding its own store runs at nice 0, this figure is low'})`,
      );
      log(
        `  CPU: this process (DuckDB, Node) ${own.toFixed(1)} s, PostgreSQL ${postgres.toFixed(1)} s (this database's ${backends.length} backends): ${Math.round(events / (own + postgres)).toLocaleString('en-US')} events per CPU-second`,
      );
    };
    if (keptStore) {
      await app.app.get(AnalyticsProjection).catchUp();
      log(`reusing the analytics store kept in ${analyticsDir} (no catch-up timed)`);
    } else if (kept.length > 0) {
      // The app started with an empty store on events generated earlier: its catch-up, from its boot, is timed.
      await caughtUp(app, booted);
    } else {
      // The running app's store followed the generation as it went: time a second app's, created empty, catching
      // up with every event (what an instance started with an empty ANALYTICS_DIR does).
      await app.app.get(AnalyticsProjection).catchUp();
      const emptyDir = mkdtempSync(join(tmpdir(), 'linktrace-bench-analytics-'));
      directories.push(emptyDir);
      // From the app's boot (its projection starts then), so boot time counts against the rate.
      // The first app, caught up, lowered libuv's pool threads (this process's, shared by both apps; DuckDB's threads
      // start from them) to nice 10: back to 0, as in a process of its own rebuilding its store.
      restorePoolThreadsPriority();
      const began = performance.now();
      cpuBefore = process.cpuUsage();
      postgresBefore = postgresTicks();
      let fresh: TestApp | undefined = undefined;
      niceness = watchDuckDbNiceness(() => fresh?.app.get(AnalyticsProjection).state() === 'ok');
      fresh = await startTestApp({ ...env, ANALYTICS_DIR: emptyDir }, database);
      await caughtUp(fresh, began);
      // Closed at the end with the first: apps of one process on one database share its connection pool.
      extraApps.push(fresh);
    }
    await app.app.get(AnalyticsDatabase).query(`CHECKPOINT`);
    await printSizes(app, events, join(analyticsDir, 'analytics.duckdb'));
    await clickToVisible(app, workspaceId);
    await floor(app, key);
    const rows = await measure(app, key, workspaceId, BENCH_IDS);
    print(rows);
    // The redirect next to analytics queries: a server process on the store the first app built.
    for (const extra of extraApps.splice(0)) await extra.close();
    await app.close();
    app = undefined;
    await redirectWhileQuerying(database.env.DATABASE_URL, analyticsDir, key);
  } finally {
    killChildren();
    for (const extra of extraApps) await extra.close();
    await app?.close();
    await database.drop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Redirect latency at a fixed rate (BENCH_REDIRECT_RATE requests/s, autocannon, BENCH_REDIRECT_SECONDS each run)
 * on a server process, alone and then while this process keeps one heavy analytics query running (a 90-day
 * report by city under a dimension filter: a scan of every event of the window), back to back. DuckDB runs on
 * its own threads: the event loop, and so the redirect's p99, must not wait for it.
 */
async function redirectWhileQuerying(databaseUrl: string, analyticsDir: string, key: string): Promise<void> {
  const pinning: Pinning = { server: [], describe: 'none', loadCore: null };
  const server = await startServer(
    pinning,
    ['-r', '@swc-node/register', 'apps/api/src/main.ts'],
    {
      DATABASE_URL: databaseUrl,
      ANALYTICS_DIR: analyticsDir,
      LOG_LEVEL: 'warn',
      SHORT_DOMAIN: 'go.bench',
      HOST: '127.0.0.1',
    },
    { readyPath: '/api/health', readyStatus: 200 },
  );
  const target = { port: server.port, pids: [server.process.pid!] };
  // Links on go.bench (every third), the popular ones more often.
  const random = seededRandom(7);
  const requests = Array.from({ length: 10 }, () =>
    Array.from({ length: 1_000 }, () => ({
      method: 'GET' as const,
      path: `/s${3 * (1 + Math.floor((LINKS / 3 - 1) * random() ** 3))}`,
      headers: { host: 'go.bench', 'user-agent': BROWSER_USER_AGENTS[0] },
    })),
  );
  const query = `/api/v1/analytics/report?range=90d&groupBy=city&country=-US`;
  const heavy = async () => {
    const began = performance.now();
    const status = await new Promise<number>((resolve, reject) =>
      httpGet(
        { host: '127.0.0.1', port: server.port, path: query, headers: { authorization: `Bearer ${key}` } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      ).on('error', reject),
    );
    if (status !== 200) throw new Error(`${query}: ${status}`);
    return performance.now() - began;
  };
  await heavy();
  await run(target, requests, { connections: 10, seconds: 5, overallRate: REDIRECT_RATE });
  const alone = await run(target, requests, { connections: 10, seconds: REDIRECT_SECONDS, overallRate: REDIRECT_RATE });
  let querying = true;
  const queryTimes: number[] = [];
  const loop = (async () => {
    while (querying) queryTimes.push(await heavy());
  })();
  const loaded = await run(target, requests, {
    connections: 10,
    seconds: REDIRECT_SECONDS,
    overallRate: REDIRECT_RATE,
  });
  querying = false;
  await loop;
  await stop(server.process);
  const line = (name: string, result: LoadResult) =>
    `${name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ${result.expected} redirects, ${result.other + result.errors} other`;
  log(`redirect at ${REDIRECT_RATE} req/s, ${REDIRECT_SECONDS} s per run (${describeMachine()})`);
  log(`  ${line('alone', alone)}`);
  log(
    `  ${line('with a query running', loaded)} (${queryTimes.length} queries ${query}, p50 ${percentile(queryTimes, 50).toFixed(0)} ms)`,
  );
  log(`  p99 difference: ${(loaded.p99 - alone.p99).toFixed(2)} ms (target: within 1 ms)`);
}

/** Bytes per click in PostgreSQL (click_events and its indexes) and in the DuckDB file. */
async function printSizes(app: TestApp, events: number, duckdbFile: string): Promise<void> {
  const [sizes] = await app.dataSource.query(
    `SELECT (SELECT sum(pg_total_relation_size(relid)) FROM pg_partition_tree('click_events')) AS events,
            (SELECT sum(pg_indexes_size(relid)) FROM pg_partition_tree('click_events')) AS indexes`,
  );
  const perClick = (bytes: number) => (bytes / events).toFixed(0);
  const duckdb = statSync(duckdbFile).size;
  log(
    `PostgreSQL: click_events ${mb(Number(sizes.events))} (indexes ${mb(Number(sizes.indexes))}): ${perClick(Number(sizes.events))} bytes per click`,
  );
  log(`analytics store (DuckDB file): ${mb(duckdb)}: ${perClick(duckdb)} bytes per click`);
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(0)} MB`;
}

/**
 * Clicks written one at a time through the click writer (a link of their own), each timed from its commit until
 * the store counts it: the projection polls PostgreSQL every ANALYTICS_POLL_MS, and appends a few new clicks once
 * they have waited ANALYTICS_BATCH_WAIT_MS.
 */
async function clickToVisible(app: TestApp, workspaceId: string): Promise<void> {
  const store = app.app.get<AnalyticsStore>(ANALYTICS_STORE);
  const linkId = newId('link');
  await app.dataSource.query(
    `INSERT INTO links (id, workspace_id, domain, slug, url) VALUES ($1, $2, 'go.bench', $3, 'https://example.com/v')`,
    [linkId, workspaceId, `visible-${linkId}`],
  );
  const scope: AnalyticsScope = {
    workspaceId,
    start: new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS),
    end: new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + HOUR_MS),
    linkFilters: { linkId: { include: [linkId], exclude: [] } },
    dimensionFilters: {},
    includeBots: true,
  };
  const delays: number[] = [];
  for (let index = 1; index <= VISIBLE_CLICKS; index++) {
    await app.app.get(ClicksRepository).writeBatch([
      {
        id: newId('click'),
        time: new Date(),
        workspaceId,
        linkId,
        domain: 'go.bench',
        url: 'https://example.com/v',
        visitorHash: `visible-${index}`,
        country: null,
        region: null,
        city: null,
        device: 'desktop',
        browser: null,
        os: null,
        userAgent: null,
        referrer: null,
        referrerDomain: null,
        utmSource: null,
        utmMedium: null,
        utmCampaign: null,
        utmTerm: null,
        utmContent: null,
        isBot: false,
      },
    ]);
    const began = performance.now();
    while ((await store.totals(scope)).clicks < index) await new Promise((resolve) => setTimeout(resolve, 5));
    delays.push(performance.now() - began);
  }
  log(
    `click-to-visible (${VISIBLE_CLICKS} clicks): p50 ${percentile(delays, 50).toFixed(0)} ms, p95 ${percentile(delays, 95).toFixed(0)} ms`,
  );
}

/**
 * Samples the niceness of the threads DuckDB works on (libuv's pool and DuckDB's own threads, which are started from
 * it and carry its name) until `done()` or `stop()`, which answers the values seen.
 */
function watchDuckDbNiceness(done: () => boolean): { stop: () => number[] } {
  const seen = new Set<number>();
  const timer = setInterval(() => {
    if (done()) return;
    for (const task of readdirSync('/proc/self/task')) {
      try {
        if (readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim() === 'libuv-worker')
          seen.add(getPriority(Number(task)));
      } catch {
        // a thread that ended meanwhile
      }
    }
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return [...seen].sort((a, b) => a - b);
    },
  };
}

/** libuv's pool threads back to nice 0 (needs root or CAP_SYS_NICE; otherwise the catch-up line says so). */
function restorePoolThreadsPriority(): void {
  for (const task of readdirSync('/proc/self/task')) {
    try {
      if (readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim() === 'libuv-worker') setPriority(Number(task), 0);
    } catch {
      // a thread that ended meanwhile, or a priority this process may not raise
    }
  }
}

/** Process ids of the PostgreSQL backends connected to the app's database (the projection's copies run there). */
async function databaseBackends(app: TestApp): Promise<number[]> {
  const rows: { pid: number }[] = await app.dataSource.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  return rows.map((row) => row.pid);
}

/** BENCH_DATABASE: a database kept between runs (created when missing, never dropped), to time again without generating again. */
async function keptDatabase(name: string): Promise<TestDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DATABASE must be a plain lower-case name, not ${name}`);
  const server = new Client({ connectionString: process.env.DATABASE_URL });
  await server.connect();
  try {
    const exists = await server.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (exists.rowCount === 0) await server.query(`CREATE DATABASE ${name}`);
  } finally {
    await server.end();
  }
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: async () => undefined };
}

/** Links, folders and tags the filters name (the generated ids). */
const BENCH_IDS = {
  links: Array.from({ length: 50 }, (_, index) => `link_bench${1 + index * 37}`),
  folders: Array.from({ length: 20 }, (_, index) => `fld_bench${index + 1}`),
  tags: Array.from({ length: 10 }, (_, index) => `tag_bench${index + 1}`),
};

async function generate(app: TestApp, workspaceId: string, start: Date): Promise<void> {
  const db = app.dataSource;
  const began = performance.now();
  await db.query(
    `CREATE UNLOGGED TABLE bench_links (number int PRIMARY KEY, id varchar(32), domain varchar(253), url text)`,
  );
  await db.query(
    `INSERT INTO link_folders (id, workspace_id, name) SELECT 'fld_bench' || n, $1, 'Folder ' || n FROM generate_series(1, 20) n`,
    [workspaceId],
  );
  await db.query(
    `INSERT INTO link_tags (id, workspace_id, name) SELECT 'tag_bench' || n, $1, 'Tag ' || n FROM generate_series(1, 10) n`,
    [workspaceId],
  );
  await db.query(
    `INSERT INTO links (id, workspace_id, domain, slug, url, folder_id)
     SELECT 'link_bench' || n, $1, (ARRAY['go.bench', 'promo.bench', 'shop.bench'])[1 + n % 3], 's' || n, 'https://example.com/' || n,
            CASE WHEN n % 4 = 0 THEN NULL ELSE 'fld_bench' || (1 + n % 20) END
       FROM generate_series(1, $2::int) n`,
    [workspaceId, LINKS],
  );
  await db.query(
    `INSERT INTO link_tag_assignments (link_id, tag_id) SELECT 'link_bench' || n, 'tag_bench' || (1 + n % 10) FROM generate_series(1, $1::int) n WHERE n % 2 = 0`,
    [LINKS],
  );
  await db.query(
    `INSERT INTO bench_links SELECT n, 'link_bench' || n, (ARRAY['go.bench', 'promo.bench', 'shop.bench'])[1 + n % 3], 'https://example.com/' || n FROM generate_series(1, $1::int) n`,
    [LINKS],
  );
  // Monthly partitions for the whole generated period (the server creates only the current and next month).
  await db.query(`SELECT click_events_ensure_partitions(1)`);
  for (
    let month = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1));
    month.getTime() < Date.now();
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    const name = `click_events_${month.toISOString().slice(0, 7).replace('-', '_')}`;
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF click_events FOR VALUES FROM ('${month.toISOString()}') TO ('${next.toISOString()}')`,
    );
  }
  const perDay = Math.floor(EVENTS / DAYS);
  let stored = 0;
  for (let day = 0; day < DAYS; day++) {
    const count = day === DAYS - 1 ? EVENTS - perDay * (DAYS - 1) : perDay;
    const dayStart = new Date(start.getTime() + day * DAY_MS);
    await db.query(GENERATE_DAY, [workspaceId, dayStart, `d${day}`, count]);
    stored += count;
    progress(
      `events:  ${bar(day + 1, DAYS)} ${stored.toLocaleString('en-US')} events, ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
  }
  process.stdout.write('\n');
  await db.query(
    `UPDATE links SET clicks = totals.clicks, last_clicked_at = totals.last FROM
       (SELECT link_id, count(*) FILTER (WHERE NOT is_bot) AS clicks, max(time) AS last FROM click_events GROUP BY link_id) AS totals
      WHERE links.id = totals.link_id`,
  );
  await db.query(`DROP TABLE bench_links`);
  await db.query(`VACUUM ANALYZE`);
  log(
    `generated ${stored.toLocaleString('en-US')} events over ${DAYS} days across ${LINKS.toLocaleString('en-US')} links in ${((performance.now() - began) / 1000).toFixed(0)} s`,
  );
}

function windows(index: number): Record<string, string> {
  const presets = ['24h', '7d', '30d', '90d'];
  if (index % 5 === 4) {
    // Odd hours at both ends.
    const end = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - (index % 7) * 5 * HOUR_MS);
    return {
      start: new Date(end.getTime() - (20 + index) * DAY_MS - 7 * HOUR_MS).toISOString(),
      end: end.toISOString(),
    };
  }
  return { range: presets[index % presets.length] };
}

function variants(kind: string, ids: { links: string[]; folders: string[]; tags: string[] }): Variant[] {
  return Array.from({ length: REPEATS }, (_, index) => {
    const window = windows(index);
    if (kind === 'none') return { label: 'none', query: window };
    if (kind === 'link') {
      const filters: Record<string, string>[] = [
        { linkId: ids.links[index % ids.links.length] },
        { folderId: ids.folders[index % ids.folders.length] },
        { tagId: ids.tags[index % ids.tags.length] },
        { domain: '-promo.bench' },
      ];
      return { label: 'link', query: { ...window, ...filters[index % filters.length] } };
    }
    const filters: Record<string, string>[] = [
      { country: 'US' },
      { device: 'mobile' },
      { browser: '-Chrome' },
      { utm_source: 'newsletter,twitter' },
      { referrer: '(direct)' },
    ];
    return { label: 'dimension', query: { ...window, ...filters[index % filters.length] } };
  });
}

const ENDPOINTS: { path: string; extra: (index: number) => Record<string, string> }[] = [
  { path: 'overview', extra: () => ({}) },
  {
    path: 'chart',
    extra: (index) => ({
      interval: ['day', 'week', 'day', 'month'][index % 4],
      timezone: ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata'][index % 4],
    }),
  },
  {
    path: 'report',
    extra: (index) => ({
      groupBy: ['link', 'country', 'browser', 'referrer', 'utm_campaign', 'folder', 'city', 'tag'][index % 8],
    }),
  },
  { path: 'traffic_panel', extra: () => ({}) },
  { path: 'acquisition_panel', extra: () => ({}) },
  { path: 'geo_panel', extra: () => ({}) },
  { path: 'technology_panel', extra: () => ({}) },
];

/**
 * What a call costs with (almost) nothing to count: an overview of one hour in 2020 (authentication, the
 * conversions' queries in PostgreSQL, two lookups in the store). On a busy machine it shows how much of a
 * query's time is the machine's.
 */
async function floor(app: TestApp, key: string): Promise<void> {
  const times: number[] = [];
  const query = { start: '2020-01-01T00:00:00Z', end: '2020-01-01T01:00:00Z' };
  for (let index = 0; index <= REPEATS; index++) {
    const began = performance.now();
    await app.http().get('/api/v1/analytics/overview').query(query).set(bearer(key)).expect(200);
    if (index > 0) times.push(performance.now() - began);
  }
  log(
    `floor: overview of an empty hour p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms (${describeMachine()})`,
  );
}

async function measure(
  app: TestApp,
  key: string,
  workspaceId: string,
  ids: { links: string[]; folders: string[]; tags: string[] },
): Promise<Row[]> {
  const reference = new RawAnalyticsScan(app.dataSource);
  const timed: {
    endpoint: (typeof ENDPOINTS)[number];
    kind: string;
    list: Record<string, string>[];
    times: number[];
    answers: unknown[];
  }[] = [];
  for (const endpoint of ENDPOINTS.filter(({ path }) => !ONLY_ENDPOINTS || ONLY_ENDPOINTS.includes(path))) {
    for (const kind of ['none', 'link', 'dimension']) {
      const list = variants(kind, ids).map((variant, index) => ({ ...variant.query, ...endpoint.extra(index) }));
      const times: number[] = [];
      const answers: unknown[] = [];
      // One untimed call warms the caches (as a dashboard does), then the timed calls.
      await app.http().get(`/api/v1/analytics/${endpoint.path}`).query(list[0]).set(bearer(key)).expect(200);
      for (const query of list) {
        const began = performance.now();
        const response = await app.http().get(`/api/v1/analytics/${endpoint.path}`).query(query).set(bearer(key));
        times.push(performance.now() - began);
        if (SLOW_MS > 0 && times[times.length - 1] > SLOW_MS)
          log(`  slow: ${endpoint.path} ${JSON.stringify(query)} ${times[times.length - 1].toFixed(0)} ms`);
        if (response.status !== 200)
          throw new Error(
            `${endpoint.path} ${JSON.stringify(query)}: ${response.status} ${JSON.stringify(response.body)}`,
          );
        answers.push(response.body);
      }
      timed.push({ endpoint, kind, list, times, answers });
      log(
        `${endpoint.path.padEnd(18)} ${kind.padEnd(9)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`,
      );
    }
  }
  // The same questions answered by a raw scan of PostgreSQL, once every call is timed.
  const rows: Row[] = [];
  for (const { endpoint, kind, list, times, answers } of timed) {
    const rawTimes: number[] = [];
    let same = true;
    // The 90-day variant first (index 3): the raw scan's worst case, and the window dashboards open with.
    // (Only the variants that were timed: BENCH_REPEATS may be fewer than five.)
    const checked = [3, 0, 1, 2, 4].filter((index) => index < list.length);
    for (const index of checked.slice(0, RAW_REPEATS)) {
      const body = answers[index] as { start: string; end: string };
      const scope = toScope(workspaceId, list[index], body.start, body.end);
      const began = performance.now();
      const raw = await rawAnswer(reference, endpoint.path, scope, list[index]);
      rawTimes.push(performance.now() - began);
      same &&= JSON.stringify(raw) === JSON.stringify(comparable(endpoint.path, body));
    }
    rows.push({
      endpoint: endpoint.path,
      kind,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      rawP50: percentile(rawTimes, 50),
      same: RAW_REPEATS > 0 ? (same ? 'yes' : 'NO') : '-',
    });
    if (RAW_REPEATS > 0)
      log(
        `${endpoint.path.padEnd(18)} ${kind.padEnd(9)} raw ${percentile(rawTimes, 50).toFixed(0)} ms  same ${rows[rows.length - 1].same}`,
      );
  }
  return rows;
}

function toScope(workspaceId: string, query: Record<string, string>, start: string, end: string): AnalyticsScope {
  const linkFilters: AnalyticsScope['linkFilters'] = {};
  const dimensionFilters: AnalyticsScope['dimensionFilters'] = {};
  for (const name of ['linkId', 'folderId', 'tagId'] as const)
    if (query[name]) linkFilters[name] = parseFilter(query[name]) as FilterValues;
  for (const name of DIMENSION_FILTERS)
    if (query[name]) dimensionFilters[name] = parseFilter(query[name]) as FilterValues;
  return {
    workspaceId,
    start: new Date(start),
    end: new Date(end),
    linkFilters,
    dimensionFilters,
    includeBots: false,
  };
}

const PANEL_GROUPS: Record<string, Record<string, string>> = {
  traffic_panel: { referrers: 'referrer', links: 'link' },
  acquisition_panel: {
    utm_source: 'utm_source',
    utm_medium: 'utm_medium',
    utm_campaign: 'utm_campaign',
    utm_term: 'utm_term',
    utm_content: 'utm_content',
  },
  geo_panel: { countries: 'country', regions: 'region', cities: 'city' },
  technology_panel: { devices: 'device', browsers: 'browser', os: 'os' },
};

/** The raw scan's answer, shaped like the figures of the endpoint's answer. */
async function rawAnswer(
  repository: AnalyticsStore,
  path: string,
  scope: AnalyticsScope,
  query: Record<string, string>,
): Promise<unknown> {
  const figures = (row: { clicks: number; uniqueVisitors: number; key?: string }) => [
    row.key,
    row.clicks,
    row.uniqueVisitors,
  ];
  if (path === 'overview') return figures({ ...(await repository.totals(scope)), key: '' });
  if (path === 'chart') return (await repository.series(scope, query.interval as 'day', query.timezone)).map(figures);
  const options = { sort: 'clicks' as const, order: 'desc' as const, limit: path === 'report' ? 100 : 10 };
  if (path === 'report')
    return (await repository.breakdowns(scope, [query.groupBy as 'link'], options))[0].map(figures);
  const lists = await repository.breakdowns(scope, Object.values(PANEL_GROUPS[path]) as 'link'[], options);
  return lists.map((rows) => rows.map(figures));
}

type Figures = { clicks: number; uniqueVisitors: number; value?: string; start?: string };
function comparable(path: string, body: Record<string, unknown>): unknown {
  const figures = (row: Figures) => [row.value ?? row.start ?? '', row.clicks, row.uniqueVisitors];
  if (path === 'overview') return figures({ ...(body as unknown as Figures), start: '' });
  if (path === 'chart' || path === 'report') return (body.data as Figures[]).map(figures);
  return Object.keys(PANEL_GROUPS[path]).map((list) => (body[list] as Figures[]).map(figures));
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function print(rows: Row[]): void {
  log('');
  log(`| endpoint | filters | p50 ms | p95 ms | raw scan ms | raw / p50 | same answer |`);
  log(`|---|---|---:|---:|---:|---:|---|`);
  for (const row of rows) {
    log(
      `| ${row.endpoint} | ${row.kind} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${Number.isNaN(row.rawP50) ? '-' : row.rawP50.toFixed(0)} | ${Number.isNaN(row.rawP50) ? '-' : `${(row.rawP50 / row.p50).toFixed(1)}×`} | ${row.same} |`,
    );
  }
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} days`;
}

function progress(line: string): void {
  process.stdout.write(`\r${line}`);
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
