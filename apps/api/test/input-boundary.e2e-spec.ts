import { ALL_SCOPE_GRANTS } from '@app/auth';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { insertLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const NUL = '\u0000';
/** `{"a":{"a":…}}` nested `levels` deep, as text: JSON.stringify of such an object would itself recurse. */
const nested = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

/**
 * What no route accepts, checked once at the boundary (the global validation pipe, the redirect's slug):
 * text PostgreSQL cannot store (a NUL, an unpaired surrogate) and deeply nested JSON. Each is a 400
 * `validation_failed` naming the field, never a 500.
 */
describe('Input boundary: NUL characters, unpaired surrogates, deep nesting', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN });
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'agency');
    key = (
      await createKey(owner, {
        scopes: ALL_SCOPE_GRANTS.filter((scope) => !scope.endsWith(':read')),
        rateLimit: 10_000,
      })
    ).key;
  });
  afterAll(() => t?.close());

  const expectFieldRefused = (response: { status: number; body: Record<string, unknown> }, field: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(response.body.errors).toEqual([{ field, message: expect.stringContaining(field) }]);
  };

  it.each([
    ['login email', '/api/auth/login', { email: `a${NUL}@example.com`, password: 'correct horse battery' }, 'email'],
    ['login password', '/api/auth/login', { email: 'a@example.com', password: `pass${NUL}word` }, 'password'],
    [
      'signup name',
      '/api/auth/signup',
      { email: 'nul@example.com', password: 'correct horse battery', name: `A${NUL}` },
      'name',
    ],
    [
      'signup workspace name (unpaired surrogate)',
      '/api/auth/signup',
      { email: 'lone@example.com', password: 'correct horse battery', workspaceName: 'Acme \ud800' },
      'workspaceName',
    ],
  ])('a public body: %s', async (_case, path, body, field) => {
    expectFieldRefused(await t.http().post(path).send(body), field);
  });

  it.each([
    ['a link title', 'post', '/api/v1/links', { url: 'https://example.com/', title: `T${NUL}` }, 'title'],
    [
      'a link in a nested field',
      'post',
      '/api/v1/links',
      { url: 'https://example.com/', geo: { US: `https://example.com/${NUL}` } },
      'geo.US',
    ],
    ['a folder name', 'post', '/api/v1/link_folders', { name: `F${NUL}` }, 'name'],
    ['a tag name', 'post', '/api/v1/link_tags', { name: `T${NUL}` }, 'name'],
    ['a template name', 'post', '/api/v1/utm_templates', { name: `U${NUL}` }, 'name'],
    ['a key name', 'post', '/api/settings/api-keys', { name: `K${NUL}`, scopes: ['links'] }, 'name'],
    [
      'a lead customerExternalId',
      'post',
      '/api/v1/track/leads',
      { clickId: 'clk_0000000000000000', eventName: 'Sign up', customerExternalId: `c${NUL}` },
      'customerExternalId',
    ],
    [
      'a metadata key',
      'post',
      '/api/v1/track/leads',
      { clickId: 'clk_0000000000000000', eventName: 'Sign up', customerExternalId: 'c1', metadata: { [`k${NUL}`]: 1 } },
      'metadata',
    ],
  ])('an authenticated body: %s', async (_case, method, path, body, field) => {
    const response = await t.http()[method as 'post'](path).set(bearer(key)).send(body);
    expectFieldRefused(response, field);
  });

  it.each([
    ['a link search', '/api/v1/links?search=a%00b', 'search'],
    ['a folder search', '/api/v1/link_folders?search=%00', 'search'],
    ['an analytics filter', '/api/v1/analytics/overview?country=%00', 'country'],
    ['a conversions filter', '/api/v1/conversions/events?customerExternalId=x%00', 'customerExternalId'],
    ['a link id', '/api/v1/links/link_%00/detail', 'id'],
    ['an ext_ id', '/api/v1/links/ext_a%00b', 'id'],
    ['a link id (export)', '/api/v1/links/link_%00/events/export', 'id'],
    ['an unknown path', '/api/v1/nothing/%00', 'path'],
  ])('a query or path parameter: %s', async (_case, path, field) => {
    expectFieldRefused(await t.http().get(path).set(bearer(key)), field);
  });

  it.each([
    ['signup', '/api/auth/signup', false],
    ['login', '/api/auth/login', false],
    ['a link', '/api/v1/links', true],
    ['a lead', '/api/v1/track/leads', true],
  ])('deeply nested JSON (%s) is a 400, not a stack overflow', async (_case, path, authenticated) => {
    for (const levels of [40, 20_000]) {
      let request = t.http().post(path).set('Content-Type', 'application/json');
      if (authenticated) request = request.set(bearer(key));
      const response = await request.send(`{"metadata":${nested(levels)},"email":"deep@example.com"}`);
      expect({ levels, status: response.status, code: response.body.code }).toEqual({
        levels,
        status: 400,
        code: 'validation_failed',
      });
      expect(response.body.errors[0].message).toMatch(/nests deeper than \d+ levels/);
    }
  });

  it('a redirect slug with a NUL is an ordinary 404, not a database error', async () => {
    await insertLink(t, { workspaceId: owner.workspaceId, slug: 'plain', url: 'https://example.com/plain' });
    for (const path of ['/%00', '/plain%00', '/%00plain']) {
      const page = await t.http().get(path).set('Host', TEST_SHORT_DOMAIN);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      const json = await t.http().get(path).set('Host', TEST_SHORT_DOMAIN).set('Accept', 'application/json');
      expect({ path, status: json.status, code: json.body.code }).toEqual({ path, status: 404, code: 'not_found' });
      const unlock = await t.http().post(path).set('Host', TEST_SHORT_DOMAIN).type('form').send({ password: 'x' });
      expect({ path, status: unlock.status }).toEqual({ path, status: 404 });
    }
    await t.http().get('/plain').set('Host', TEST_SHORT_DOMAIN).expect(302);
  });

  it.each([
    ['invalid UTF-8 in an API path', '/api/v1/links/%FF%FE', 'path is not valid percent-encoded UTF-8'],
    ['a broken escape in an API path', '/api/v1/links/%E2%82', 'path is not valid percent-encoded UTF-8'],
    ['an encoded surrogate in a slug', '/%ED%A0%80', 'path is not valid percent-encoded UTF-8'],
    [
      'a path segment past the length limit',
      `/api/v1/links/${'x'.repeat(5_000)}`,
      'path has a segment too long for any route',
    ],
  ])("%s is a 400 in the error format, not the router's own", async (_case, path, message) => {
    const response = await t.http().get(path).set('Host', TEST_SHORT_DOMAIN).set(bearer(key));
    expect(response.status).toBe(400);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      code: 'validation_failed',
      requestId: response.headers['x-request-id'],
      errors: [{ field: 'path', message }],
    });
  });

  it('the same text without a NUL is accepted (the check refuses nothing else)', async () => {
    const response = await t.http().post('/api/v1/link_folders').set(bearer(key)).send({ name: 'Folder 𝕃𝕚𝕟𝕜 \u202e' });
    expect(response.status).toBe(201);
  });
});
