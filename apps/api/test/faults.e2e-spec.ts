import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { ClickRecorder, MAX_BUFFERED_CLICKS, WRITE_TIMEOUT_MS } from '../src/clicks/click-recorder.service';
import { DelayingProxy, startDelayingProxy } from '../../../test/helpers/delaying-proxy';
import { insertLink, insertWorkspace, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import {
  describeWithPostgresCluster,
  PostgresCluster,
  startPostgresCluster,
} from '../../../test/helpers/postgres-cluster';
import { metricValue, TEST_METRICS_TOKEN } from '../../../test/helpers/prometheus';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import type { TestDatabase } from '../../../test/helpers/test-database';

/**
 * Fault tests: the database stops or slows down under the running app. They run against a PostgreSQL
 * server of their own, started under a temp directory (the machine's shared one cannot be stopped), and
 * drive the app over real HTTP.
 */

/** Sessions waiting for a lock on click_events (a click write queued behind the test's LOCK TABLE). */
const WAITING_ON_CLICK_EVENTS = `SELECT count(*)::int AS count FROM pg_locks WHERE NOT granted AND relation = 'click_events'::regclass`;
const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
/**
 * "Prompt" here means "did not wait for the database": each bound is what waiting would have cost (the injected
 * round trip, the stall, the stuck write's timeout), never a guess at this machine's speed. How fast a redirect is
 * belongs to `npm run bench:redirect`.
 */
const SLOW_ROUND_TRIP_MS = 1_000;
const STALL_MS = 10_000;

const describeFaults = describeWithPostgresCluster();

describeFaults('Faults', () => {
  let cluster: PostgresCluster;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });

  afterAll(async () => {
    await cluster?.destroy();
  });

  describe('PostgreSQL stopped mid-load', () => {
    let testApp: TestApp;
    let port: number;
    let agent: Agent;

    beforeAll(async () => {
      const database = await createDatabase(cluster, 'outage');
      testApp = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
      port = await listen(testApp);
      agent = new Agent({ keepAlive: true, maxSockets: 8 });
    });

    afterAll(async () => {
      agent?.destroy();
      // A failure mid-test must not leave the server down for the next tests (nor the app unable to flush).
      if (cluster && !cluster.running) await cluster.start();
      await testApp?.close();
    });

    it('answers 503 on readiness, keeps redirecting cached links, buffers clicks up to the bound, then recovers by itself', async () => {
      const workspaceId = await insertWorkspace(testApp);
      const link = await insertLink(testApp, { workspaceId, slug: 'steady', url: 'https://example.com/steady' });
      await insertLink(testApp, { workspaceId, slug: 'never-seen', url: 'https://example.com/never-seen' });
      expect((await get(port, '/api/health/ready', agent)).status).toBe(200);
      expect((await redirect(port, 'steady', agent)).status).toBe(302);
      await testApp.app.get(ClickRecorder).flush();

      // Load before, during and after the stop.
      const load = startLoad(port, 'steady', agent, 4);
      await sleep(300);
      const stoppedAt = Date.now();
      await cluster.stop('fast');
      await sleep(1_500);
      const answers = await load.stop();
      const afterStop = answers.filter((answer) => answer.at > stoppedAt);
      expect(afterStop.length).toBeGreaterThan(20);
      expect(answers.filter((answer) => answer.status !== 302)).toEqual([]);

      // Readiness answers, in the error format.
      const readiness = await get(port, '/api/health/ready', agent);
      expect(readiness.status).toBe(503);
      expect(JSON.parse(readiness.body)).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'Not ready: database unavailable',
        code: 'service_unavailable',
        requestId: readiness.headers['x-request-id'],
      });
      // A link nobody asked for before the outage cannot be read: an error in the same format, not a hang.
      const uncached = await get(port, '/never-seen', agent, { Accept: 'application/json' });
      expect(uncached.status).toBe(503);
      expect(JSON.parse(uncached.body)).toMatchObject({ statusCode: 503, code: 'service_unavailable' });

      // Clicks wait in memory, up to the bound; past it they are dropped and counted.
      const recorder = testApp.app.get(ClickRecorder);
      const accepted = 1 + answers.length;
      const writtenBeforeStop = metricValue(
        (await get(port, '/metrics', agent)).body,
        'linktrace_clicks_written_total',
      );
      expect(recorder.pending).toBeGreaterThan(20);
      expect(recorder.pending + writtenBeforeStop).toBe(accepted);
      const overflow = 25;
      const toFill = MAX_BUFFERED_CLICKS - recorder.pending + overflow;
      expect(await injectRedirects(testApp, 'steady', toFill)).toBe(toFill);
      const metricsDuringOutage = (await get(port, '/metrics', agent)).body;
      expect(metricValue(metricsDuringOutage, 'linktrace_click_queue_depth')).toBe(MAX_BUFFERED_CLICKS);
      expect(metricValue(metricsDuringOutage, 'linktrace_clicks_dropped_total', { reason: 'buffer_full' })).toBe(
        overflow,
      );
      expect(metricValue(metricsDuringOutage, 'linktrace_clicks_written_total')).toBe(writtenBeforeStop);

      // The database returns: no restart, no call into the app — readiness turns 200, every held click is
      // written, and new clicks (a link read from the database again) after them.
      await cluster.start();
      await waitFor(
        async () => (await get(port, '/api/health/ready', agent)).status === 200,
        20_000,
        'readiness to turn 200',
      );
      const queueDrained = async () =>
        metricValue((await get(port, '/metrics', agent)).body, 'linktrace_click_queue_depth') === 0;
      await waitFor(queueDrained, 120_000, 'the held clicks to be written');
      expect((await redirect(port, 'steady', agent)).status).toBe(302);
      expect((await get(port, '/never-seen', agent)).status).toBe(302);
      await waitFor(queueDrained, 10_000, 'the new clicks to be written');

      const stored = accepted + toFill - overflow + 1; /* after the outage */
      const [events] = await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
        [link.id],
      );
      const [linkRow] = await testApp.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
        link.id,
      ]);
      expect({ events: events.count, clicks: linkRow.clicks }).toEqual({ events: stored, clicks: stored });
      const metricsAfter = (await get(port, '/metrics', agent)).body;
      expect(metricValue(metricsAfter, 'linktrace_clicks_written_total')).toBe(stored + 1 /* never-seen */);
      expect(metricValue(metricsAfter, 'linktrace_clicks_dropped_total', { reason: 'buffer_full' })).toBe(overflow);
    }, 240_000);
  });

  describe('slow database', () => {
    let testApp: TestApp;
    let proxy: DelayingProxy;
    let port: number;
    let agent: Agent;
    let databaseUrl: string;
    let workspaceId: string;

    beforeAll(async () => {
      const database = await createDatabase(cluster, 'slow');
      databaseUrl = database.env.DATABASE_URL;
      proxy = await startDelayingProxy(cluster.port);
      const viaProxy = new URL(databaseUrl);
      viaProxy.port = String(proxy.port);
      testApp = await startTestApp(
        { SHORT_DOMAIN: TEST_SHORT_DOMAIN },
        { env: { DATABASE_URL: viaProxy.toString() }, drop: async () => undefined },
      );
      port = await listen(testApp);
      agent = new Agent({ keepAlive: true, maxSockets: 4 });
      workspaceId = await insertWorkspace(testApp);
    });

    /**
     * More than `atLeast` answers, each a 302 that did not wait for the database (`waited` says which did); then every
     * click of the link is stored (the answers and the warm-up), no fewer and no more.
     */
    async function expectPromptAndNothingLost(
      answers: Answer[],
      atLeast: number,
      linkId: string,
      waited: (answer: Answer) => boolean,
    ): Promise<void> {
      expect(answers.length).toBeGreaterThan(atLeast);
      expect(answers.filter((answer) => answer.status !== 302)).toEqual([]);
      expect(answers.filter(waited)).toEqual([]);

      const stored = async () =>
        (
          await testApp.dataSource.query(`SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`, [linkId])
        )[0].count as number;
      // The last clicks are queued as their answers leave: wait for the count itself, not for a queue gauge.
      await waitFor(async () => (await stored()) >= answers.length + 1, 60_000, 'every click to be written');
      await testApp.app.get(ClickRecorder).flush();
      expect(await stored()).toBe(answers.length + 1);
    }

    afterAll(async () => {
      agent?.destroy();
      if (proxy) proxy.delayMs = 0;
      await testApp?.close();
      await proxy?.close();
    });

    it('keeps cached redirects prompt while every database round trip takes a second, and loses no click', async () => {
      const link = await insertLink(testApp, { workspaceId, slug: 'slow-db', url: 'https://example.com/slow' });
      expect((await redirect(port, 'slow-db', agent)).status).toBe(302);
      await testApp.app.get(ClickRecorder).flush();

      proxy.delayMs = 500; // each way: a round trip takes a second
      const answers = await paced(port, 'slow-db', agent, 4_000, 40);
      // The clicks were not stored meanwhile: the writes were stuck behind the slow database.
      expect(testApp.app.get(ClickRecorder).pending).toBeGreaterThan(0);
      proxy.delayMs = 0;

      await expectPromptAndNothingLost(answers, 40, link.id, (answer) => answer.ms >= SLOW_ROUND_TRIP_MS);
    }, 120_000);

    it('keeps cached redirects prompt while a lock holds click writes for seconds, and loses no click', async () => {
      const link = await insertLink(testApp, { workspaceId, slug: 'locked', url: 'https://example.com/locked' });
      expect((await redirect(port, 'locked', agent)).status).toBe(302);
      await testApp.app.get(ClickRecorder).flush();

      const locker = new Client({ connectionString: databaseUrl });
      await locker.connect();
      let answers: Answer[];
      let releasedAt = Infinity;
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE click_events IN EXCLUSIVE MODE');
        answers = await paced(port, 'locked', agent, 3_000, 40);
        // A click write is waiting on the lock right now.
        const waiting = await locker.query(WAITING_ON_CLICK_EVENTS);
        expect(waiting.rows[0].count).toBeGreaterThan(0);
        expect(testApp.app.get(ClickRecorder).pending).toBeGreaterThan(0);
      } finally {
        releasedAt = Date.now();
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }

      // Every answer came while the lock still held: none waited for it.
      await expectPromptAndNothingLost(answers, 30, link.id, (answer) => answer.at >= releasedAt);
    }, 120_000);

    it('answers readiness 503 within its timeout while the database does not answer at all, and 200 once it does', async () => {
      const link = await insertLink(testApp, { workspaceId, slug: 'stalled', url: 'https://example.com/stalled' });
      expect((await redirect(port, 'stalled', agent)).status).toBe(302);

      proxy.delayMs = STALL_MS; // nothing comes back for ten seconds: a hung server or a network partition
      try {
        const started = Date.now();
        const readiness = await get(port, '/api/health/ready', agent);
        // Its own timeout answered, not the database.
        expect(Date.now() - started).toBeLessThan(STALL_MS);
        expect(readiness.status).toBe(503);
        expect(JSON.parse(readiness.body)).toMatchObject({
          statusCode: 503,
          code: 'service_unavailable',
          message: 'Not ready: database unavailable',
        });
        const answers = await paced(port, 'stalled', agent, 1_000, 50);
        expect(answers.filter((answer) => answer.status !== 302 || answer.ms >= STALL_MS)).toEqual([]);
      } finally {
        proxy.delayMs = 0;
      }
      await waitFor(
        async () => (await get(port, '/api/health/ready', agent)).status === 200,
        60_000,
        'readiness to turn 200',
      );
      await waitFor(
        async () => metricValue((await get(port, '/metrics', agent)).body, 'linktrace_click_queue_depth') === 0,
        60_000,
        'the click queue to drain',
      );
      const [events] = await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
        [link.id],
      );
      expect(events.count).toBeGreaterThan(1);
    }, 120_000);

    it('recovers without a restart when its open connections die silently (no reset, no answer)', async () => {
      const link = await insertLink(testApp, { workspaceId, slug: 'severed', url: 'https://example.com/severed' });
      expect((await redirect(port, 'severed', agent)).status).toBe(302);
      await testApp.app.get(ClickRecorder).flush();
      const writtenBefore = metricValue((await get(port, '/metrics', agent)).body, 'linktrace_clicks_written_total');

      // A click write waits on a lock, then its connection (and every idle one) dies silently.
      const locker = new Client({ connectionString: databaseUrl });
      await locker.connect();
      let before: Answer[];
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE click_events IN EXCLUSIVE MODE');
        before = await paced(port, 'severed', agent, 600, 20);
        await waitFor(
          async () => (await locker.query(WAITING_ON_CLICK_EVENTS)).rows[0].count > 0,
          5_000,
          'a click write to wait on the lock',
        );
        proxy.blackHoleOpenConnections();
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }
      // Readiness probes that land on a dead idle connection time out (503); on a new one they pass.
      const probes = await Promise.all(Array.from({ length: 3 }, () => get(port, '/api/health/ready', agent)));
      expect(probes.every((probe) => probe.status === 200 || probe.status === 503)).toBe(true);
      const during = await paced(port, 'severed', agent, 1_000, 20);
      // A redirect that used a dead connection would hang until the write timeout: every one answered before it.
      expect([...before, ...during].filter((answer) => answer.status !== 302 || answer.ms >= WRITE_TIMEOUT_MS)).toEqual(
        [],
      );
      // Nothing was written meanwhile: the write of the clicks from before the cut is stuck on a dead connection.
      expect(metricValue((await get(port, '/metrics', agent)).body, 'linktrace_clicks_written_total')).toBe(
        writtenBefore,
      );

      // New connections work: the app must get back on its feet by itself.
      await waitFor(
        async () => (await get(port, '/api/health/ready', agent)).status === 200,
        60_000,
        'readiness to turn 200',
      );
      // The stuck write is given up after WRITE_TIMEOUT_MS and retried on a new connection; the server ends the
      // silent transaction (and frees the rows it locked) after its idle-in-transaction timeout.
      await waitFor(
        async () => metricValue((await get(port, '/metrics', agent)).body, 'linktrace_click_queue_depth') === 0,
        120_000,
        'the click queue to drain',
      );
      const [events] = await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
        [link.id],
      );
      expect(events.count).toBe(1 + before.length + during.length);
    }, 150_000);
  });
});

interface Answer {
  status: number;
  /** When the answer arrived. */
  at: number;
  ms: number;
}

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function createDatabase(cluster: PostgresCluster, name: string): Promise<TestDatabase> {
  const admin = new Client({ connectionString: cluster.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  // The whole cluster is deleted after the file.
  return { env: { DATABASE_URL: url.toString() }, drop: async () => undefined };
}

async function listen(testApp: TestApp): Promise<number> {
  await testApp.app.listen(0, '127.0.0.1');
  return (testApp.app.getHttpServer().address() as AddressInfo).port;
}

function get(port: number, path: string, agent: Agent, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        headers: {
          Host: TEST_SHORT_DOMAIN,
          'User-Agent': DESKTOP,
          ...(path === '/metrics' && { Authorization: `Bearer ${TEST_METRICS_TOKEN}` }),
          ...headers,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function redirect(port: number, slug: string, agent: Agent): Promise<Answer> {
  const started = performance.now();
  const { status } = await get(port, `/${slug}`, agent);
  return { status, at: Date.now(), ms: performance.now() - started };
}

/** Redirects in a loop from `concurrency` clients until stopped. */
function startLoad(port: number, slug: string, agent: Agent, concurrency: number): { stop(): Promise<Answer[]> } {
  const answers: Answer[] = [];
  let running = true;
  const clients = Array.from({ length: concurrency }, async () => {
    while (running) answers.push(await redirect(port, slug, agent));
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(clients);
      return answers;
    },
  };
}

/** One redirect every `intervalMs` for `durationMs`, each timed on its own (not a throughput test). */
async function paced(
  port: number,
  slug: string,
  agent: Agent,
  durationMs: number,
  intervalMs: number,
): Promise<Answer[]> {
  const pending: Promise<Answer>[] = [];
  const end = Date.now() + durationMs;
  while (Date.now() < end) {
    pending.push(redirect(port, slug, agent));
    await sleep(intervalMs);
  }
  return Promise.all(pending);
}

/** Many redirects through Fastify's in-process injection (no sockets), to fill the click buffer quickly. */
async function injectRedirects(testApp: TestApp, slug: string, count: number): Promise<number> {
  let found = 0;
  for (let sent = 0; sent < count; sent += 500) {
    const batch = Math.min(500, count - sent);
    const responses = await Promise.all(
      Array.from({ length: batch }, () =>
        testApp.app.inject({
          method: 'GET',
          url: `/${slug}`,
          headers: { host: TEST_SHORT_DOMAIN, 'user-agent': DESKTOP },
        }),
      ),
    );
    found += responses.filter((response) => response.statusCode === 302).length;
  }
  return found;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
