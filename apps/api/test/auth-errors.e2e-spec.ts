import { ProbeModule } from '../../../test/helpers/probe.module';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

/** Every row of docs/API.md (Authentication) "Errors for auth", message for message, through the real guard. */
describe('auth error table (docs/API.md, Authentication)', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let linksKey: string;

  const expectError = (
    response: { status: number; body: Record<string, unknown> },
    status: number,
    message: string,
    code: string,
  ) => {
    expect({ status: response.status, message: response.body.message, code: response.body.code }).toEqual({
      status,
      message,
      code,
    });
    expect(response.body.statusCode).toBe(status);
    expect(typeof response.body.requestId).toBe('string');
    expect(typeof response.body.error).toBe('string');
  };

  beforeAll(async () => {
    t = await startTestApp({}, undefined, { imports: [ProbeModule] });
    owner = await signUp(t);
    linksKey = (await createKey(owner, { scopes: ['links'] })).key;
  });
  afterAll(() => t?.close());

  it('no Authorization header → 401 unauthorized', async () => {
    expectError(await t.http().get('/test/probe/links'), 401, 'Missing or invalid API key', 'unauthorized');
  });

  it.each(['Basic abc', 'Bearer', 'Bearer  two words', 'lt_live_x', 'Token lt_live_abc'])(
    'malformed header %p → 401 unauthorized',
    async (header) => {
      expectError(
        await t.http().get('/test/probe/links').set('Authorization', header),
        401,
        'Missing or invalid API key',
        'unauthorized',
      );
    },
  );

  it('unknown key → 401 invalid_api_key', async () => {
    const unknown = `lt_live_${'a'.repeat(32)}`;
    expectError(
      await t.http().get('/test/probe/links').set(bearer(unknown)),
      401,
      'Invalid API key',
      'invalid_api_key',
    );
    expectError(
      await t.http().get('/test/probe/links').set(bearer('not-a-key-at-all')),
      401,
      'Invalid API key',
      'invalid_api_key',
    );
  });

  it('deleted key → 401 api_key_revoked', async () => {
    const { key, id } = await createKey(owner, { scopes: ['links'] });
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    await owner.agent.delete(`/api/settings/api-keys/${id}`).set('X-CSRF-Token', owner.csrf).expect(204);
    expectError(
      await t.http().get('/test/probe/links').set(bearer(key)),
      401,
      'API key has been deleted or revoked',
      'api_key_revoked',
    );
  });

  it('expired key → 401 api_key_expired', async () => {
    const { key, id } = await createKey(owner, {
      scopes: ['links'],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    await t.dataSource.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expectError(
      await t.http().get('/test/probe/links').set(bearer(key)),
      401,
      'API key has expired',
      'api_key_expired',
    );
  });

  it('key lacking the scope → 403 insufficient_scope naming the scope', async () => {
    const { key } = await createKey(owner, { scopes: ['tags'] });
    expectError(
      await t.http().get('/test/probe/links').set(bearer(key)),
      403,
      'Missing required scope: links:read',
      'insufficient_scope',
    );
    expectError(
      await t.http().post('/test/probe/links').set(bearer(key)),
      403,
      'Missing required scope: links',
      'insufficient_scope',
    );
  });

  it('`<scope>:read` opens GET routes only', async () => {
    const { key } = await createKey(owner, { scopes: ['links:read'] });
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    expectError(
      await t.http().post('/test/probe/links').set(bearer(key)),
      403,
      'Missing required scope: links',
      'insufficient_scope',
    );
  });

  it('publishable key on any other route → 403 publishable_key_not_allowed; allowed on conversion writes', async () => {
    const { key } = await createKey(owner, { type: 'publishable' });
    expect(key).toMatch(/^lt_pub_[0-9A-Za-z]{32}$/);
    const message = 'Publishable keys can only write conversion events';
    expectError(await t.http().get('/test/probe/links').set(bearer(key)), 403, message, 'publishable_key_not_allowed');
    expectError(
      await t.http().get('/api/settings/api-keys').set(bearer(key)),
      403,
      message,
      'publishable_key_not_allowed',
    );
    await t.http().post('/test/probe/track').set(bearer(key)).expect(201, { keyType: 'publishable' });
  });

  it('publishable key from an origin outside the allowed host names → 403 origin_not_allowed', async () => {
    const other = await signUp(t);
    const { key } = await createKey(other, { type: 'publishable' });
    await other.agent
      .patch(`/api/workspaces/${other.workspaceId}`)
      .set('X-CSRF-Token', other.csrf)
      .send({ allowedHostnames: ['shop.example.com', '*.example.org'] })
      .expect(200);
    const message = 'This origin is not allowed to use this publishable key';
    expectError(
      await t.http().post('/test/probe/track').set(bearer(key)).set('Origin', 'https://evil.example.net'),
      403,
      message,
      'origin_not_allowed',
    );
    expectError(await t.http().post('/test/probe/track').set(bearer(key)), 403, message, 'origin_not_allowed');
    await t.http().post('/test/probe/track').set(bearer(key)).set('Origin', 'https://shop.example.com').expect(201);
    await t.http().post('/test/probe/track').set(bearer(key)).set('Origin', 'https://a.b.example.org').expect(201);
    expectError(
      await t.http().post('/test/probe/track').set(bearer(key)).set('Origin', 'https://example.org'),
      403,
      message,
      'origin_not_allowed',
    );
  });

  it('Bearer key on a dashboard-only route → 403 session_required', async () => {
    const message = 'This route requires a dashboard session';
    expectError(await t.http().get('/test/probe/dashboard').set(bearer(linksKey)), 403, message, 'session_required');
    expectError(await t.http().get('/api/workspaces').set(bearer(linksKey)), 403, message, 'session_required');
    expectError(
      await t.http().patch(`/api/workspaces/${owner.workspaceId}`).set(bearer(linksKey)).send({ name: 'x' }),
      403,
      message,
      'session_required',
    );
  });

  it('resource of another workspace → 403 forbidden', async () => {
    const other = await signUp(t);
    const { id: otherKeyId } = await createKey(other, { scopes: ['links'] });
    const { key: ownerKeysKey } = await createKey(owner, { scopes: ['api_keys'] });
    const message = 'You do not have access to this resource';
    expectError(
      await t.http().put(`/api/settings/api-keys/${otherKeyId}`).set(bearer(ownerKeysKey)).send({ name: 'mine now' }),
      403,
      message,
      'forbidden',
    );
    expectError(
      await t.http().delete(`/api/settings/api-keys/${otherKeyId}`).set(bearer(ownerKeysKey)),
      403,
      message,
      'forbidden',
    );
    expectError(
      await owner.agent.post(`/api/settings/api-keys/${otherKeyId}/rotate`).set('X-CSRF-Token', owner.csrf).send({}),
      403,
      message,
      'forbidden',
    );
    // A session naming a workspace it is not a member of.
    expectError(
      await owner.agent.get('/test/probe/links').set('X-Workspace-Id', other.workspaceId),
      403,
      message,
      'forbidden',
    );
  });

  it('plan does not include the feature → 403 plan_upgrade_required with requiredPlan', async () => {
    const { key } = await createKey(owner, { scopes: ['analytics'] });
    const response = await t.http().get('/test/probe/advanced').set(bearer(key));
    expectError(response, 403, 'Advanced analytics requires the starter plan or above', 'plan_upgrade_required');
    expect(response.body.requiredPlan).toBe('starter');
    await setPlan(t, owner.workspaceId, 'starter');
    await t.http().get('/test/probe/advanced').set(bearer(key)).expect(200);
    await setPlan(t, owner.workspaceId, 'free');
  });

  it('role-restricted route → 403 forbidden for a member', async () => {
    const member = await signUp(t);
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      owner.workspaceId,
      member.userId,
    ]);
    const response = await member.agent
      .delete('/test/probe/owners-only')
      .set('X-Workspace-Id', owner.workspaceId)
      .set('X-CSRF-Token', member.csrf);
    expectError(response, 403, 'This action requires the owner or admin role', 'forbidden');
    await owner.agent.delete('/test/probe/owners-only').set('X-CSRF-Token', owner.csrf).expect(200);
  });

  it('session write without the CSRF token → 403 csrf_invalid; with a wrong one too', async () => {
    const message = 'Missing or invalid CSRF token';
    expectError(await owner.agent.post('/test/probe/links'), 403, message, 'csrf_invalid');
    expectError(await owner.agent.post('/test/probe/links').set('X-CSRF-Token', 'wrong'), 403, message, 'csrf_invalid');
    const other = await signUp(t);
    // Another session's (valid) token does not fit this session.
    expectError(
      await owner.agent.post('/test/probe/links').set('X-CSRF-Token', other.csrf),
      403,
      message,
      'csrf_invalid',
    );
    await owner.agent.post('/test/probe/links').set('X-CSRF-Token', owner.csrf).expect(201);
    // Reads need no token; Bearer writes need none.
    await owner.agent.get('/test/probe/links').expect(200);
    await t.http().post('/test/probe/links').set(bearer(linksKey)).expect(201);
  });

  it('a key is refused when its owner is no longer a member of the workspace', async () => {
    const member = await signUp(t);
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'admin')`, [
      owner.workspaceId,
      member.userId,
    ]);
    const response = await member.agent
      .post('/api/settings/api-keys')
      .set('X-Workspace-Id', owner.workspaceId)
      .set('X-CSRF-Token', member.csrf)
      .send({ name: 'admin key', scopes: ['links'] })
      .expect(201);
    await t.http().get('/test/probe/links').set(bearer(response.body.key)).expect(200);
    await t.dataSource.query(`DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2`, [
      owner.workspaceId,
      member.userId,
    ]);
    expectError(
      await t.http().get('/test/probe/links').set(bearer(response.body.key)),
      401,
      'API key has been deleted or revoked',
      'api_key_revoked',
    );
  });
});
