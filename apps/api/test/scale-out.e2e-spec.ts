import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { LoadBalancer } from '../../../test/helpers/load-balancer';
import { describeWithRedis, TEST_REDIS_URL } from '../../../test/helpers/redis';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, cookieValue, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { ClickRecorder } from '../src/clicks/click-recorder.service';

const SHORT_DOMAIN = 'go.scale.test';
/** Two instances share one database, so this needs a real PostgreSQL (PGlite is one process's). */
const describeScaleOut = process.env.DATABASE_URL ? describeWithRedis() : describe.skip;

/**
 * Two API instances on one PostgreSQL and one Redis, behind a round-robin load balancer, used as one
 * service: nothing one instance knows may be missing on the other.
 */
describeScaleOut('two instances behind a load balancer (PostgreSQL + Redis)', () => {
  let database: TestDatabase;
  const instances: TestApp[] = [];
  const directories: string[] = [];
  let balancer: LoadBalancer;
  const direct = (index: number) => request(instances[index].app.getHttpServer());

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let index = 0; index < 2; index++) {
      // Analytics answers trail the clicks by a poll of the projection, as in production.
      const instance = await startTestApp(
        { REDIS_URL: TEST_REDIS_URL, SHORT_DOMAIN, TRUST_PROXY: 'true', ANALYTICS_READ_AFTER_WRITE: 'false' },
        database,
      );
      await instance.app.listen(0, '127.0.0.1');
      instances.push(instance);
    }
    // As a deploy would: each instance's analytics store has finished the rebuild it starts with (503 until then).
    for (const instance of instances)
      await waitFor(
        async () => (await instance.http().get('/api/health/ready')).body.checks?.analytics === 'ok',
        30_000,
      );
    balancer = new LoadBalancer(
      instances.map((instance) => ({ port: (instance.app.getHttpServer().address() as AddressInfo).port })),
    );
    await balancer.start();
  });
  afterAll(async () => {
    await balancer?.stop();
    for (const instance of instances) await instance.close();
    await database?.drop();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });

  it('a session created on one instance works on the other; a key revoked through one is refused by the other', async () => {
    const owner = await signUp(instances[0]);
    const login = await instances[0]
      .http()
      .post('/api/auth/login')
      .send({ email: owner.email, password: owner.password })
      .expect(200);
    const cookie = `lt_session=${cookieValue(login, 'lt_session')}`;
    expect((await direct(1).get('/api/auth/me').set('Cookie', cookie).expect(200)).body.id).toBe(owner.userId);

    const { key, id } = await createKey(owner, { scopes: ['links'] });
    await direct(1).get('/api/v1/links').set(bearer(key)).expect(200);
    await owner.agent.delete(`/api/settings/api-keys/${id}`).set('X-CSRF-Token', owner.csrf).expect(204);
    expect((await direct(1).get('/api/v1/links').set(bearer(key)).expect(401)).body.code).toBe('api_key_revoked');
  });

  it('a link changed or deleted through one instance redirects correctly on the other at the next request', async () => {
    const owner = await signUp(instances[0]);
    const { key } = await createKey(owner, { scopes: ['links'] });
    const link = (
      await direct(0)
        .post('/api/v1/links')
        .set(bearer(key))
        .send({ url: 'https://example.com/v1', slug: 'scaled' })
        .expect(201)
    ).body;
    // Both instances cache the link.
    for (const index of [0, 1])
      expect((await direct(index).get('/scaled').set('Host', SHORT_DOMAIN).expect(302)).headers.location).toBe(
        'https://example.com/v1',
      );

    await direct(0)
      .patch(`/api/v1/links/${link.id}`)
      .set(bearer(key))
      .send({ url: 'https://example.com/v2' })
      .expect(200);
    await waitFor(
      async () =>
        (await direct(1).get('/scaled').set('Host', SHORT_DOMAIN)).headers.location === 'https://example.com/v2',
    );
    await direct(0).delete(`/api/v1/links/${link.id}`).set(bearer(key)).expect(204);
    await waitFor(async () => (await direct(1).get('/scaled').set('Host', SHORT_DOMAIN)).status === 404);
  });

  it('clicks through the balancer land once each, whichever instance answered', async () => {
    const owner = await signUp(instances[0]);
    const { key } = await createKey(owner, { scopes: ['links'] });
    const link = (
      await direct(0)
        .post('/api/v1/links')
        .set(bearer(key))
        .send({ url: 'https://example.com/', slug: 'balanced' })
        .expect(201)
    ).body;
    const before = [...balancer.hits];
    for (let index = 0; index < 40; index++) {
      await request(balancer.url)
        .get('/balanced')
        .set('Host', SHORT_DOMAIN)
        .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0')
        .expect(302);
    }
    expect(balancer.hits.map((hits, index) => hits - before[index])).toEqual([20, 20]);
    for (const instance of instances) await instance.app.get(ClickRecorder).flush();
    // With REDIS_URL they went through the click stream, whichever instance's consumer wrote them.
    const streamed = await Promise.all(
      instances.map(async (instance) =>
        Number(/^linktrace_clicks_streamed_total (\d+)/m.exec((await instance.http().get('/metrics')).text)?.[1]),
      ),
    );
    expect(streamed[0] + streamed[1]).toBeGreaterThanOrEqual(40);
    const [{ events, distinct }] = await instances[0].dataSource.query(
      'SELECT count(*)::int AS events, count(DISTINCT id)::int AS distinct FROM click_events WHERE link_id = $1',
      [link.id],
    );
    expect({ events, distinct }).toEqual({ events: 40, distinct: 40 });
    expect((await direct(1).get(`/api/v1/links/${link.id}`).set(bearer(key)).expect(200)).body.clicks).toBe(40);
  });

  it('a click through instance A is counted in analytics read from instance B within 5 s; an instance started with an empty analytics directory catches up', async () => {
    const owner = await signUp(instances[0]);
    await setPlan(instances[0], owner.workspaceId, 'starter');
    const { key } = await createKey(owner, { scopes: ['links', 'analytics'] });
    await direct(0)
      .post('/api/v1/links')
      .set(bearer(key))
      .send({ url: 'https://example.com/', slug: 'counted' })
      .expect(201);
    const clicksSeenBy = async (app: TestApp) => {
      const response = await request(app.app.getHttpServer())
        .get('/api/v1/analytics/overview')
        .query({ range: '24h' })
        .set(bearer(key));
      return response.status === 200 ? (response.body.clicks as number) : -1;
    };
    expect(await clicksSeenBy(instances[1])).toBe(0);
    await direct(0)
      .get('/counted')
      .set('Host', SHORT_DOMAIN)
      .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0')
      .expect(302);
    const clickedAt = Date.now();
    // The click goes through instance A's buffer and the Redis stream, then B's projection polls PostgreSQL.
    await instances[0].app.get(ClickRecorder).flush();
    await waitFor(async () => (await clicksSeenBy(instances[1])) === 1, 5_000);
    expect(Date.now() - clickedAt).toBeLessThan(5_000);

    const emptyDir = mkdtempSync(join(tmpdir(), 'linktrace-analytics-'));
    const late = await startTestApp(
      { SHORT_DOMAIN, ANALYTICS_DIR: emptyDir, ANALYTICS_READ_AFTER_WRITE: 'false' },
      database,
    );
    // Closed with the others in afterAll: apps of one process on one database share its connection pool.
    instances.push(late);
    try {
      await waitFor(async () => (await clicksSeenBy(late)) === 1, 30_000);
      expect(existsSync(join(emptyDir, 'analytics.duckdb'))).toBe(true);
    } finally {
      directories.push(emptyDir);
    }
  });

  it('the per-key rate limit holds across instances: one budget of 200 through the balancer', async () => {
    const owner = await signUp(instances[0]);
    const { key } = await createKey(owner, { scopes: ['links'] });
    const startedAt = Date.now();
    const statuses = (
      await Promise.all(Array.from({ length: 200 }, () => request(balancer.url).get('/api/v1/links').set(bearer(key))))
    ).map((response) => response.status);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    let extra = 0;
    while ((await request(balancer.url).get('/api/v1/links').set(bearer(key))).status !== 429) extra += 1;
    expect(extra).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / 600) + 1);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
