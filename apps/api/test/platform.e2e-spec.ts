import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { freePort } from '../../../test/helpers/free-port';
import { metricValue, TEST_METRICS_TOKEN } from '../../../test/helpers/prometheus';
import { registeredRoutes } from '../../../test/helpers/routes';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { AnalyticsProjection } from '../src/analytics/store/analytics-projection';
import { bearer, createKey, signUp } from '../../../test/helpers/fixtures';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

describe('platform: errors, health, admin, OpenAPI, route access rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN });
  });
  afterAll(() => t?.close());

  describe('error body (docs/API.md, Errors)', () => {
    it('unknown routes are 404 in the same shape', async () => {
      const response = await t.http().get('/api/v1/nothing-here?x=1').expect(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Route GET /api/v1/nothing-here not found',
        code: 'not_found',
        requestId: response.headers['x-request-id'],
      });
    });

    it('malformed JSON is a 400 in the same shape', async () => {
      const response = await t
        .http()
        .post('/api/auth/signup')
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'validation_failed' });
      expect(response.body.message).toMatch(/JSON/);
    });

    it('an unsupported content type is 415, an oversized body 413, both in the same shape', async () => {
      const unsupported = await t
        .http()
        .post('/api/auth/signup')
        .set('Content-Type', 'text/xml')
        .send('<a/>')
        .expect(415);
      expect(unsupported.body).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
      const huge = await t
        .http()
        .post('/api/auth/signup')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'a'.repeat(1_100_000) }))
        .expect(413);
      expect(huge.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    });

    it('an empty body with the JSON content type is no body: a DELETE passes, a POST names the missing fields', async () => {
      const user = await signUp(t);
      const folder = await user.agent
        .post('/api/v1/link_folders')
        .set('X-CSRF-Token', user.csrf)
        .send({ name: 'to delete' })
        .expect(201);
      await user.agent
        .delete(`/api/v1/link_folders/${folder.body.id}`)
        .set('X-CSRF-Token', user.csrf)
        .set('Content-Type', 'application/json')
        .expect(204);
      const empty = await t.http().post('/api/auth/signup').set('Content-Type', 'application/json').expect(400);
      expect(empty.body).toMatchObject({ code: 'validation_failed' });
      expect(empty.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
    });

    it.each([
      ['a form post (curl -d)', 'application/x-www-form-urlencoded'],
      ['plain text', 'text/plain'],
    ])('a JSON body sent as %s is 415 saying to send JSON', async (_case, contentType) => {
      const response = await t
        .http()
        .post('/api/auth/signup')
        .set('Content-Type', contentType)
        .send('{"email":"a@b.co","password":"long enough pw"}')
        .expect(415);
      expect(response.body).toEqual({
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'Unsupported content type; send the body as JSON with Content-Type: application/json',
        code: 'unsupported_media_type',
        requestId: response.headers['x-request-id'],
      });
    });

    it('a body without a content type is 415 saying to send JSON', async () => {
      // supertest always names a type for a body: a raw request leaves it out, as `curl --data-binary` with -H 'Content-Type:' does.
      if (!t.app.getHttpServer().listening) await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = httpRequest(
          { host: '127.0.0.1', port, method: 'POST', path: '/api/auth/signup', headers: { 'Content-Length': 2 } },
          (answer) => {
            let body = '';
            answer.on('data', (chunk) => (body += chunk));
            answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }));
          },
        );
        request.on('error', reject);
        request.end('{}');
      });
      expect(response.status).toBe(415);
      expect(JSON.parse(response.body)).toMatchObject({
        code: 'unsupported_media_type',
        message: /Content-Type: application\/json/,
      });
    });

    it('every response says nosniff: API answers, errors and redirects', async () => {
      expect((await t.http().get('/api/health').expect(200)).headers['x-content-type-options']).toBe('nosniff');
      expect((await t.http().get('/api/auth/me').expect(401)).headers['x-content-type-options']).toBe('nosniff');
      expect((await t.http().get('/api/nothing').expect(404)).headers['x-content-type-options']).toBe('nosniff');
      expect((await t.http().get('/no-such-slug').expect(404)).headers['x-content-type-options']).toBe('nosniff');
    });

    it('a URL too large for the HTTP parser is a 431 in the same shape', async () => {
      const response = await t
        .http()
        .get(`/api/v1/links?search=${'a'.repeat(20_000)}`)
        .expect(431);
      expect(response.body).toEqual({
        statusCode: 431,
        error: 'Request Header Fields Too Large',
        message: 'Request headers or URL are too large',
        code: 'headers_too_large',
        requestId: response.headers['x-request-id'],
      });
    });

    it('validation errors list each field; nested and array fields are named', async () => {
      const response = await t
        .http()
        .post('/api/auth/signup')
        .send({ email: 42, password: ['x'] })
        .expect(400);
      expect(response.body.message).toBe('Validation failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'email' }),
          expect.objectContaining({ field: 'password' }),
        ]),
      );
    });

    it('prototype-pollution keys are refused, not merged', async () => {
      const response = await t
        .http()
        .post('/api/auth/signup')
        .set('Content-Type', 'application/json')
        .send('{"email":"a@b.co","password":"long enough pw","__proto__":{"admin":true}}');
      expect(response.status).toBe(400);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('every response carries X-Request-Id, errors repeat it as requestId', async () => {
      const response = await t.http().get('/api/auth/me').expect(401);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    });
  });

  describe('health', () => {
    it('liveness names the caller only when a valid credential is sent', async () => {
      const anonymous = await t.http().get('/api/health').expect(200);
      expect(anonymous.body).toEqual({ status: 'ok', timestamp: expect.any(String) });
      const user = await signUp(t, { name: 'Pat Person' });
      const { key, id } = await createKey(user, { scopes: ['links'] });
      const identified = await t.http().get('/api/health').set(bearer(key)).expect(200);
      expect(identified.body).toEqual({
        status: 'ok',
        timestamp: expect.any(String),
        user: {
          id: user.userId,
          workspaceId: user.workspaceId,
          email: user.email,
          name: 'Pat Person',
          machineUser: false,
        },
        apiKey: { id, type: 'secret', workspaceId: user.workspaceId },
      });
      const bySession = await user.agent.get('/api/health').expect(200);
      expect(bySession.body.user).toEqual(identified.body.user);
      expect(bySession.body.apiKey).toBeUndefined();
      const bogus = await t
        .http()
        .get('/api/health')
        .set(bearer('lt_live_00000000000000000000000000000000'))
        .expect(200);
      expect(bogus.body.user).toBeUndefined();
    });

    it('a machine user key answers its name and machineUser, a publishable key only the key and workspace', async () => {
      const user = await signUp(t);
      const bot = await createKey(user, { name: 'deploy-bot', scopes: ['links'], machineUser: true });
      const machine = await t.http().get('/api/health').set(bearer(bot.key)).expect(200);
      expect(machine.body.user).toEqual({
        id: (bot.body.owner as { id: string }).id,
        workspaceId: user.workspaceId,
        email: null,
        name: 'deploy-bot',
        machineUser: true,
      });
      const me = await t.http().get('/api/auth/me').set(bearer(bot.key)).expect(200);
      expect(me.body).toMatchObject({ name: 'deploy-bot', email: null, machineUser: true });
      const { key: personKey } = await createKey(user, { scopes: ['links'] });
      expect((await t.http().get('/api/auth/me').set(bearer(personKey)).expect(200)).body).toMatchObject({
        id: user.userId,
        email: user.email,
        machineUser: false,
      });

      const publishable = await createKey(user, { type: 'publishable' });
      const identified = await t.http().get('/api/health').set(bearer(publishable.key)).expect(200);
      expect(identified.body).toEqual({
        status: 'ok',
        timestamp: expect.any(String),
        apiKey: { id: publishable.id, type: 'publishable', workspaceId: user.workspaceId },
      });
      expect(JSON.stringify(identified.body)).not.toContain(user.userId);
    });

    it('readiness checks the database and reports the analytics projection', async () => {
      await t.app.get(AnalyticsProjection).catchUp();
      expect((await t.http().get('/api/health/ready').expect(200)).body).toEqual({
        status: 'ok',
        checks: { database: 'ok', analytics: 'ok' },
      });
    });

    it('readiness reports a projection that stopped following PostgreSQL, and its recovery, without failing', async () => {
      const projection = t.app.get(AnalyticsProjection);
      await t.dataSource.query('ALTER TABLE click_events RENAME TO click_events_away');
      try {
        await expect(projection.catchUp()).rejects.toThrow();
        expect((await t.http().get('/api/health/ready').expect(200)).body).toEqual({
          status: 'degraded',
          checks: { database: 'ok', analytics: 'failing' },
        });
      } finally {
        await t.dataSource.query('ALTER TABLE click_events_away RENAME TO click_events');
      }
      await projection.catchUp();
      expect((await t.http().get('/api/health/ready').expect(200)).body.checks.analytics).toBe('ok');
    });
  });

  describe('operator route', () => {
    it('sets a plan with ADMIN_TOKEN only', async () => {
      const user = await signUp(t);
      const noToken = await t
        .http()
        .patch(`/api/admin/workspaces/${user.workspaceId}`)
        .send({ plan: 'creator' })
        .expect(401);
      expect(noToken.body).toMatchObject({ code: 'unauthorized', message: 'Invalid admin token' });
      await t
        .http()
        .patch(`/api/admin/workspaces/${user.workspaceId}`)
        .set(bearer('wrong-token-wrong-token-wrong'))
        .send({ plan: 'creator' })
        .expect(401);
      // A workspace's own session or key is not the operator.
      await user.agent
        .patch(`/api/admin/workspaces/${user.workspaceId}`)
        .set('X-CSRF-Token', user.csrf)
        .send({ plan: 'creator' })
        .expect(401);
      const bad = await t
        .http()
        .patch(`/api/admin/workspaces/${user.workspaceId}`)
        .set(bearer(ADMIN_TOKEN))
        .send({ plan: 'platinum' })
        .expect(400);
      expect(bad.body.errors[0]).toEqual({
        field: 'plan',
        message: 'plan must be one of: free, starter, creator, agency',
      });
      const ok = await t
        .http()
        .patch(`/api/admin/workspaces/${user.workspaceId}`)
        .set(bearer(ADMIN_TOKEN))
        .send({ plan: 'creator' })
        .expect(200);
      expect(ok.body).toMatchObject({ id: user.workspaceId, plan: 'creator' });
      expect((await user.agent.get('/api/workspaces').expect(200)).body.data[0].plan).toBe('creator');
      await t
        .http()
        .patch('/api/admin/workspaces/ws_missing')
        .set(bearer(ADMIN_TOKEN))
        .send({ plan: 'creator' })
        .expect(404);
    });

    it('no path stores an unknown plan: the database refuses one written by hand', async () => {
      const user = await signUp(t);
      await expect(
        t.dataSource.query(`UPDATE workspaces SET plan = 'enterprise' WHERE id = $1`, [user.workspaceId]),
      ).rejects.toThrow(/CHK_workspaces_plan/);
      // The workspace keeps a plan every lookup knows: creating a link still works.
      const { key } = await createKey(user, { scopes: ['links'] });
      await t.http().post('/api/v1/links').set(bearer(key)).send({ url: 'https://example.com/plan' }).expect(201);
    });

    it('is disabled when ADMIN_TOKEN is unset', async () => {
      const other = await startTestApp();
      try {
        const response = await other
          .http()
          .patch('/api/admin/workspaces/ws_x')
          .set(bearer(ADMIN_TOKEN))
          .send({ plan: 'creator' })
          .expect(403);
        expect(response.body.message).toBe('The admin API is disabled: ADMIN_TOKEN is not set');
      } finally {
        await other.close();
      }
    });
  });

  describe('OpenAPI', () => {
    it('serves the document and Swagger UI; every operation states its security, scopes and unique operationId', async () => {
      const document = (await t.http().get('/docs/openapi.json').expect(200)).body;
      await t.http().get('/docs').expect(200);
      const operations = Object.entries(
        document.paths as Record<
          string,
          Record<string, { operationId: string; security?: unknown[]; 'x-scopes'?: string[] }>
        >,
      ).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
      );
      expect(operations.length).toBeGreaterThan(10);
      const ids = operations.map(({ operation }) => operation.operationId);
      expect(new Set(ids).size).toBe(ids.length);
      const publicPaths = [
        '/api/health',
        '/api/health/ready',
        '/api/auth/signup',
        '/api/auth/login',
        '/api/v1/track/client.js',
      ];
      for (const { path, method, operation } of operations) {
        if (publicPaths.includes(path)) continue;
        expect({ path, method, hasSecurity: (operation.security ?? []).length > 0 }).toEqual({
          path,
          method,
          hasSecurity: true,
        });
        expect({ path, method, scopes: Array.isArray(operation['x-scopes']) || path.startsWith('/api/admin') }).toEqual(
          { path, method, scopes: true },
        );
      }
    });
  });

  it('every registered route declares an access rule (@Authenticated, @Public or @AdminOnly)', () => {
    const routes = registeredRoutes(t.app);
    expect(routes.length).toBeGreaterThan(10);
    expect(
      routes.filter((route) => !route.rule).map((route) => `${route.method} ${route.path} (${route.handler})`),
    ).toEqual([]);
  });
});

describe('GET /metrics is for the operator only', () => {
  it('behind METRICS_TOKEN on the API port: 401 without it or with another token', async () => {
    const t = await startTestApp();
    try {
      const anonymous = await request(t.app.getHttpServer()).get('/metrics').expect(401);
      expect(anonymous.body).toMatchObject({ code: 'unauthorized', message: 'Invalid metrics token' });
      expect(anonymous.headers['content-type']).toMatch(/^application\/json/);
      await request(t.app.getHttpServer()).get('/metrics').set(bearer('another-token-0123456789')).expect(401);
      const scraped = await request(t.app.getHttpServer()).get('/metrics').set(bearer(TEST_METRICS_TOKEN)).expect(200);
      expect(scraped.text).toMatch(/^linktrace_http_requests_total/m);
    } finally {
      await t.close();
    }
  });

  it('reports the event-loop delay since the previous scrape: a 40 ms stall shows as its maximum', async () => {
    const t = await startTestApp();
    try {
      const stalledUntil = performance.now() + 40;
      while (performance.now() < stalledUntil); // the app runs in this process: its event loop stalls too
      await new Promise((resolve) => setTimeout(resolve, 5));
      const scraped = await request(t.app.getHttpServer()).get('/metrics').set(bearer(TEST_METRICS_TOKEN)).expect(200);
      const delay = (quantile: string) => metricValue(scraped.text, 'linktrace_event_loop_delay_seconds', { quantile });
      expect(delay('1')).toBeGreaterThanOrEqual(0.035);
      expect(delay('0.99')).toBeLessThanOrEqual(delay('1'));
      expect(delay('0.5')).toBeLessThanOrEqual(delay('0.99'));
    } finally {
      await t.close();
    }
  });

  it('not served at all without METRICS_TOKEN or METRICS_PORT (403 naming both)', async () => {
    const t = await startTestApp({ METRICS_TOKEN: '' });
    try {
      const response = await request(t.app.getHttpServer()).get('/metrics').expect(403);
      expect(response.body.message).toBe(
        'Metrics are disabled: set METRICS_TOKEN (Bearer token) or METRICS_PORT (a listener of their own)',
      );
    } finally {
      await t.close();
    }
  });

  it('on METRICS_PORT only, when set: the API port has no /metrics', async () => {
    const port = await freePort();
    const t = await startTestApp({ METRICS_TOKEN: '', METRICS_PORT: String(port), HOST: '127.0.0.1' });
    try {
      await request(t.app.getHttpServer()).get('/metrics').set(bearer(TEST_METRICS_TOKEN)).expect(404);
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await scraped.text()).toMatch(/^linktrace_http_requests_total/m);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    } finally {
      await t.close();
    }
    // Closed with the app.
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});
