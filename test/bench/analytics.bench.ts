/**
 * Analytics benchmark: `npm run bench:analytics` (DATABASE_URL of a PostgreSQL server required).
 *
 * Creates a fresh database (dropped at the end), boots the app on it, and generates BENCH_EVENTS click
 * events (default 10,000,000) over BENCH_DAYS days (90) ending at the current hour, across BENCH_LINKS links
 * (10,000; popularity skewed), in 20 folders, 10 tags and 3 domains. Generation is set-based: one
 * `INSERT … SELECT … FROM generate_series` per UTC day, in time order as the click writer appends them (random
 * order would scatter an hour's events over the day's pages and make every raw read seem slower), then the
 * rollups of each day with one `INSERT … SELECT … GROUP BY` per rollup table (ROLLUP_DAY, the writer's definitions). Then the analytics
 * compaction job runs once, as it would after boot: pair rollups of every closed day, block rollups (and pair
 * blocks) of every closed block of 4, 8… days.
 *
 * Then every analytics endpoint is called over HTTP BENCH_REPEATS times (20) per kind of query, with
 * varied windows (24h, 7d, 30d, 90d, odd hours) and filters, and p50/p95 are printed next to the same
 * answer computed from a scan of the raw events (BENCH_RAW_REPEATS calls, default 1; after all the timed calls,
 * so that their gigabytes do not evict the rollups from the caches between timed calls), with the ratio.
 * Each rollup answer is compared with the raw one (`same` column).
 *
 * BENCH_SLOW_MS=<ms> prints each call slower than that, with its query. BENCH_COMPACTION=0 skips the compaction job's
 * run (a kept database timed as it is).
 *
 * BENCH_DATABASE=<name> keeps the generated database under that name instead of dropping it, and a later run
 * with the same name times it again without generating anew (the windows are relative to now: reuse it the
 * same day).
 *
 * Kinds of query: `none` (no filter), `link` (a link, a folder, a tag, or `domain=-x`), `dimension` (one
 * country/device/browser/utm_source/referrer filter). docs/BENCHMARKS.md says which rollups answer which.
 */
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AnalyticsRepository, AnalyticsScope, FilterValues } from '../../apps/api/src/analytics/analytics.repository';
import { AnalyticsCompactionJob } from '../../apps/api/src/analytics/analytics-compaction.job';
import {
  CLICK_DIMENSION_VALUES,
  MAX_DIMENSION_VALUE_LENGTH,
  ROLLUP_COUNTS,
} from '../../apps/api/src/clicks/clicks.repository';
import { bearer, createKey, setPlan, signUp } from '../helpers/fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 90);
const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 20);
const RAW_REPEATS = Number(process.env.BENCH_RAW_REPEATS ?? 1);
const KEEP_DATABASE = process.env.BENCH_DATABASE;
/** BENCH_SLOW_MS: print every call slower than this (0: none). */
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 0);
/** BENCH_COMPACTION=0: time a kept database as it is, without running the compaction job first. */
const COMPACTION = process.env.BENCH_COMPACTION !== '0';
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
                              referrer, referrer_domain, utm_source, utm_medium, utm_campaign, utm_term, utm_content, is_bot, first_visit)
    SELECT *, NOT is_bot AND row_number() OVER (PARTITION BY link_id, visitor_hash, is_bot ORDER BY time, id) = 1
      FROM (
    SELECT 'clk_' || $3::text || '_' || g AS id, event.time, $1 AS workspace_id, link.id AS link_id, link.domain, link.url, 'v' || event.visitor AS visitor_hash,
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

/**
 * The rollups of one UTC day, built set-based from its stored events with the writer's definitions (the
 * dimension values are CLICK_DIMENSION_EXPRESSIONS; a visitor is unique on the click marked `first_visit`,
 * its first of the day on a link, as GENERATE_DAY marks it). Days are disjoint, so plain INSERTs suffice.
 * The `same` column of the results checks them against the raw events.
 */
const ROLLUP_DAY = [
  `CREATE TEMP TABLE day_clicks ON COMMIT DROP AS
     SELECT click_events.*, (time AT TIME ZONE 'UTC')::date AS day, date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour
       FROM click_events WHERE time >= $1 AND time < $1::timestamptz + interval '1 day'`,
  `CREATE TEMP TABLE day_dimensions ON COMMIT DROP AS
     SELECT link_id, workspace_id, day, hour, dimension, left(value, ${MAX_DIMENSION_VALUE_LENGTH}) AS value, is_bot, first_visit
       FROM day_clicks CROSS JOIN LATERAL (VALUES ${CLICK_DIMENSION_VALUES}) AS dimensions (dimension, value)
      WHERE value IS NOT NULL AND value <> ''`,
  `INSERT INTO click_visitors_daily (link_id, workspace_id, day, visitor_hash) SELECT DISTINCT link_id, workspace_id, day, visitor_hash FROM day_clicks WHERE NOT is_bot`,
  `INSERT INTO link_click_rollups_hourly (link_id, workspace_id, hour, clicks, unique_visitors, bot_clicks) SELECT link_id, workspace_id, hour, ${ROLLUP_COUNTS} FROM day_clicks GROUP BY 1, 2, 3`,
  `INSERT INTO link_click_rollups_daily (link_id, workspace_id, day, clicks, unique_visitors, bot_clicks) SELECT link_id, workspace_id, day, ${ROLLUP_COUNTS} FROM day_clicks GROUP BY 1, 2, 3`,
  `INSERT INTO workspace_click_rollups_hourly (workspace_id, hour, clicks, unique_visitors, bot_clicks) SELECT workspace_id, hour, ${ROLLUP_COUNTS} FROM day_clicks GROUP BY 1, 2`,
  `INSERT INTO click_rollups_daily (link_id, workspace_id, day, dimension, value, clicks, unique_visitors, bot_clicks)
     SELECT link_id, workspace_id, day, dimension, value, ${ROLLUP_COUNTS} FROM day_dimensions GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO workspace_dimension_rollups_daily (workspace_id, dimension, day, value, clicks, unique_visitors, bot_clicks)
     SELECT workspace_id, dimension, day, value, ${ROLLUP_COUNTS} FROM day_dimensions GROUP BY 1, 2, 3, 4`,
  `INSERT INTO workspace_dimension_rollups_hourly (workspace_id, dimension, hour, value, clicks, unique_visitors, bot_clicks)
     SELECT workspace_id, dimension, hour, value, ${ROLLUP_COUNTS} FROM day_dimensions GROUP BY 1, 2, 3, 4`,
];

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
  try {
    app = await startTestApp({ LOG_LEVEL: 'warn', ANALYTICS_COMPACTION_INTERVAL_MS: '0' }, database);
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
    // The analytics compaction job: pair rollups of the closed days, then the closed blocks of days (its first run
    // looks back over the longest retention).
    const began = performance.now();
    const built = COMPACTION
      ? await app.app.get(AnalyticsCompactionJob).runOnce()
      : { days: 0, blocks: 0, pairBlocks: 0 };
    log(
      `compaction job: ${built.days} days and ${built.pairBlocks} blocks of pair rollups, ${built.blocks} blocks of block rollups built in ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
    await app.dataSource.query(`VACUUM ANALYZE`);
    const rows = await measure(app, key, workspaceId, BENCH_IDS);
    print(rows);
  } finally {
    await app?.close();
    await database.drop();
  }
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
    await db.query(GENERATE_DAY, [workspaceId, new Date(start.getTime() + day * DAY_MS), `d${day}`, count]);
    stored += count;
    progress(
      `events:  ${bar(day + 1, DAYS)} ${stored.toLocaleString('en-US')} events, ${((performance.now() - began) / 1000).toFixed(0)} s`,
    );
  }
  process.stdout.write('\n');
  for (let day = 0; day < DAYS; day++) {
    await db.transaction(async (manager) => {
      for (const statement of ROLLUP_DAY)
        await manager.query(statement, statement.includes('$1') ? [new Date(start.getTime() + day * DAY_MS)] : []);
    });
    progress(`rollups: ${bar(day + 1, DAYS)} ${((performance.now() - began) / 1000).toFixed(0)} s`);
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
  const sizes = await db.query(
    `SELECT relname AS table, n_live_tup AS rows FROM pg_stat_user_tables
      WHERE relname IN ('link_click_rollups_hourly', 'link_click_rollups_daily', 'click_rollups_daily', 'workspace_click_rollups_hourly',
                        'workspace_dimension_rollups_daily', 'workspace_dimension_rollups_hourly', 'click_visitors_daily') ORDER BY relname`,
  );
  for (const size of sizes) log(`  ${size.table}: ${Number(size.rows).toLocaleString('en-US')} rows`);
}

function windows(index: number): Record<string, string> {
  const presets = ['24h', '7d', '30d', '90d'];
  if (index % 5 === 4) {
    // Odd hours: the partial days at both ends come from the hourly rollups.
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

async function measure(
  app: TestApp,
  key: string,
  workspaceId: string,
  ids: { links: string[]; folders: string[]; tags: string[] },
): Promise<Row[]> {
  const repository = app.app.get(AnalyticsRepository);
  const timed: {
    endpoint: (typeof ENDPOINTS)[number];
    kind: string;
    list: Record<string, string>[];
    times: number[];
    answers: unknown[];
  }[] = [];
  for (const endpoint of ENDPOINTS) {
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
  // The same questions answered from the raw events, once every call is timed: a raw scan reads gigabytes, and
  // between timed calls it would evict the rollups they read from the caches.
  const rows: Row[] = [];
  for (const { endpoint, kind, list, times, answers } of timed) {
    const rawTimes: number[] = [];
    let same = true;
    // The 90-day variant first (index 3): the raw scan's worst case, and the window dashboards open with.
    for (const index of [3, 0, 1, 2, 4].slice(0, Math.min(RAW_REPEATS, list.length))) {
      const body = answers[index] as { start: string; end: string };
      const scope = toScope(workspaceId, list[index], body.start, body.end);
      const began = performance.now();
      const raw = await rawAnswer(repository, endpoint.path, scope, list[index]);
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

function parse(value: string | undefined): FilterValues | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',');
  return {
    include: items.filter((item) => !item.startsWith('-')),
    exclude: items.filter((item) => item.startsWith('-')).map((item) => item.slice(1)),
  };
}

function toScope(workspaceId: string, query: Record<string, string>, start: string, end: string): AnalyticsScope {
  const linkFilters: AnalyticsScope['linkFilters'] = {};
  const dimensionFilters: AnalyticsScope['dimensionFilters'] = {};
  for (const name of ['linkId', 'folderId', 'tagId'] as const) if (query[name]) linkFilters[name] = parse(query[name]);
  for (const name of [
    'domain',
    'country',
    'device',
    'browser',
    'os',
    'referrer',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_term',
    'utm_content',
  ] as const) {
    if (query[name]) dimensionFilters[name] = parse(query[name]);
  }
  return {
    workspaceId,
    start: new Date(start),
    end: new Date(end),
    linkFilters,
    dimensionFilters,
    includeBots: false,
    source: 'raw',
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

/** The raw-event answer, shaped like the figures of the endpoint's answer. */
async function rawAnswer(
  repository: AnalyticsRepository,
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
      `| ${row.endpoint} | ${row.kind} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.rawP50.toFixed(0)} | ${(row.rawP50 / row.p50).toFixed(1)}× | ${row.same} |`,
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
