/**
 * Webhook benchmark: `npm run bench:webhooks` (DATABASE_URL of a PostgreSQL server required).
 *
 * Does a `link.clicked` webhook slow the redirect down, and is every click delivered? On a fresh database with
 * BENCH_LINKS links, the app (child process, production-like) answers redirects at a fixed BENCH_RATE (2,000/s) for
 * BENCH_SECONDS (30) three times: without a webhook, with a `link.clicked` webhook to a real local receiver (its own
 * process, checking every signature with the `standardwebhooks` package), and without it again (the spread of the
 * two runs without shows the machine's noise). The redirect p99 of each run is printed, measured in this one script,
 * and the difference with the webhook (the target: at most 1 ms).
 *
 * Then the deliveries: once the clicks are written and the outbox has drained, the ids the receiver got are compared
 * with the non-bot clicks written during the webhook run (`msg_<click id>` each): none missing, none unexpected, no
 * duplicate (the app does not crash here), no bad signature. How long the outbox took to drain after the run, and its
 * depth when the run ended, say whether delivery kept up with the clicks.
 *
 * Servers run pinned to one core and the load generator and receiver to the other (taskset), when the machine has
 * two or more. Settings (environment): BENCH_RATE (2000), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5),
 * BENCH_CONNECTIONS (20), BENCH_LINKS (10000), BENCH_DRAIN_SECONDS (600: how long to wait for the outbox to drain),
 * BENCH_APP_NODE_ARGS (extra node arguments for the app, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profile`).
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import {
  countDistinct,
  describeMachine,
  distinctRequestLists,
  killChildren,
  LoadResult,
  log,
  pinCores,
  prepareDatabase,
  run as runLoad,
  RunningServer,
  startServer,
  stop,
  table,
  withClient,
  zipfRequestLists,
} from './bench-kit';
import { BENCH_SHORT_DOMAIN } from './bench-links';
import { metricValue, TEST_METRICS_TOKEN } from '../helpers/prometheus';
import { createTestDatabase } from '../helpers/test-database';

const RATE = Number(process.env.BENCH_RATE ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const LINKS = Number(process.env.BENCH_LINKS ?? 10_000);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 600);
const TARGET_P99_DIFFERENCE_MS = 1;

interface ReceiverStats {
  requests: number;
  badSignatures: number;
  duplicates: number;
  ids: string[];
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    process.stderr.write(
      'bench:webhooks needs DATABASE_URL (a PostgreSQL server; a fresh database is created on it)\n',
    );
    process.exit(1);
  }
  log(describeMachine());
  log(`uptime: ${spawnSync('uptime').stdout.toString().trim()}`);
  const pinning = pinCores();
  log(`Pinning: ${pinning.describe}; the receiver runs beside the load generator`);
  const receiverPinning =
    pinning.loadCore === null ? pinning : { ...pinning, server: ['taskset', '-c', String(pinning.loadCore)] };

  const database = await createTestDatabase();
  const databaseUrl = database.env.DATABASE_URL;
  try {
    await prepareDatabase(databaseUrl, LINKS);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const receiver = await startServer(
      receiverPinning,
      ['-r', '@swc-node/register', 'test/bench/webhook-receiver-process.ts'],
      { WEBHOOK_SECRET: secret },
      { readyPath: '/stats', readyStatus: 200 },
    );
    const appNodeArguments = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const app = await startServer(pinning, [...appNodeArguments, '-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      SHORT_DOMAIN: BENCH_SHORT_DOMAIN,
      HOST: '127.0.0.1',
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      // The receiver listens on loopback, over plain http.
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    });
    const requests = zipfRequestLists(LINKS, CONNECTIONS, 4_000);
    const fixedRate = (seconds: number) => run(app, requests, { seconds, overallRate: RATE });

    // A warm cache and a warm process, as a long-running server has.
    await run(app, distinctRequestLists(requests, CONNECTIONS), { amount: countDistinct(requests) });
    await fixedRate(WARMUP_SECONDS);
    await settledClickCount(databaseUrl);

    log(`\nRun 1: ${RATE} redirects/s for ${SECONDS} s, no webhook`);
    const without = await fixedRate(SECONDS);
    await settledClickCount(databaseUrl);

    const clicksBefore = new Set(await nonBotClickIds(databaseUrl));
    const webhookId = await createClickWebhook(databaseUrl, `http://127.0.0.1:${receiver.port}/hook`, secret);
    log(`Run 2: ${RATE} redirects/s for ${SECONDS} s, a link.clicked webhook to the receiver`);
    const withWebhook = await fixedRate(SECONDS);
    const depthAtEnd = await metric(app.port, 'linktrace_webhook_queue_depth');
    const runEnded = Date.now();
    await settledClickCount(databaseUrl);
    const drained = await drainOutbox(databaseUrl);
    const drainSeconds = (Date.now() - runEnded) / 1000;
    const expectedIds = (await nonBotClickIds(databaseUrl))
      .filter((id) => !clicksBefore.has(id))
      .map((id) => `msg_${id}`);
    const stats = (await (await fetch(`http://127.0.0.1:${receiver.port}/stats`)).json()) as ReceiverStats;
    const delivered = await deliveryCounts(databaseUrl, webhookId);

    await withClient(databaseUrl, (client) => client.query('DELETE FROM webhooks WHERE id = $1', [webhookId]));
    log(`Run 3: ${RATE} redirects/s for ${SECONDS} s, no webhook again`);
    const withoutAgain = await fixedRate(SECONDS);
    await stop(app.process);
    await stop(receiver.process);

    log(`\n${CONNECTIONS} connections, ${RATE} redirects/s, ${SECONDS} s per run, ${LINKS} links (Zipf, s=1)\n`);
    log(
      table([
        ['run', 'p50 ms', 'p99 ms', 'req/s', 'app CPU µs/req', 'PostgreSQL µs/req', 'non-302', 'errors'],
        row('1 no webhook', without),
        row('2 link.clicked webhook', withWebhook),
        row('3 no webhook again', withoutAgain),
      ]),
    );
    const difference = withWebhook.p99 - without.p99;
    const noise = Math.abs(withoutAgain.p99 - without.p99);
    log(
      `\np99 with the webhook − without: ${signed(difference)} ms (run 2 − run 1), ${signed(withWebhook.p99 - withoutAgain.p99)} ms (run 2 − run 3); ` +
        `target ≤ ${TARGET_P99_DIFFERENCE_MS} ms: ${Math.max(difference, withWebhook.p99 - withoutAgain.p99) <= TARGET_P99_DIFFERENCE_MS ? 'met' : 'NOT met'}`,
    );
    log(`the two runs without a webhook differ by ${noise.toFixed(2)} ms (the machine's noise at this rate)`);

    const received = new Set(stats.ids);
    const missing = expectedIds.filter((id) => !received.has(id)).length;
    const expected = new Set(expectedIds);
    const unexpected = stats.ids.filter((id) => !expected.has(id)).length;
    log(
      `\ndeliveries: ${expectedIds.length} non-bot clicks in run 2 (${withWebhook.expected} redirects answered); ` +
        `the receiver got ${stats.requests} requests, ${received.size} distinct events`,
    );
    log(
      `            missing ${missing}, unexpected ${unexpected}, duplicates ${stats.duplicates}, bad signatures ${stats.badSignatures}` +
        (missing + unexpected + stats.duplicates + stats.badSignatures === 0
          ? ': every click delivered once'
          : ' (WRONG)'),
    );
    log(
      `            outbox: ${depthAtEnd} pending when the run ended; ${drained ? 'drained' : 'NOT drained'} ${drainSeconds.toFixed(1)} s after it ` +
        `(${delivered.delivered} delivered, ${delivered.pending} pending, ${delivered.failed} failed, ${delivered.attempts} attempts)`,
    );
    log(`uptime: ${spawnSync('uptime').stdout.toString().trim()}`);
  } finally {
    killChildren();
    await database.drop();
  }
}

function run(
  server: RunningServer,
  requestLists: autocannon.Request[][],
  options: { seconds?: number; amount?: number; overallRate?: number },
): Promise<LoadResult> {
  return runLoad({ port: server.port, pids: [server.process.pid!] }, requestLists, {
    connections: CONNECTIONS,
    ...options,
  });
}

/** A `link.clicked` webhook of the bench workspace, as `POST /api/v1/webhooks` would store it. */
async function createClickWebhook(url: string, endpoint: string, secret: string): Promise<string> {
  const id = 'whk_bench000000000001';
  await withClient(url, (client) =>
    client.query(
      `INSERT INTO webhooks (id, workspace_id, url, event_types, secret) VALUES ($1, 'ws_bench', $2, '{link.clicked}', $3)`,
      [id, endpoint, secret],
    ),
  );
  return id;
}

function nonBotClickIds(url: string): Promise<string[]> {
  return withClient(url, async (client) =>
    (await client.query<{ id: string }>('SELECT id FROM click_events WHERE NOT is_bot')).rows.map((row) => row.id),
  );
}

/** The click count once the app has written everything it had buffered (it stops changing). */
async function settledClickCount(url: string): Promise<number> {
  const count = () =>
    withClient(url, async (client) => (await client.query('SELECT count(*)::int AS n FROM click_events')).rows[0].n);
  let previous = await count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await count();
    if (current === previous) return current;
    previous = current;
  }
}

/** Waits until no delivery is pending (true), or BENCH_DRAIN_SECONDS pass (false). */
async function drainOutbox(url: string): Promise<boolean> {
  const deadline = Date.now() + DRAIN_SECONDS * 1000;
  while (Date.now() < deadline) {
    const pending = await withClient(
      url,
      async (client) =>
        (await client.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`)).rows[0].n,
    );
    if (pending === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

async function deliveryCounts(
  url: string,
  webhookId: string,
): Promise<{ delivered: number; pending: number; failed: number; attempts: number }> {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
              count(*) FILTER (WHERE status = 'pending')::int AS pending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              coalesce(sum(attempts), 0)::int AS attempts
       FROM webhook_deliveries WHERE webhook_id = $1`,
      [webhookId],
    );
    return rows[0];
  });
}

/** A metric of the app, summed over its labels; 0 while it has no sample. */
async function metric(port: number, name: string): Promise<number> {
  const text = await (
    await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${TEST_METRICS_TOKEN}` } })
  ).text();
  const value = metricValue(text, name);
  return Number.isNaN(value) ? 0 : value;
}

function row(name: string, result: LoadResult): string[] {
  return [
    name,
    result.p50.toFixed(2),
    result.p99.toFixed(2),
    Math.round(result.requestsPerSecond).toLocaleString('en'),
    result.cpuMicroseconds.toFixed(1),
    result.postgresMicroseconds.toFixed(1),
    String(result.other),
    String(result.errors),
  ];
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

main().catch((error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
