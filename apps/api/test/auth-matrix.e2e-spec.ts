import type { Response } from 'supertest';
import { grantsAccess, isReadMethod, missingScopeName, Scope, SCOPES } from '@app/auth';
import { undocumentedAnswers } from '../../../test/helpers/openapi-conformance';
import { registeredRoutes, RegisteredRoute, resourceKindOf } from '../../../test/helpers/routes';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

/**
 * The auth matrix of docs/API.md (Authentication), generated from the route metadata: every authenticated route × every
 * kind of credential → the exact status and code. A route added later is covered without touching this file.
 */
type AuthenticatedRoute = RegisteredRoute & { rule: Extract<RegisteredRoute['rule'], { kind: 'authenticated' }> };

/** Codes the guard, the rate limiter and the plan gate answer with: a request that passes them answers none of these. */
const ACCESS_CODES = new Set([
  'unauthorized',
  'invalid_api_key',
  'api_key_revoked',
  'api_key_expired',
  'insufficient_scope',
  'publishable_key_not_allowed',
  'session_required',
  'csrf_invalid',
  'plan_upgrade_required',
  'origin_not_allowed',
]);

describe('auth matrix: every route × every credential', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let member: SignedUpUser;
  let stranger: SignedUpUser;
  const keys: Record<string, string> = {};
  const strangerIds: Record<string, string> = {};
  let routes: AuthenticatedRoute[];

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'agency');
    member = await signUp(t);
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      owner.workspaceId,
      member.userId,
    ]);
    const generous = { rateLimit: 100_000 };
    keys.full = (await createKey(owner, { scopes: [...SCOPES], ...generous })).key;
    for (const scope of SCOPES) {
      keys[`read:${scope}`] = (await createKey(owner, { scopes: [`${scope}:read`], ...generous })).key;
      keys[`only:${scope}`] = (await createKey(owner, { scopes: [scope], ...generous })).key;
    }
    keys.publishable = (await createKey(owner, { type: 'publishable', ...generous })).key;
    const revoked = await createKey(owner, { scopes: [...SCOPES] });
    await owner.agent.delete(`/api/settings/api-keys/${revoked.id}`).set('X-CSRF-Token', owner.csrf).expect(204);
    keys.revoked = revoked.key;
    const expired = await createKey(owner, { scopes: [...SCOPES] });
    await t.dataSource.query(`UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      expired.id,
    ]);
    keys.expired = expired.key;

    // Another workspace's resources, one of each kind, for the cross-tenant column.
    stranger = await signUp(t);
    await setPlan(t, stranger.workspaceId, 'agency');
    const strangerKey = (await createKey(stranger, { scopes: [...SCOPES], ...generous })).key;
    const create = async (url: string, body: object) =>
      (await t.http().post(url).set(bearer(strangerKey)).send(body).expect(201)).body.id as string;
    strangerIds.link = await create('/api/v1/links', { url: 'https://example.com/theirs' });
    strangerIds.folder = await create('/api/v1/link_folders', { name: 'theirs' });
    strangerIds.tag = await create('/api/v1/link_tags', { name: 'theirs' });
    strangerIds.utmTemplate = await create('/api/v1/utm_templates', { name: 'theirs' });
    strangerIds.domain = await create('/api/v1/domains', { domain: 'theirs.matrix-test.com' });
    // A public IP literal: creating it needs no DNS.
    strangerIds.webhook = await create('/api/v1/webhooks', {
      url: 'https://93.184.216.34/hook',
      eventTypes: ['domain.verified'],
    });
    strangerIds.import = (
      await t
        .http()
        .post('/api/v1/imports')
        .set(bearer(strangerKey))
        .attach('file', Buffer.from('url\nhttps://example.com/theirs-imported\n'), 'links.csv')
        .expect(202)
    ).body.id;
    strangerIds.apiKey = (await createKey(stranger, { scopes: ['links'] })).id;
    strangerIds.workspace = stranger.workspaceId;

    routes = registeredRoutes(t.app).filter(
      (route): route is AuthenticatedRoute => route.rule?.kind === 'authenticated',
    );
  });
  afterAll(() => t?.close());

  const url = (route: RegisteredRoute, id = 'missing_0000000000') => route.path.replace(/:(\w+)/g, () => id);
  /** A valid body for routes whose body is required, so a cross-tenant request gets past validation to the ownership check. */
  const validBodies: [RegExp, object][] = [
    [/\/members\/:userId$/, { role: 'member' }],
    [/\/invitations$/, { email: 'invitee@example.com', role: 'member' }],
    [/\/api\/v1\/links\/:id$/, { title: 'x' }],
    [/\/domains\/:id$/, { noIndex: true }],
    [/\/webhooks\/:id$/, { description: 'x' }],
  ];
  const call = (route: RegisteredRoute, headers: Record<string, string>, id?: string, agent = t.http()) => {
    let request = agent[route.method.toLowerCase() as 'get'](url(route, id));
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    if (isReadMethod(route.method)) return request;
    const known = validBodies.find(([pattern]) => pattern.test(route.path))?.[1];
    return request.send(known ?? (['PUT', 'PATCH'].includes(route.method) ? { name: 'renamed' } : {}));
  };
  const expectRefused = (response: Response, status: number, code: string, message?: string) => {
    expect({
      status: response.status,
      code: response.body.code,
      ...(message && { message: response.body.message }),
    }).toEqual({ status, code, ...(message && { message }) });
  };
  const expectPassed = (response: Response) => {
    expect({
      status: response.status,
      code: response.body?.code,
      passed: response.status < 500 && !ACCESS_CODES.has(response.body?.code),
    }).toEqual(expect.objectContaining({ passed: true }));
  };
  const forEachRoute = (check: (route: AuthenticatedRoute) => Promise<void>) => async () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      try {
        await check(route);
      } catch (error) {
        throw new Error(`${route.method} ${route.path} (${route.handler}): ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  };

  it(
    'no credential → 401 unauthorized',
    forEachRoute(async (route) => {
      expectRefused(
        await call(route, {}),
        401,
        'unauthorized',
        route.rule.session ? 'Log in to use this route' : 'Missing or invalid API key',
      );
    }),
  );

  it(
    'malformed Authorization → 401 unauthorized',
    forEachRoute(async (route) => {
      expectRefused(
        await call(route, { Authorization: 'Basic dXNlcjpwYXNz' }),
        401,
        'unauthorized',
        'Missing or invalid API key',
      );
    }),
  );

  it(
    'unknown, revoked and expired keys → 401 with their codes',
    forEachRoute(async (route) => {
      expectRefused(await call(route, bearer(`lt_live_${'Z'.repeat(32)}`)), 401, 'invalid_api_key', 'Invalid API key');
      expectRefused(
        await call(route, bearer(keys.revoked)),
        401,
        'api_key_revoked',
        'API key has been deleted or revoked',
      );
      expectRefused(await call(route, bearer(keys.expired)), 401, 'api_key_expired', 'API key has expired');
    }),
  );

  it(
    'a valid key: session-only routes → 403 session_required; other routes pass with a full key',
    forEachRoute(async (route) => {
      const response = await call(route, bearer(keys.full));
      if (route.rule.session)
        expectRefused(response, 403, 'session_required', 'This route requires a dashboard session');
      else expectPassed(response);
    }),
  );

  it(
    'wrong scope → 403 insufficient_scope naming the missing scope',
    forEachRoute(async (route) => {
      if (route.rule.session || route.rule.anyScope) return;
      const scopes = route.rule.scopes as Scope[];
      const wrong = SCOPES.find((scope) => !scopes.includes(scope))!;
      expectRefused(
        await call(route, bearer(keys[`only:${wrong}`])),
        403,
        'insufficient_scope',
        `Missing required scope: ${missingScopeName(scopes, route.method)}`,
      );
    }),
  );

  it(
    'read-only scope → reads pass, writes get 403 insufficient_scope',
    forEachRoute(async (route) => {
      if (route.rule.session || route.rule.anyScope) return;
      const scope = (route.rule.scopes as Scope[])[0];
      const response = await call(route, bearer(keys[`read:${scope}`]));
      if (grantsAccess([`${scope}:read`], route.rule.scopes as Scope[], route.method)) expectPassed(response);
      else expectRefused(response, 403, 'insufficient_scope', `Missing required scope: ${scope}`);
    }),
  );

  it(
    'publishable key → 403 publishable_key_not_allowed except on conversion writes',
    forEachRoute(async (route) => {
      const response = await call(route, bearer(keys.publishable));
      if (route.rule.session) expectRefused(response, 403, 'session_required');
      else if (route.rule.publishable) expectPassed(response);
      else
        expectRefused(
          response,
          403,
          'publishable_key_not_allowed',
          'Publishable keys can only write conversion events',
        );
    }),
  );

  it(
    "another workspace's resource → 403 forbidden (key and session alike)",
    forEachRoute(async (route) => {
      const kind = route.path.includes(':id') ? resourceKindOf(route.path) : null;
      if (!kind || !strangerIds[kind]) return;
      const byKey = await call(
        route,
        route.rule.session ? {} : bearer(keys.full),
        strangerIds[kind],
        route.rule.session ? owner.agent : undefined,
      );
      const viaSession = await call(route, { 'X-CSRF-Token': owner.csrf }, strangerIds[kind], owner.agent);
      for (const response of route.rule.session ? [viaSession] : [byKey, viaSession])
        expectRefused(response, 403, 'forbidden');
    }),
  );

  it(
    'a session write without the CSRF token → 403 csrf_invalid; with it, the write passes',
    forEachRoute(async (route) => {
      if (isReadMethod(route.method)) return;
      expectRefused(
        await call(route, {}, undefined, owner.agent),
        403,
        'csrf_invalid',
        'Missing or invalid CSRF token',
      );
      if (route.path === '/api/auth/logout') return; // would end the session the other rows use
      expectPassed(await call(route, { 'X-CSRF-Token': owner.csrf }, undefined, owner.agent));
    }),
  );

  it(
    'a member session: role-restricted routes → 403 forbidden; the others pass',
    forEachRoute(async (route) => {
      if (route.path === '/api/auth/logout') return;
      const response = await call(
        route,
        { 'X-CSRF-Token': member.csrf, 'X-Workspace-Id': owner.workspaceId },
        undefined,
        member.agent,
      );
      if (route.rule.roles && !route.rule.roles.includes('member')) expectRefused(response, 403, 'forbidden');
      else expectPassed(response);
    }),
  );

  it(
    'a plan without the feature → 403 plan_upgrade_required',
    forEachRoute(async (route) => {
      if (!route.rule.plan || route.rule.session) return;
      const free = await signUp(t);
      const freeKey = (await createKey(free, { scopes: [...SCOPES] })).key;
      const response = await call(route, bearer(freeKey));
      expectRefused(response, 403, 'plan_upgrade_required');
      expect(typeof response.body.requiredPlan).toBe('string');
    }),
  );

  it('openapi.json lists every status this matrix was answered with', async () => {
    expect(await undocumentedAnswers(t)).toEqual([]);
  });
});
