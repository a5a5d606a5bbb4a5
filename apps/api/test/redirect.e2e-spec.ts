import * as argon2 from 'argon2';
import type Redis from 'ioredis';
import { LinkChangesService, REDIS_CLIENT } from '@app/common';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import { RedirectService } from '../src/redirect/redirect.service';
import { metricValue } from '../../../test/helpers/prometheus';
import { insertLink, insertWorkspace, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { describeWithRedis, redisAnswers, TEST_REDIS_URL } from '../../../test/helpers/redis';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
/** Addresses the bundled DB-IP database places in Great Britain and Germany. */
const BRITISH_IP = '81.2.69.142';
const GERMAN_IP = '5.9.0.1';

describe('Redirect GET|HEAD|POST /:slug', () => {
  let testApp: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true' });
    workspaceId = await insertWorkspace(testApp);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const get = (path: string) => testApp.http().get(path).set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP);

  async function storedClicks(linkId: string): Promise<{ id: string; url: string; is_bot: boolean; device: string }[]> {
    await testApp.app.get(ClickRecorder).flush();
    return testApp.dataSource.query(
      `SELECT id, url, is_bot, device FROM click_events WHERE link_id = $1 ORDER BY time, id`,
      [linkId],
    );
  }

  it('302s to the destination with the link UTM parameters merged and the request query passed through', async () => {
    const link = await insertLink(testApp, {
      workspaceId,
      slug: 'spring',
      url: 'https://shop.example.com/sale?ref=abc&utm_source=old#top',
      utm_source: 'newsletter',
      utm_campaign: 'spring sale',
    });

    const response = await get('/spring?coupon=SAVE10&ref=override').expect(302);

    expect(response.headers.location).toBe(
      'https://shop.example.com/sale?utm_source=newsletter&utm_campaign=spring%20sale&coupon=SAVE10&ref=override#top',
    );
    expect(response.headers['cache-control']).toBe('private, max-age=0');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['x-request-id']).toBeDefined();
    expect(response.text ?? '').toBe('');
    const clicks = await storedClicks(link.id);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ url: response.headers.location, is_bot: false, device: 'desktop' });
  });

  it('keeps the destination as it is when there is nothing to merge', async () => {
    await insertLink(testApp, { workspaceId, slug: 'plain', url: 'https://example.com/a%20b?x=%7E' });
    const response = await get('/plain').expect(302);
    expect(response.headers.location).toBe('https://example.com/a%20b?x=%7E');
  });

  it('answers HEAD like GET without a body, and flags its click as a bot', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'head-check', url: 'https://example.com/head' });

    const response = await testApp
      .http()
      .head('/head-check')
      .set('Host', TEST_SHORT_DOMAIN)
      .set('User-Agent', DESKTOP)
      .expect(302);

    expect(response.headers.location).toBe('https://example.com/head');
    expect(response.text ?? '').toBe('');
    const clicks = await storedClicks(link.id);
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toMatchObject({ is_bot: true, device: 'bot' });
  });

  /** An answer's headers but the date and the request id, after checking they are there. */
  function perAnswerHeadersLeftOut({ date, 'x-request-id': requestId, ...rest }: Record<string, string>) {
    expect(date).toBeDefined();
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    return rest;
  }

  it('answers a cached link before routing exactly as its route does: headers, metrics, click', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'twice', url: 'https://example.com/twice' });
    const followCached = jest.spyOn(testApp.app.get(RedirectService), 'followCached');
    const answered = async () =>
      metricValue((await testApp.http().get('/metrics').expect(200)).text, 'linktrace_http_requests_total', {
        method: 'GET',
        route: '/:slug',
        status: '302',
      }) || 0;
    const answeredBefore = await answered();

    await get('/twice').expect(302); // not cached yet: the route answers (and caches the link)
    // With a body type, the fast path stands aside for the route (its multipart check): the same link, routed.
    const routed = await get('/twice?via=1').set('Content-Type', 'text/plain').expect(302);
    const fast = await get('/twice?via=1').expect(302);

    expect(followCached.mock.results.map((result) => result.value)).toEqual([
      null,
      { location: 'https://example.com/twice?via=1', noIndex: false },
    ]);
    followCached.mockRestore();
    expect(perAnswerHeadersLeftOut(fast.headers)).toEqual(perAnswerHeadersLeftOut(routed.headers));
    expect(fast.headers['x-request-id']).not.toBe(routed.headers['x-request-id']);
    expect(fast.text ?? '').toBe('');
    expect(await answered()).toBe(answeredBefore + 3);
    const clicks = await storedClicks(link.id);
    expect(clicks.map((click) => click.url)).toEqual([
      'https://example.com/twice',
      'https://example.com/twice?via=1',
      'https://example.com/twice?via=1',
    ]);
  });

  it('answers HEAD of a cached link before routing as its route does', async () => {
    await insertLink(testApp, { workspaceId, slug: 'twice-head', url: 'https://example.com/head-twice' });
    const head = () => testApp.http().head('/twice-head').set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP);
    await get('/twice-head').expect(302);

    const routed = await head().set('Content-Type', 'text/plain').expect(302);
    const fast = await head().expect(302);

    expect(perAnswerHeadersLeftOut(fast.headers)).toEqual(perAnswerHeadersLeftOut(routed.headers));
    expect(fast.headers.location).toBe('https://example.com/head-twice');
  });

  it('sends iOS and Android visitors to their own destinations', async () => {
    await insertLink(testApp, {
      workspaceId,
      slug: 'mobile-app',
      url: 'https://example.com/app',
      ios: 'https://apps.apple.com/app/id1',
      android: 'https://play.google.com/store/apps/details?id=x',
      utm_medium: 'qr',
    });

    const ios = await get('/mobile-app').set('User-Agent', IPHONE).expect(302);
    const android = await get('/mobile-app').set('User-Agent', ANDROID).expect(302);
    const desktop = await get('/mobile-app').expect(302);

    expect(ios.headers.location).toBe('https://apps.apple.com/app/id1?utm_medium=qr');
    expect(android.headers.location).toBe('https://play.google.com/store/apps/details?id=x&utm_medium=qr');
    expect(desktop.headers.location).toBe('https://example.com/app?utm_medium=qr');
  });

  it('sends visitors to the destination of their country (GeoIP of X-Forwarded-For behind a trusted proxy)', async () => {
    await insertLink(testApp, {
      workspaceId,
      slug: 'geo',
      url: 'https://example.com/world',
      geo: { gb: 'https://example.co.uk/', FR: 'https://example.fr/' },
    });

    const british = await get('/geo').set('X-Forwarded-For', BRITISH_IP).expect(302);
    const german = await get('/geo').set('X-Forwarded-For', GERMAN_IP).expect(302);
    const local = await get('/geo').expect(302);

    expect(british.headers.location).toBe('https://example.co.uk/');
    expect(german.headers.location).toBe('https://example.com/world');
    expect(local.headers.location).toBe('https://example.com/world');
  });

  it('appends lt_id=<clickId> for links with conversion tracking, the id of the stored click', async () => {
    const link = await insertLink(testApp, {
      workspaceId,
      slug: 'convert',
      url: 'https://example.com/signup?lt_id=forged',
      trackConversion: true,
    });

    const response = await get('/convert?lt_id=forged-too').expect(302);

    const match = /^https:\/\/example\.com\/signup\?lt_id=(clk_[0-9A-Za-z]{23})$/.exec(response.headers.location);
    expect(match).not.toBeNull();
    const clicks = await storedClicks(link.id);
    expect(clicks.map((click) => click.id)).toEqual([match![1]]);
  });

  it('answers 410 with a page for an expired link, or redirects to its expiredUrl', async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    const expired = await insertLink(testApp, {
      workspaceId,
      slug: 'old-offer',
      url: 'https://example.com/offer',
      expiresAt: yesterday,
    });
    await insertLink(testApp, {
      workspaceId,
      slug: 'old-sale',
      url: 'https://example.com/sale',
      expiresAt: yesterday,
      expiredUrl: 'https://example.com/sale-over',
    });
    await insertLink(testApp, {
      workspaceId,
      slug: 'future',
      url: 'https://example.com/future',
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    const gone = await get('/old-offer').expect(410);
    expect(gone.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(gone.text).toContain('Link expired');
    const moved = await get('/old-sale').expect(302);
    expect(moved.headers.location).toBe('https://example.com/sale-over');
    await get('/future').expect(302);

    const json = await get('/old-offer').set('Accept', 'application/json').expect(410);
    expect(json.body).toEqual({
      statusCode: 410,
      error: 'Gone',
      message: 'This link has expired',
      code: 'link_expired',
      requestId: json.headers['x-request-id'],
    });
    expect(await storedClicks(expired.id)).toHaveLength(0);
  });

  it('asks for the password of a protected link and redirects once it is given', async () => {
    const link = await insertLink(testApp, {
      workspaceId,
      slug: 'secret',
      url: 'https://example.com/private',
      passwordHash: await argon2.hash('open sesame'),
    });

    const form = await get('/secret?from=mail').expect(200);
    expect(form.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(form.headers['content-security-policy']).toContain("default-src 'none'");
    expect(form.text).toContain('<form method="post">');
    expect(form.text).toContain('name="password"');
    expect(form.text).not.toMatch(/<(script|link)\b|src=/);

    const wrong = await testApp
      .http()
      .post('/secret?from=mail')
      .set('Host', TEST_SHORT_DOMAIN)
      .type('form')
      .send({ password: 'guess' })
      .expect(401);
    expect(wrong.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(wrong.text).toContain('Incorrect password');
    const missing = await testApp
      .http()
      .post('/secret')
      .set('Host', TEST_SHORT_DOMAIN)
      .type('form')
      .send('')
      .expect(401);
    expect(missing.text).toContain('<form method="post">');
    expect(await storedClicks(link.id)).toHaveLength(0);

    const right = await testApp
      .http()
      .post('/secret?from=mail')
      .set('Host', TEST_SHORT_DOMAIN)
      .set('User-Agent', DESKTOP)
      .type('form')
      .send({ password: 'open sesame' })
      .expect(302);
    expect(right.headers.location).toBe('https://example.com/private?from=mail');
    expect(await storedClicks(link.id)).toHaveLength(1);

    const json = await get('/secret').set('Accept', 'application/json').expect(401);
    expect(json.body).toMatchObject({ statusCode: 401, code: 'password_required' });
  });

  it('answers 404 with a page for unknown, archived and other-domain links, JSON for JSON clients', async () => {
    await insertLink(testApp, { workspaceId, slug: 'retired', url: 'https://example.com/retired', archived: true });
    await insertLink(testApp, {
      workspaceId,
      slug: 'elsewhere',
      url: 'https://example.com/elsewhere',
      domain: 'other.test',
    });

    for (const path of ['/nope', '/retired', '/elsewhere']) {
      const page = await get(path).expect(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('Link not found');
    }
    const otherHost = await testApp.http().get('/elsewhere').set('Host', 'other.test').expect(404);
    expect(otherHost.text).toContain('Link not found');

    const json = await get('/nope').set('Accept', 'application/json').expect(404);
    expect(json.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Link not found',
      code: 'not_found',
      requestId: json.headers['x-request-id'],
    });
  });

  it('sends `/` of the default short domain to the dashboard; `/` of an unknown host is not found', async () => {
    const root = await get('/').expect(302);
    expect(root.headers.location).toBe('http://localhost:3000/app');
    await testApp.http().get('/').set('Host', 'other.test').expect(404);
  });

  it('matches the Host case-insensitively and ignores a port the short domain does not have', async () => {
    await insertLink(testApp, { workspaceId, slug: 'host-case', url: 'https://example.com/host' });
    const response = await testApp.http().get('/host-case').set('Host', 'GO.Test:443').expect(302);
    expect(response.headers.location).toBe('https://example.com/host');
  });

  it('serves slugs up to 190 characters', async () => {
    const slug = 'a'.repeat(190);
    await insertLink(testApp, { workspaceId, slug, url: 'https://example.com/long' });
    await get(`/${slug}`).expect(302);
  });

  it('serves a changed link at once after LinkChangesService.publish (cached until then)', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'moving', url: 'https://example.com/v1' });
    expect((await get('/moving').expect(302)).headers.location).toBe('https://example.com/v1');

    await testApp.dataSource.query(`UPDATE links SET url = 'https://example.com/v2' WHERE id = $1`, [link.id]);
    expect((await get('/moving').expect(302)).headers.location).toBe('https://example.com/v1');

    testApp.app.get(LinkChangesService).publish({ domain: TEST_SHORT_DOMAIN, slug: 'moving' });
    expect((await get('/moving').expect(302)).headers.location).toBe('https://example.com/v2');

    await testApp.dataSource.query(`UPDATE links SET archived = true WHERE id = $1`, [link.id]);
    testApp.app.get(LinkChangesService).publish({ domain: TEST_SHORT_DOMAIN, slug: 'moving' });
    await get('/moving').expect(404);

    // The cache's hits and misses are visible to Prometheus.
    const metrics = (await testApp.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/^linktrace_redirect_cache_lookups_total\{result="hit"\} [1-9]/m);
    expect(metrics).toMatch(/^linktrace_redirect_cache_lookups_total\{result="miss"\} [1-9]/m);
  });

  it('serves a link created after its slug was looked up, once the creation is published', async () => {
    await get('/late').expect(404);
    await insertLink(testApp, { workspaceId, slug: 'late', url: 'https://example.com/late' });
    testApp.app.get(LinkChangesService).publish({ domain: TEST_SHORT_DOMAIN, slug: 'late' });
    expect((await get('/late').expect(302)).headers.location).toBe('https://example.com/late');
  });

  it('leaves real routes to their handlers, even when a link has their name', async () => {
    await insertLink(testApp, { workspaceId, slug: 'docs', url: 'https://example.com/not-the-docs' });
    await insertLink(testApp, { workspaceId, slug: 'api', url: 'https://example.com/not-the-api' });

    const health = await get('/api/health').expect(200);
    expect(health.body.status).toBe('ok');
    // The password form's POST /:slug caches the link `docs`: GET /docs is still the route's, not its redirect.
    await testApp.http().post('/docs').set('Host', TEST_SHORT_DOMAIN).type('form').send({ password: 'x' }).expect(302);
    const docs = await get('/docs').expect(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.text).toContain('swagger');
    const openApi = await get('/docs/openapi.json').expect(200);
    expect(openApi.body.openapi).toBeDefined();
    const login = await testApp.http().post('/api/auth/login').set('Host', TEST_SHORT_DOMAIN).send({}).expect(400);
    expect(login.body.code).toBe('validation_failed');
    const unknownApi = await get('/api/v1/nothing-here').expect(404);
    expect(unknownApi.body.code).toBe('not_found');
  });
});

describeWithRedis()('Redirect cache invalidation across instances (Redis pub/sub)', () => {
  let database: TestDatabase | undefined;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { SHORT_DOMAIN: TEST_SHORT_DOMAIN, REDIS_URL: TEST_REDIS_URL };
    // On PostgreSQL both instances share one database, as in production; each embedded PGlite is private
    // to its app, so there each instance gets the same link in its own database.
    database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
    first = await startTestApp(env, database);
    second = await startTestApp(env, database);
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  const get = (testApp: TestApp, path: string) =>
    testApp.http().get(path).set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP);

  it('drops the cached link on every instance when one instance publishes a change', async () => {
    const slug = `shared-${Date.now().toString(36)}`;
    const instances = database ? [first] : [first, second];
    const linkIds: string[] = [];
    for (const testApp of instances) {
      const workspaceId = await insertWorkspace(testApp);
      linkIds.push((await insertLink(testApp, { workspaceId, slug, url: 'https://example.com/before' })).id);
    }
    expect((await get(first, `/${slug}`).expect(302)).headers.location).toBe('https://example.com/before');
    expect((await get(second, `/${slug}`).expect(302)).headers.location).toBe('https://example.com/before');

    for (const [index, testApp] of instances.entries()) {
      await testApp.dataSource.query(`UPDATE links SET url = 'https://example.com/after' WHERE id = $1`, [
        linkIds[index],
      ]);
    }
    // Still cached on the second instance: nothing told it yet.
    expect((await get(second, `/${slug}`).expect(302)).headers.location).toBe('https://example.com/before');

    const received = new Promise<void>((resolve) => {
      const unsubscribe = second.app.get(LinkChangesService).subscribe((change) => {
        if (change.slug === slug) {
          unsubscribe();
          resolve();
        }
      });
    });
    first.app.get(LinkChangesService).publish({ domain: TEST_SHORT_DOMAIN, slug });
    await received;

    expect((await get(second, `/${slug}`).expect(302)).headers.location).toBe('https://example.com/after');
    expect((await get(first, `/${slug}`).expect(302)).headers.location).toBe('https://example.com/after');
  });

  it('does not notify the publishing instance twice (its own Redis echo is skipped)', async () => {
    const slug = `echo-${Date.now().toString(36)}`;
    const seenByFirst: string[] = [];
    const unsubscribe = first.app.get(LinkChangesService).subscribe((change) => {
      if (change.slug?.startsWith(slug)) seenByFirst.push(change.slug);
    });
    const secondDone = new Promise<void>((resolve) => {
      const stop = first.app.get(LinkChangesService).subscribe((change) => {
        if (change.slug === `${slug}-from-second`) {
          stop();
          resolve();
        }
      });
    });

    first.app.get(LinkChangesService).publish({ domain: TEST_SHORT_DOMAIN, slug: `${slug}-from-first` });
    // A round trip on the publishing connection: Redis has then handled the first message, so the second
    // one reaches the subscribers after the first one's echo would have.
    await first.app.get<Redis>(REDIS_CLIENT).ping();
    second.app.get(LinkChangesService).publish({ domain: TEST_SHORT_DOMAIN, slug: `${slug}-from-second` });
    await secondDone;
    unsubscribe();

    expect(seenByFirst).toEqual([`${slug}-from-first`, `${slug}-from-second`]);
  });
});

/** Limits hold in one process's memory, and in Redis when it is configured (shared by every instance). */
const limitStorages: [string, Record<string, string>][] = [
  ['in memory', {}],
  ...(redisAnswers() ? [['in Redis', { REDIS_URL: TEST_REDIS_URL }] as [string, Record<string, string>]] : []),
];

describe.each(limitStorages)('link password guesses are limited (%s)', (_storage, env) => {
  let testApp: TestApp;
  let workspaceId: string;
  /** A cheap argon2 hash: the limits are under test, not the hash. */
  let passwordHash: string;

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true', ...env });
    workspaceId = await insertWorkspace(testApp);
    passwordHash = await argon2.hash('open sesame', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  });
  afterAll(() => testApp?.close());

  const guess = (slug: string, ip: string, password: string) =>
    testApp
      .http()
      .post(`/${slug}`)
      .set('Host', TEST_SHORT_DOMAIN)
      .set('X-Forwarded-For', ip)
      .set('User-Agent', DESKTOP)
      .type('form')
      .send({ password });

  it('10 guesses per client IP, even sent at once; the next is 429 with Retry-After, also for the right password', async () => {
    await insertLink(testApp, { workspaceId, slug: 'guess-ip', url: 'https://example.com/ip', passwordHash });
    const ip = '198.51.100.7';
    const burst = await Promise.all(Array.from({ length: 12 }, (_, index) => guess('guess-ip', ip, `wrong ${index}`)));
    const statuses = burst.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);

    const refused = await guess('guess-ip', ip, 'open sesame').expect(429);
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refused.text).toContain('Too many password attempts');
    expect(refused.text).toContain('<form method="post">');
    // One token every 60 s (10 per 10 minutes): never more than that to wait.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const json = await guess('guess-ip', ip, 'open sesame').set('Accept', 'application/json').expect(429);
    expect(json.body).toMatchObject({ statusCode: 429, code: 'rate_limit_exceeded' });
    expect(json.headers['retry-after']).toBeDefined();

    // Another visitor is not held back by this one.
    const other = await guess('guess-ip', '198.51.100.8', 'open sesame').expect(302);
    expect(other.headers.location).toBe('https://example.com/ip');
  });

  it('50 guesses per link from any number of addresses; the 51st is 429', async () => {
    await insertLink(testApp, { workspaceId, slug: 'guess-link', url: 'https://example.com/link', passwordHash });
    const spread = await Promise.all(
      Array.from({ length: 50 }, (_, index) => guess('guess-link', `203.0.113.${index + 1}`, `wrong ${index}`)),
    );
    expect(spread.every((response) => response.status === 401)).toBe(true);
    const refused = await guess('guess-link', '203.0.113.200', 'open sesame').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // The link's limit is the link's: another protected link still opens for the same address.
    await insertLink(testApp, { workspaceId, slug: 'guess-other', url: 'https://example.com/other', passwordHash });
    await guess('guess-other', '203.0.113.200', 'open sesame').expect(302);
  });
});

/** Two instances share one database, so this needs a real PostgreSQL (PGlite is one process's). */
const describeAcrossInstances = process.env.DATABASE_URL && redisAnswers() ? describe : describe.skip;

describeAcrossInstances('link password guesses are limited across instances (Redis)', () => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true', REDIS_URL: TEST_REDIS_URL };
    first = await startTestApp(env, database);
    second = await startTestApp(env, database);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('12 guesses from one address split over two instances: 10 are checked, 2 refused', async () => {
    const workspaceId = await insertWorkspace(first);
    const passwordHash = await argon2.hash('open sesame', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    await insertLink(first, { workspaceId, slug: 'guess-shared', url: 'https://example.com/shared', passwordHash });
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        (index % 2 ? second : first)
          .http()
          .post('/guess-shared')
          .set('Host', TEST_SHORT_DOMAIN)
          .set('X-Forwarded-For', '198.51.100.30')
          .type('form')
          .send({ password: `wrong ${index}` }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([...Array(10).fill(401), 429, 429]);
  });
});
