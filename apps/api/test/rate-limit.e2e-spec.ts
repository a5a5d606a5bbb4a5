import type { Response } from 'supertest';
import { ProbeModule } from '../../../test/helpers/probe.module';
import { describeWithRedis, TEST_REDIS_URL } from '../../../test/helpers/redis';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, signUp } from '../../../test/helpers/fixtures';

/**
 * The in-memory buckets read the clock (Date.now()): frozen in these tests, so however long a burst takes on this
 * machine it refills nothing, and `advance` refills exactly what the rate gives. Timers keep running.
 */
function freezeClock(): { advance(ms: number): void } {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  return { advance: (ms) => jest.setSystemTime(Date.now() + ms) };
}

/** Redis' buckets read Redis' clock: a token refills every 600 ms at 100/min, so a burst may gain elapsed/600. */
const refillAllowance = (startedAt: number) => Math.ceil((Date.now() - startedAt) / 600) + 1;

async function burst(send: () => Promise<Response>, count: number): Promise<Response[]> {
  return Promise.all(Array.from({ length: count }, () => send()));
}

describe('rate limits (in-memory storage)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, undefined, { imports: [ProbeModule] });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.useRealTimers());

  it('a burst of 200 passes, the next is 429 with Retry-After; headers on every response', async () => {
    const user = await signUp(t);
    const { key } = await createKey(user, { scopes: ['links'] });
    const clock = freezeClock();
    const first = await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    expect(first.headers['x-ratelimit-limit']).toBe('200');
    expect(first.headers['x-ratelimit-remaining']).toBe('199');
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(1);

    const responses = await burst(() => t.http().get('/test/probe/links').set(bearer(key)), 199);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const refused = await t.http().get('/test/probe/links').set(bearer(key)).expect(429);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded: 100 requests per minute, bursts of 200',
    });
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    expect(refused.headers['x-ratelimit-limit']).toBe('200');
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^linktrace_rate_limit_rejections_total [1-9]/m);
    expect(metrics).toMatch(
      /^linktrace_http_requests_total\{method="GET",route="\/test\/probe\/links",status="429"\} [1-9]/m,
    );

    // 100 a minute: one token 600 ms later, not before.
    clock.advance(599);
    await t.http().get('/test/probe/links').set(bearer(key)).expect(429);
    clock.advance(1);
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    await t.http().get('/test/probe/links').set(bearer(key)).expect(429);
  });

  it("a key's rateLimit overrides the sustained rate (bursts of twice it)", async () => {
    const user = await signUp(t);
    const { key } = await createKey(user, { scopes: ['links'], rateLimit: 5 });
    const clock = freezeClock();
    const responses = await burst(() => t.http().get('/test/probe/links').set(bearer(key)), 12);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    expect(responses.find((response) => response.status === 429)!.headers['retry-after']).toBe('12');
    clock.advance(12_000);
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
  });

  it('refusals are charged and carry the headers: scope, publishable key, role, plan, not found', async () => {
    const user = await signUp(t);
    const { key: analytics } = await createKey(user, { scopes: ['analytics'], rateLimit: 5 });
    const scopeRefusals = await burst(() => t.http().get('/test/probe/links').set(bearer(analytics)), 10);
    for (const response of scopeRefusals) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('insufficient_scope');
      expect(response.headers['x-ratelimit-limit']).toBe('10');
    }
    // A refill may add a token while the burst runs (one every 12 s): the refusal comes at the latest after it.
    let refused = await t.http().get('/test/probe/links').set(bearer(analytics));
    if (refused.status === 403) refused = await t.http().get('/test/probe/links').set(bearer(analytics));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');

    const { key: publishable } = await createKey(user, { type: 'publishable' });
    const wrongKind = await t.http().get('/test/probe/links').set(bearer(publishable)).expect(403);
    expect(wrongKind.body.code).toBe('publishable_key_not_allowed');
    expect(wrongKind.headers['x-ratelimit-limit']).toBe('60');

    const { key: links } = await createKey(user, { scopes: ['links'] });
    const { key: reader } = await createKey(user, { scopes: ['analytics'] });
    const plan = await t.http().get('/test/probe/advanced').set(bearer(reader)).expect(403);
    expect(plan.body.code).toBe('plan_upgrade_required');
    expect(plan.headers['x-ratelimit-limit']).toBe('200');
    const missing = await t.http().get('/api/v1/links/link_doesnotexist').set(bearer(links)).expect(404);
    expect(missing.headers['x-ratelimit-limit']).toBe('200');

    const noCsrf = await user.agent.post('/test/probe/links').expect(403);
    expect(noCsrf.body.code).toBe('csrf_invalid');
    expect(noCsrf.headers['x-ratelimit-limit']).toBe('200');
    const noWorkspace = await user.agent.get('/api/workspaces').expect(200);
    expect(noWorkspace.headers['x-ratelimit-limit']).toBe('200');
  });

  it('sessions are limited per user; public routes carry no rate-limit headers', async () => {
    const user = await signUp(t);
    const response = await user.agent.get('/test/probe/links').expect(200);
    expect(response.headers['x-ratelimit-limit']).toBe('200');
    const health = await t.http().get('/api/health').expect(200);
    expect(health.headers['x-ratelimit-limit']).toBeUndefined();
  });
});

/** Two instances share one database, so this needs a real PostgreSQL (PGlite is one process's). */
const describeWithSharedDatabase = process.env.DATABASE_URL ? describeWithRedis() : describe.skip;

describeWithSharedDatabase('rate limits shared by two instances through Redis', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp({ REDIS_URL: TEST_REDIS_URL }, database, { imports: [ProbeModule] });
    second = await startTestApp({ REDIS_URL: TEST_REDIS_URL }, database, { imports: [ProbeModule] });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('200 requests split across instances exhaust one budget', async () => {
    const user = await signUp(first);
    const { key } = await createKey(user, { scopes: ['links'] });
    const startedAt = Date.now();
    const responses = await Promise.all([
      burst(() => first.http().get('/test/probe/links').set(bearer(key)), 100),
      burst(() => second.http().get('/test/probe/links').set(bearer(key)), 100),
    ]);
    expect(responses.flat().every((response) => response.status === 200)).toBe(true);
    let extra = 0;
    for (;;) {
      const app = extra % 2 === 0 ? second : first;
      const response = await app.http().get('/test/probe/links').set(bearer(key));
      if (response.status === 429) break;
      extra += 1;
    }
    expect(extra).toBeLessThanOrEqual(refillAllowance(startedAt));
  });
});
