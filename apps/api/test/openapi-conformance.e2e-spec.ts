import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { Scope, SCOPES } from '@app/auth';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import {
  answeredOperations,
  committedOpenApi,
  documentedCodes,
  undocumentedAnswers,
} from '../../../test/helpers/openapi-conformance';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

/**
 * openapi.json against real answers: a pass of requests over every documented operation (no credential, bad keys,
 * wrong scope, publishable key, a plan without the feature, another workspace's ids, missing ids, unknown fields and
 * parameters, a wrong content type, a session without CSRF, and the owner's own resources), then every
 * (operation, status) the app answered — read from its request counter — must be listed in the document.
 */
describe('openapi.json lists every status the API answers', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  const keys: Record<string, string> = {};
  const own: Record<string, string> = {};
  const theirs: Record<string, string> = {};

  interface Operation {
    method: string;
    path: string;
    scopes: Scope[];
    sessionOnly: boolean;
    hasBody: boolean;
  }
  const document = committedOpenApi();
  /** Error answers whose code the document does not list for that operation and status. */
  const undocumentedCodes = new Set<string>();
  const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const op = operation as { security?: Record<string, unknown>[]; 'x-scopes'?: Scope[]; requestBody?: unknown };
      const schemes = (op.security ?? []).flatMap((entry) => Object.keys(entry));
      return {
        method: method.toUpperCase(),
        path,
        scopes: op['x-scopes'] ?? [],
        sessionOnly: schemes.length === 1 && schemes[0] === 'session',
        hasBody: op.requestBody !== undefined,
      };
    }),
  );

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'agency');
    const generous = { rateLimit: 100_000 };
    keys.full = (await createKey(owner, { scopes: [...SCOPES], ...generous })).key;
    for (const scope of SCOPES) keys[scope] = (await createKey(owner, { scopes: [scope], ...generous })).key;
    keys.publishable = (await createKey(owner, { type: 'publishable', ...generous })).key;
    const free = await signUp(t);
    keys.free = (await createKey(free, { scopes: [...SCOPES], ...generous })).key;
    const member = await signUp(t);
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      owner.workspaceId,
      member.userId,
    ]);

    const createAll = async (user: SignedUpUser, key: string, into: Record<string, string>, label: string) => {
      const create = async (url: string, body: object) =>
        (await t.http().post(url).set(bearer(key)).send(body).expect(201)).body.id as string;
      into.links = await create('/api/v1/links', { url: `https://example.com/${label}` });
      into.link_folders = await create('/api/v1/link_folders', { name: label });
      into.link_tags = await create('/api/v1/link_tags', { name: label });
      into.utm_templates = await create('/api/v1/utm_templates', { name: label });
      into.domains = await create('/api/v1/domains', { domain: `${label}.conformance-test.com` });
      into['api-keys'] = (await createKey(user, { scopes: ['links'] })).id;
      into.workspaces = user.workspaceId;
    };
    await createAll(owner, keys.full, own, 'ours');
    own.userId = member.userId;
    stranger = await signUp(t);
    await setPlan(t, stranger.workspaceId, 'agency');
    await createAll(stranger, (await createKey(stranger, { scopes: [...SCOPES], ...generous })).key, theirs, 'theirs');
    theirs.userId = stranger.userId;
  });
  afterAll(() => t?.close());

  /** The path with its parameters: the ids of `ids` by resource (the segment before the parameter), else missing ones. */
  const urlOf = (operation: Operation, ids?: Record<string, string>) =>
    operation.path.replace(/([\w-]+)\/\{(\w+)\}/g, (_match, resource: string, name: string) => {
      const id = name === 'id' ? ids?.[resource] : ids?.[name];
      return `${resource}/${id ?? 'missing_0000000000'}`;
    });

  const send = (
    operation: Operation,
    options: { ids?: Record<string, string>; headers?: Record<string, string>; agent?: TestAgent; body?: unknown },
  ) => {
    let request = (options.agent ?? t.http())[operation.method.toLowerCase() as 'get'](urlOf(operation, options.ids));
    for (const [name, value] of Object.entries(options.headers ?? {})) request = request.set(name, value);
    return checkCode(operation, operation.hasBody ? request.send((options.body ?? {}) as object) : request);
  };

  const checkCode = async (operation: Operation, pending: PromiseLike<Response>) => {
    const response = await pending;
    const code = (response.body as { code?: unknown })?.code;
    const path = operation.path.split('?')[0];
    const codes = documentedCodes(document, operation.method, path, response.status);
    if (response.status >= 400 && typeof code === 'string' && codes && !codes.includes(code))
      undocumentedCodes.add(`${operation.method} ${path} → ${response.status} ${code}`);
    return response;
  };

  it('every documented operation answers only documented statuses', async () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const operation of operations) {
      const session = { agent: owner.agent, headers: { 'X-CSRF-Token': owner.csrf } };
      const keyOrSession = (key: string) => (operation.sessionOnly ? session : { headers: bearer(key) });
      const wrongScope = SCOPES.find((scope) => !operation.scopes.includes(scope))!;
      await send(operation, {});
      await send(operation, { headers: bearer(`lt_live_${'Z'.repeat(32)}`) });
      await send(operation, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
      await send(operation, { headers: bearer(keys.publishable), ids: own });
      await send(operation, { headers: bearer(keys[wrongScope]), ids: own });
      await send(operation, { headers: bearer(keys.free), ids: own });
      if (operation.method !== 'GET' && operation.path !== '/api/auth/logout')
        await send(operation, { agent: owner.agent, ids: own });
      await send(operation, { ...keyOrSession(keys.full), ids: theirs });
      await send(operation, { ...keyOrSession(keys.full) });
      await send(operation, { ...keyOrSession(keys.full), ids: own, body: { unexpectedField: 1 } });
      if (operation.hasBody) {
        const { headers, agent } = keyOrSession(keys.full) as { headers: Record<string, string>; agent?: TestAgent };
        let request = (agent ?? t.http())
          [operation.method.toLowerCase() as 'post'](urlOf(operation, own))
          .set('Content-Type', 'application/xml');
        for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
        await checkCode(operation, request.send('<name>xml</name>'));
      }
      const withQuery = { ...operation, path: `${operation.path}?unexpectedParameter=1` };
      if (operation.path !== '/api/auth/logout') await send(withQuery, { ...keyOrSession(keys.full), ids: own });
      // A query value the route does not read but the input boundary refuses (a NUL), e.g. GET /api/auth/me?x=%00.
      const withNul = { ...operation, path: `${operation.path}?unexpectedParameter=%00` };
      if (operation.path !== '/api/auth/logout') await send(withNul, { ...keyOrSession(keys.full), ids: own });
    }

    expect(await undocumentedAnswers(t)).toEqual([]);
    expect([...undocumentedCodes].sort()).toEqual([]);
    // The pass reached every operation, and the statuses it expects most: a check on nothing would pass too.
    const answered = await answeredOperations(t);
    const unanswered = operations.map((o) => `${o.method} ${o.path}`).filter((key) => !answered.has(key));
    expect(unanswered).toEqual([]);
    const statuses = new Set([...answered.values()].flatMap((set) => [...set]));
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 204, 400, 401, 403, 404, 415]));
  });
});
