import { Agent } from 'node:http';
import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import request from 'supertest';
import { newId } from '@app/common';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import type { ClickEvent } from '../src/clicks/click-event';
import { ClickStream, CLICK_WRITERS_GROUP, encodeEvents } from '../src/clicks/click-stream';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { insertLink, insertWorkspace, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { metricValue } from '../../../test/helpers/prometheus';
import { describeWithRedis, TEST_REDIS_URL } from '../../../test/helpers/redis';
import { httpStatus, httpText, ServerProcess, startServerProcess } from '../../../test/helpers/server-process';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { deleteRedisKeys, startTestApp, TestApp, testRedisKeyPrefix } from '../../../test/helpers/test-app';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
/** Instances share one database, so this needs a real PostgreSQL (PGlite is one process's). */
const describeStream = process.env.DATABASE_URL ? describeWithRedis() : describe.skip;

interface StreamState {
  backlog: number;
  pending: number;
  consumers: { name: string; pending: number }[];
}

async function streamState(redis: Redis, key: string): Promise<StreamState> {
  const backlog = await redis.xlen(key);
  const [pending] = (await redis.xpending(key, CLICK_WRITERS_GROUP)) as [number];
  const consumers = ((await redis.xinfo('CONSUMERS', key, CLICK_WRITERS_GROUP)) as unknown[][]).map((fields) => {
    const values = new Map<string, unknown>();
    for (let index = 0; index < fields.length; index += 2) values.set(String(fields[index]), fields[index + 1]);
    return { name: String(values.get('name')), pending: Number(values.get('pending')) };
  });
  return { backlog, pending: Number(pending), consumers };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a link's clicks look like in every place the writer touches: a click counted twice shows up in one of them. */
async function storedClicks(
  query: (sql: string, parameters: unknown[]) => Promise<Record<string, number>[]>,
  linkId: string,
) {
  const [events] = await query(
    'SELECT count(*)::int AS count, count(DISTINCT id)::int AS distinct FROM click_events WHERE link_id = $1',
    [linkId],
  );
  const [link] = await query('SELECT clicks::int AS clicks FROM links WHERE id = $1', [linkId]);
  // What analytics count: the human events (each instance's analytics store reads them from click_events).
  const [counted] = await query(
    `SELECT count(*) FILTER (WHERE NOT is_bot)::int AS clicks FROM click_events WHERE link_id = $1`,
    [linkId],
  );
  return {
    events: events.count,
    distinctEvents: events.distinct,
    linkCounter: link.clicks,
    analyticsClicks: counted.clicks,
  };
}

const counted = (clicks: number) => ({
  events: clicks,
  distinctEvents: clicks,
  linkCounter: clicks,
  analyticsClicks: clicks,
});

describeStream('click stream (REDIS_URL): two instances in one consumer group', () => {
  let database: TestDatabase;
  let prefix: string;
  let key: string;
  let redis: Redis;
  const instances: TestApp[] = [];
  let workspaceId: string;

  const click = (index: number, slug: string) =>
    request(instances[index].app.getHttpServer())
      .get(`/${slug}`)
      .set('Host', TEST_SHORT_DOMAIN)
      .set('User-Agent', DESKTOP)
      .set('X-Forwarded-For', `198.51.100.${index + 1}`);
  const query = (sql: string, parameters: unknown[]) => instances[0].dataSource.query(sql, parameters);
  /** Clicks dropped as refused by PostgreSQL, summed over both instances. */
  const droppedAsRefused = async () => {
    let total = 0;
    for (const instance of instances) {
      const text = (await instance.http().get('/metrics').expect(200)).text;
      total += metricValue(text, 'linktrace_clicks_dropped_total', { reason: 'refused_by_database' }) || 0;
    }
    return total;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    prefix = testRedisKeyPrefix(database);
    key = `${prefix}clicks`;
    for (let index = 0; index < 2; index++) {
      instances.push(
        await startTestApp(
          {
            REDIS_URL: TEST_REDIS_URL,
            SHORT_DOMAIN: TEST_SHORT_DOMAIN,
            TRUST_PROXY: 'true',
            CLICK_STREAM_CLAIM_IDLE_MS: '500',
          },
          database,
        ),
      );
    }
    workspaceId = await insertWorkspace(instances[0]);
    redis = new Redis(TEST_REDIS_URL);
  });

  afterAll(async () => {
    for (const instance of instances) await instance.close();
    redis?.disconnect();
    await database?.drop();
    if (prefix) await deleteRedisKeys(TEST_REDIS_URL, prefix);
  });

  it('N clicks across both instances go through the stream and are stored exactly once each; both instances are consumers of the group', async () => {
    const link = await insertLink(instances[0], { workspaceId, slug: 'streamed', url: 'https://example.com/streamed' });
    const clicks = 300;
    for (let wave = 0; wave < 6; wave++) {
      const responses = await Promise.all(
        Array.from({ length: clicks / 6 }, (_, index) => click(index % 2, 'streamed')),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(clicks / 6).fill(302));
    }
    for (const instance of instances) await instance.app.get(ClickRecorder).flush();

    const metrics = await Promise.all(
      instances.map(async (instance) => (await instance.http().get('/metrics').expect(200)).text),
    );
    expect(metrics.map((text) => metricValue(text, 'linktrace_clicks_streamed_total'))).toEqual([
      clicks / 2,
      clicks / 2,
    ]);
    expect(await storedClicks(query, link.id)).toEqual(counted(clicks));
    const state = await streamState(redis, key);
    expect({ backlog: state.backlog, pending: state.pending, consumers: state.consumers.length }).toEqual({
      backlog: 0,
      pending: 0,
      consumers: 2,
    });
  });

  it('an entry delivered twice — added again, or claimed from a consumer that never acknowledged it — stores nothing twice', async () => {
    const link = await insertLink(instances[0], { workspaceId, slug: 'twice', url: 'https://example.com/twice' });
    for (let index = 0; index < 20; index++) await click(index % 2, 'twice').expect(302);
    for (const instance of instances) await instance.app.get(ClickRecorder).flush();
    expect(await storedClicks(query, link.id)).toEqual(counted(20));

    // The same batch again, as an entry: a retried XADD, or a producer that could not tell whether Redis took it.
    const rows: Record<string, unknown>[] = await query(
      `SELECT * FROM click_events WHERE link_id = $1 ORDER BY time, id`,
      [link.id],
    );
    const events = rows.map(toClickEvent);
    await redis.xadd(key, '*', 'v', '1', 'events', encodeEvents(events));
    // And once more, delivered to a consumer that then dies without acknowledging: in one transaction, so
    // it reaches the ghost before the instances' blocked reads can take it.
    await redis
      .multi()
      .xadd(key, '*', 'v', '1', 'events', encodeEvents(events))
      .xreadgroup('GROUP', CLICK_WRITERS_GROUP, 'ghost', 'COUNT', 1, 'STREAMS', key, '>')
      .exec();
    const ghost = (await streamState(redis, key)).consumers.find((consumer) => consumer.name === 'ghost');
    expect(ghost?.pending).toBe(1);

    // After CLICK_STREAM_CLAIM_IDLE_MS (500 ms here) an instance claims it, writes nothing new, and acknowledges it.
    const drained = await waitFor(
      'the stream to drain',
      () => streamState(redis, key),
      (state) => state.backlog === 0 && state.pending === 0,
    );
    expect(drained.consumers.find((consumer) => consumer.name === 'ghost')?.pending).toBe(0);
    expect(await storedClicks(query, link.id)).toEqual(counted(20));
  });

  it('an entry PostgreSQL refuses for its data is dropped and counted, alone: the entries around it are written, the stream moves on', async () => {
    const link = await insertLink(instances[0], { workspaceId, slug: 'refused', url: 'https://example.com/refused' });
    await click(0, 'refused').expect(302);
    await click(1, 'refused').expect(302);
    for (const instance of instances) await instance.app.get(ClickRecorder).flush();
    const rows: Record<string, unknown>[] = await query(
      `SELECT * FROM click_events WHERE link_id = $1 ORDER BY time, id`,
      [link.id],
    );
    const [good, template] = rows.map(toClickEvent);
    await query('DELETE FROM click_events WHERE id = $1', [good.id]);
    // A country of three letters does not fit the column: PostgreSQL refuses it (SQLSTATE 22001) every time.
    const bad = { ...template, id: 'clk_refused000000001', country: 'GBR' };
    await redis
      .multi()
      .xadd(key, '*', 'v', '1', 'events', encodeEvents([bad]))
      .xadd(key, '*', 'v', '1', 'events', encodeEvents([good]))
      .exec();

    await waitFor(
      'the stream to drain',
      () => streamState(redis, key),
      (state) => state.backlog === 0 && state.pending === 0,
    );
    const stored: { id: string }[] = await query('SELECT id FROM click_events WHERE link_id = $1 ORDER BY id', [
      link.id,
    ]);
    expect(stored.map((row) => row.id).sort()).toEqual([good.id, template.id].sort());
    const metrics = await Promise.all(
      instances.map(async (instance) => (await instance.http().get('/metrics').expect(200)).text),
    );
    const refused = metrics.map((text) =>
      Number(/^linktrace_clicks_dropped_total\{reason="refused_by_database"\} (\d+)/m.exec(text)?.[1] ?? 0),
    );
    expect(refused[0] + refused[1]).toBe(1);
  });

  it("a NUL byte in the query string is cleaned: the click and the other workspaces' clicks of its entry are all stored", async () => {
    const neighbourWorkspaceId = await insertWorkspace(instances[0]);
    const poisoned = await insertLink(instances[0], { workspaceId, slug: 'nul-query', url: 'https://example.com/nul' });
    const neighbour = await insertLink(instances[0], {
      workspaceId: neighbourWorkspaceId,
      slug: 'nul-neighbour',
      url: 'https://example.com/neighbour',
    });
    const responses = await Promise.all([
      click(0, 'nul-neighbour'),
      click(0, 'nul-query?utm_source=%00&utm_medium=news%00letter'),
      click(0, 'nul-neighbour'),
    ]);
    expect(responses.map((response) => response.status)).toEqual([302, 302, 302]);
    await instances[0].app.get(ClickRecorder).flush();

    const [event] = await query('SELECT utm_source, utm_medium FROM click_events WHERE link_id = $1', [poisoned.id]);
    expect(event).toEqual({ utm_source: null, utm_medium: 'newsletter' });
    expect(await storedClicks(query, neighbour.id)).toEqual(counted(2));
  });

  it('an entry PostgreSQL refuses is split: its refused click is dropped and counted, every other click of it stored', async () => {
    const neighbourWorkspaceId = await insertWorkspace(instances[0]);
    const link = await insertLink(instances[0], { workspaceId, slug: 'split', url: 'https://example.com/split' });
    const neighbour = await insertLink(instances[0], {
      workspaceId: neighbourWorkspaceId,
      slug: 'split-neighbour',
      url: 'https://example.com/split-neighbour',
    });
    await click(0, 'split').expect(302);
    await click(0, 'split-neighbour').expect(302);
    await instances[0].app.get(ClickRecorder).flush();
    const rows: Record<string, unknown>[] = await query(
      'SELECT * FROM click_events WHERE link_id = ANY($1::varchar[]) ORDER BY link_id',
      [[link.id, neighbour.id]],
    );
    const [first, second] = rows.map(toClickEvent);
    await query('DELETE FROM click_events WHERE id = ANY($1::varchar[])', [[first.id, second.id]]);
    const refusedBefore = await droppedAsRefused();
    const copies = (event: ClickEvent, count: number) =>
      Array.from({ length: count }, () => ({ ...event, id: newId('click') }));
    // One entry: clicks of both workspaces around one PostgreSQL refuses (a NUL: SQLSTATE 22021).
    const poison = { ...first, id: 'clk_poison0000000001', utmSource: 'news\0letter' };
    const entry = [first, ...copies(second, 3), poison, second];
    await redis.xadd(key, '*', 'v', '1', 'events', encodeEvents(entry));

    await waitFor(
      'the stream to drain',
      () => streamState(redis, key),
      (state) => state.backlog === 0 && state.pending === 0,
    );
    const stored: { id: string }[] = await query('SELECT id FROM click_events WHERE link_id = ANY($1::varchar[])', [
      [link.id, neighbour.id],
    ]);
    expect(stored.map((row) => row.id).sort()).toEqual(
      entry
        .filter((event) => event !== poison)
        .map((event) => event.id)
        .sort(),
    );
    expect((await droppedAsRefused()) - refusedBefore).toBe(1);
  });

  it('an entry of a newer format (a rolling upgrade) is left in the stream for a newer instance, not dropped', async () => {
    const entryId = (await redis.xadd(key, '*', 'v', '2', 'clicks', '[]'))!;
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // three claim periods: claimed back and forth, never dropped
    expect(await redis.xrange(key, entryId, entryId)).toHaveLength(1);
    const state = await streamState(redis, key);
    expect({ backlog: state.backlog, pending: state.pending }).toEqual({ backlog: 1, pending: 1 });
    const metrics = await Promise.all(
      instances.map(async (instance) => (await instance.http().get('/metrics').expect(200)).text),
    );
    expect(metrics.join('\n')).not.toMatch(/reason="stream_unreadable"/);
    await redis.multi().xack(key, CLICK_WRITERS_GROUP, entryId).xdel(key, entryId).exec();
  });

  it('consumers of instances gone for good, holding nothing, leave the group; a consumer holding entries never does', async () => {
    await redis.xgroup('CREATECONSUMER', key, CLICK_WRITERS_GROUP, 'gone');
    const entryId = (await redis.xadd(key, '*', 'v', '2', 'clicks', '[]'))!; // a newer format: nobody acknowledges it
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const stream = instances[0].app.get(ClickStream);
    expect(await stream.forgetIdleConsumers(1_000)).toBeGreaterThanOrEqual(1);
    const names = (await streamState(redis, key)).consumers.map((consumer) => consumer.name);
    expect(names).not.toContain('gone');
    expect(names).toContain(stream.consumerName);
    const holder = (await streamState(redis, key)).consumers.find((consumer) => consumer.pending > 0);
    expect(holder).toBeDefined();
    await redis.multi().xack(key, CLICK_WRITERS_GROUP, entryId).xdel(key, entryId).exec();
  });

  it('a lead sent right after its click finds it, on the instance that took the click and on the other one', async () => {
    const owner = await signUp(instances[0]);
    await setPlan(instances[0], owner.workspaceId, 'creator');
    const { key: secretKey } = await createKey(owner, { scopes: ['conversions'] });
    const tracked = await insertLink(instances[0], {
      workspaceId: owner.workspaceId,
      slug: 'tracked',
      url: 'https://shop.example.com/',
      trackConversion: true,
    });

    for (const [clickInstance, leadInstance] of [
      [0, 0],
      [0, 1],
    ]) {
      const response = await click(clickInstance, 'tracked').expect(302);
      const clickId = new URL(response.headers.location).searchParams.get('lt_id')!;
      expect(instances[clickInstance].app.get(ClickRecorder).holds(clickId)).toBe(true);
      const lead = await request(instances[leadInstance].app.getHttpServer())
        .post('/api/v1/track/leads')
        .set(bearer(secretKey))
        .send({ clickId, eventName: 'Sign up', customerExternalId: `customer-${clickInstance}-${leadInstance}` });
      expect({ status: lead.status, linkId: lead.body.linkId, clickId: lead.body.clickId }).toEqual({
        status: 201,
        linkId: tracked.id,
        clickId,
      });
      // The instance that took the click waited for the stream's consumers before looking it up.
      if (clickInstance === leadInstance)
        expect(instances[clickInstance].app.get(ClickRecorder).holds(clickId)).toBe(false);
    }
  });
});

describeStream('click stream while Redis does not answer', () => {
  it('writes the clicks straight to PostgreSQL, and consumes the stream again once Redis is back', async () => {
    const proxy = new TcpProxy(new URL(TEST_REDIS_URL));
    await proxy.start();
    const testApp = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
      SHORT_DOMAIN: TEST_SHORT_DOMAIN,
    });
    try {
      const workspaceId = await insertWorkspace(testApp);
      const link = await insertLink(testApp, { workspaceId, slug: 'outage', url: 'https://example.com/outage' });
      const clickOnce = () =>
        testApp.http().get('/outage').set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP).expect(302);
      const query = (sql: string, parameters: unknown[]) => testApp.dataSource.query(sql, parameters);

      for (let index = 0; index < 10; index++) await clickOnce();
      await testApp.app.get(ClickRecorder).flush();
      expect(await storedClicks(query, link.id)).toEqual(counted(10));

      proxy.stop();
      for (let index = 0; index < 10; index++) await clickOnce();
      await testApp.app.get(ClickRecorder).flush();
      expect(await storedClicks(query, link.id)).toEqual(counted(20));
      const during = (await testApp.http().get('/metrics').expect(200)).text;
      expect(metricValue(during, 'linktrace_clicks_streamed_total')).toBe(10);

      await proxy.start();
      await waitFor(
        'clicks to go through the stream again',
        async () => {
          await clickOnce();
          await testApp.app.get(ClickRecorder).flush();
          return metricValue(
            (await testApp.http().get('/metrics').expect(200)).text,
            'linktrace_clicks_streamed_total',
          );
        },
        (streamed) => streamed > 10,
      );
      const [{ count }] = await query('SELECT count(*)::int AS count FROM click_events WHERE link_id = $1', [link.id]);
      expect(await storedClicks(query, link.id)).toEqual(counted(count));
      expect(count).toBeGreaterThan(20);
    } finally {
      await testApp.close();
      proxy.stop();
    }
  });
});

describeStream('click stream: SIGKILL of an instance under load', () => {
  it('loses no acknowledged click: the entries the dead instance held are claimed and written by the other, each once', async () => {
    const database = await createTestDatabase();
    const prefix = testRedisKeyPrefix(database);
    const key = `${prefix}clicks`;
    const redis = new Redis(TEST_REDIS_URL);
    const locker = new Client({ connectionString: database.env.DATABASE_URL });
    const servers: ServerProcess[] = [];
    try {
      const setup = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
      const workspaceId = await insertWorkspace(setup);
      const link = await insertLink(setup, { workspaceId, slug: 'sigkill', url: 'https://example.com/sigkill' });
      await setup.close();

      const env = {
        ...database.env,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        SHORT_DOMAIN: TEST_SHORT_DOMAIN,
        CLICK_STREAM_CLAIM_IDLE_MS: '1000',
      };
      servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
      const [a, b] = servers;
      const consumerOf = (server: ServerProcess, state: StreamState) =>
        state.consumers.find((consumer) => consumer.name.includes(`:${server.pid}:`));

      // Writes of this link block on its row: every consumer that reads a batch holds it, unacknowledged.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM links WHERE id = $1 FOR UPDATE', [link.id]);

      // Waves, so that there are several entries: one per consumer, held, and more left in the stream.
      const agent = new Agent({ keepAlive: true, maxSockets: 20 });
      const clicks = 300;
      for (let wave = 1; wave <= 3; wave++) {
        const statuses = await Promise.all(
          Array.from({ length: clicks / 3 }, () =>
            httpStatus(a.port, '/sigkill', { Host: TEST_SHORT_DOMAIN, 'User-Agent': DESKTOP }, agent),
          ),
        );
        expect(statuses.every((status) => status === 302)).toBe(true);
        // Acknowledged: A has handed every click so far to Redis.
        await waitFor(
          'A to stream the clicks',
          async () => metricValue(await httpText(a.port, '/metrics'), 'linktrace_clicks_streamed_total'),
          (streamed) => streamed === (wave * clicks) / 3,
        );
      }
      agent.destroy();
      const held = await waitFor(
        'both consumers to hold a batch',
        () => streamState(redis, key),
        (state) => (consumerOf(a, state)?.pending ?? 0) > 0 && (consumerOf(b, state)?.pending ?? 0) > 0,
      );
      expect(held.backlog).toBeGreaterThanOrEqual(3);
      const [{ count: storedBeforeKill }] = (
        await locker.query('SELECT count(*)::int AS count FROM click_events WHERE link_id = $1', [link.id])
      ).rows;
      expect(storedBeforeKill).toBe(0);

      a.process.kill('SIGKILL');
      expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
      await locker.query('ROLLBACK');

      // B writes its own batch, the ones nobody read, and — once idle for 1 s — the batch A held.
      const drained = await waitFor(
        'the stream to drain',
        () => streamState(redis, key),
        (state) => state.backlog === 0 && state.pending === 0,
        30_000,
      );
      expect(consumerOf(a, drained)?.pending).toBe(0);
      const query = async (sql: string, parameters: unknown[]) => (await locker.query(sql, parameters)).rows;
      expect(await storedClicks(query, link.id)).toEqual(counted(clicks));
      expect(b.output()).toMatch(/Claimed \d+ click batch\(es\) another instance left unacknowledged/);

      b.process.kill('SIGTERM');
      expect(await b.exited).toEqual({ code: null, signal: 'SIGTERM' });
    } finally {
      for (const server of servers)
        if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
      await locker.end().catch(() => undefined);
      redis.disconnect();
      await database.drop();
      await deleteRedisKeys(TEST_REDIS_URL, prefix);
    }
  }, 180_000);
});

function toClickEvent(row: Record<string, unknown>): ClickEvent {
  return {
    id: row.id as string,
    time: row.time as Date,
    workspaceId: row.workspace_id as string,
    linkId: row.link_id as string,
    domain: row.domain as string,
    url: row.url as string,
    visitorHash: row.visitor_hash as string,
    country: row.country as string | null,
    region: row.region as string | null,
    city: row.city as string | null,
    device: row.device as ClickEvent['device'],
    browser: row.browser as string | null,
    os: row.os as string | null,
    userAgent: row.user_agent as string | null,
    referrer: row.referrer as string | null,
    referrerDomain: row.referrer_domain as string | null,
    utmSource: row.utm_source as string | null,
    utmMedium: row.utm_medium as string | null,
    utmCampaign: row.utm_campaign as string | null,
    utmTerm: row.utm_term as string | null,
    utmContent: row.utm_content as string | null,
    isBot: row.is_bot as boolean,
  };
}

/** A TCP proxy in front of Redis that the test can cut (every connection dropped, new ones refused) and restore. */
class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: URL) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 6379), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  stop(): void {
    this.server?.close();
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}
