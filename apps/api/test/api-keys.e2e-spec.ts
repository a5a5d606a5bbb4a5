import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { ProbeModule } from '../../../test/helpers/probe.module';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { ALL_SCOPE_GRANTS } from '@app/auth';
import { bearer, createKey, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

describe('API keys', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let logs = '';

  beforeAll(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    t = await startTestApp({ LOG_LEVEL: 'debug' }, undefined, { imports: [ProbeModule], logDestination: logStream });
    owner = await signUp(t);
  });
  afterAll(() => t?.close());

  const session = (user: SignedUpUser) => ({
    get: (url: string) => user.agent.get(url),
    post: (url: string) => user.agent.post(url).set('X-CSRF-Token', user.csrf),
    put: (url: string) => user.agent.put(url).set('X-CSRF-Token', user.csrf),
    delete: (url: string) => user.agent.delete(url).set('X-CSRF-Token', user.csrf),
  });

  it('creates a secret key shown once, stored only as a SHA-256 hash, listed by prefix', async () => {
    const created = await session(owner)
      .post('/api/settings/api-keys')
      .send({ name: 'CI deploys', scopes: ['links', 'analytics:read'], rateLimit: 300 })
      .expect(201);
    const { key, id } = created.body;
    expect(key).toMatch(/^lt_live_[0-9A-Za-z]{32}$/);
    expect(id).toMatch(/^key_[0-9A-Za-z]{16}$/);
    expect(created.body).toMatchObject({
      name: 'CI deploys',
      type: 'secret',
      keyPrefix: `${key.slice(0, 12)}****`,
      scopes: ['links', 'analytics:read'],
      rateLimit: 300,
      expiresAt: null,
      lastUsedAt: null,
      revokesAt: null,
      owner: { id: owner.userId, type: 'user' },
    });

    const [row] = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key.slice(8));

    const list = await session(owner).get('/api/settings/api-keys').expect(200);
    const listed = list.body.data.find((item: { id: string }) => item.id === id);
    expect(listed.keyPrefix).toBe(`${key.slice(0, 12)}****`);
    expect(listed).not.toHaveProperty('key');
    expect(JSON.stringify(list.body)).not.toContain(key.slice(12));
    await session(owner).get(`/api/settings/api-keys`).expect(200);
    // The key authenticates; then it is never logged.
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    await t.http().get('/test/probe/links').set('Authorization', `Bearer ${key}x`).expect(401);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(key.slice(8));
    expect(logs).not.toContain(owner.password);
  });

  it('updates lastUsedAt on use, at most once a minute', async () => {
    const { key, id } = await createKey(owner, { scopes: ['links'] });
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    const lastUsed = async () =>
      (await t.dataSource.query('SELECT last_used_at FROM api_keys WHERE id = $1', [id]))[0]
        .last_used_at as Date | null;
    await waitFor(async () => (await lastUsed()) !== null);
    const first = await lastUsed();
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await lastUsed())!.getTime()).toBe(first!.getTime());
    // Once the minute has passed, the next use writes again.
    await t.dataSource.query(`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    const stale = await lastUsed();
    await t.http().get('/test/probe/links').set(bearer(key)).expect(200);
    await waitFor(async () => (await lastUsed())!.getTime() > stale!.getTime());
    const listed = (await session(owner).get('/api/settings/api-keys').expect(200)).body.data.find(
      (item: { id: string }) => item.id === id,
    );
    expect(new Date(listed.lastUsedAt).getTime()).toBeGreaterThan(stale!.getTime());
  });

  it('renames, deletes (next request 401) and hides deleted keys from the list', async () => {
    const { key, id } = await createKey(owner, { scopes: ['links'] });
    const renamed = await session(owner).put(`/api/settings/api-keys/${id}`).send({ name: '  Renamed  ' }).expect(200);
    expect(renamed.body.name).toBe('Renamed');
    await session(owner).delete(`/api/settings/api-keys/${id}`).expect(204);
    const response = await t.http().get('/test/probe/links').set(bearer(key)).expect(401);
    expect(response.body.code).toBe('api_key_revoked');
    const list = await session(owner).get('/api/settings/api-keys').expect(200);
    expect(list.body.data.map((item: { id: string }) => item.id)).not.toContain(id);
    const again = await session(owner).delete(`/api/settings/api-keys/${id}`).expect(404);
    expect(again.body).toMatchObject({ code: 'not_found', message: 'API key not found' });
    await session(owner).put('/api/settings/api-keys/key_doesnotexist0000').send({ name: 'x' }).expect(404);
  });

  it('rotates: a new key with the same settings; the old one works through the grace period, then is revoked', async () => {
    const { key: oldKey, id: oldId } = await createKey(owner, {
      name: 'rotating',
      scopes: ['links', 'tags:read'],
      rateLimit: 50,
    });
    const rotated = await session(owner)
      .post(`/api/settings/api-keys/${oldId}/rotate`)
      .send({ gracePeriodSeconds: 3600 })
      .expect(201);
    expect(rotated.body.key).toMatch(/^lt_live_/);
    expect(rotated.body.key).not.toBe(oldKey);
    expect(rotated.body).toMatchObject({
      name: 'rotating',
      scopes: ['links', 'tags:read'],
      rateLimit: 50,
      type: 'secret',
    });
    await t.http().get('/test/probe/links').set(bearer(rotated.body.key)).expect(200);
    await t.http().get('/test/probe/links').set(bearer(oldKey)).expect(200);
    const listed = (await session(owner).get('/api/settings/api-keys').expect(200)).body.data.find(
      (item: { id: string }) => item.id === oldId,
    );
    expect(new Date(listed.revokesAt).getTime()).toBeGreaterThan(Date.now() + 3500_000);
    // The grace period ends.
    await t.dataSource.query(`UPDATE api_keys SET revoked_at = now() - interval '1 second' WHERE id = $1`, [oldId]);
    expect((await t.http().get('/test/probe/links').set(bearer(oldKey)).expect(401)).body.code).toBe('api_key_revoked');

    // Without a grace period the old key stops at once.
    const third = await session(owner).post(`/api/settings/api-keys/${rotated.body.id}/rotate`).send({}).expect(201);
    expect((await t.http().get('/test/probe/links').set(bearer(rotated.body.key)).expect(401)).body.code).toBe(
      'api_key_revoked',
    );
    await t.http().get('/test/probe/links').set(bearer(third.body.key)).expect(200);
  });

  it('validates the request', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ scopes: ['links'] }, 'name'],
      [{ name: 'x' }, 'scopes'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', scopes: ['links', 'everything'] }, 'scopes'],
      [{ name: 'x', scopes: ['links'], expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'x', scopes: ['links'], expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
      [{ name: 'x', scopes: ['links'], rateLimit: 0 }, 'rateLimit'],
      [{ name: 'x', scopes: ['links'], rateLimit: 'many' }, 'rateLimit'],
      [{ name: 'x', type: 'admin', scopes: ['links'] }, 'type'],
      [{ name: 'x', type: 'publishable', scopes: ['links'] }, 'scopes'],
      [{ name: 'x', scopes: ['links'], owner: 'me' }, 'owner'],
      [{ name: 'x'.repeat(101), scopes: ['links'] }, 'name'],
    ];
    for (const [body, field] of cases) {
      const response = await session(owner).post('/api/settings/api-keys').send(body);
      expect({ body, status: response.status, code: response.body.code }).toEqual({
        body,
        status: 400,
        code: 'validation_failed',
      });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
  });

  it('a key with api_keys cannot mint, rename, rotate or delete beyond its own scopes', async () => {
    const { key: manager } = await createKey(owner, { scopes: ['api_keys', 'links:read'] });
    const escalate = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(manager))
      .send({ name: 'broader', scopes: ['links'] });
    expect(escalate.status).toBe(403);
    expect(escalate.body).toMatchObject({ code: 'insufficient_scope', message: 'Missing required scope: links' });
    const publishable = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(manager))
      .send({ name: 'pub', type: 'publishable' });
    expect(publishable.body).toMatchObject({
      code: 'insufficient_scope',
      message: 'Missing required scope: conversions',
    });
    const narrower = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(manager))
      .send({ name: 'narrower', scopes: ['links:read'] })
      .expect(201);
    expect(narrower.body.owner.id).toBe(owner.userId);
    const { id: broadId } = await createKey(owner, { scopes: ['links'] });
    await t.http().put(`/api/settings/api-keys/${broadId}`).set(bearer(manager)).send({ name: 'x' }).expect(403);
    await t.http().post(`/api/settings/api-keys/${broadId}/rotate`).set(bearer(manager)).send({}).expect(403);
    await t.http().delete(`/api/settings/api-keys/${broadId}`).set(bearer(manager)).expect(403);
    await t.http().delete(`/api/settings/api-keys/${narrower.body.id}`).set(bearer(manager)).expect(204);
    // api_keys:read can list but not create.
    const { key: reader } = await createKey(owner, { scopes: ['api_keys:read'] });
    await t.http().get('/api/settings/api-keys').set(bearer(reader)).expect(200);
    const denied = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(reader))
      .send({ name: 'y', scopes: ['api_keys:read'] })
      .expect(403);
    expect(denied.body.message).toBe('Missing required scope: api_keys');
  });

  it('machine users: created by owners and admins only, keys act as the machine user', async () => {
    const created = await session(owner)
      .post('/api/settings/api-keys')
      .send({ name: 'deploy-bot', scopes: ['links'], machineUser: true })
      .expect(201);
    expect(created.body.owner).toMatchObject({ type: 'machine', name: 'deploy-bot' });
    expect(created.body.owner.id).not.toBe(owner.userId);
    const me = await t.http().get('/api/auth/me').set(bearer(created.body.key)).expect(200);
    expect(me.body).toMatchObject({
      id: created.body.owner.id,
      email: null,
      workspaceId: owner.workspaceId,
      role: 'member',
      via: 'api_key',
      scopes: ['links'],
    });

    const member = await signUp(t);
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      owner.workspaceId,
      member.userId,
    ]);
    const refused = await member.agent
      .post('/api/settings/api-keys')
      .set('X-Workspace-Id', owner.workspaceId)
      .set('X-CSRF-Token', member.csrf)
      .send({ name: 'bot', scopes: ['links'], machineUser: true })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', message: 'This action requires the owner or admin role' });
    // A machine user cannot log in.
    const [machine] = await t.dataSource.query('SELECT email, password_hash FROM users WHERE id = $1', [
      created.body.owner.id,
    ]);
    expect(machine).toEqual({ email: null, password_hash: null });
  });

  /** A session of `user` acting in `workspaceId` (joined with `role` first). */
  async function joinAs(user: SignedUpUser, workspaceId: string, role: 'admin' | 'member') {
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)`, [
      workspaceId,
      user.userId,
      role,
    ]);
    return {
      get: (url: string) => user.agent.get(url).set('X-Workspace-Id', workspaceId),
      post: (url: string) => user.agent.post(url).set('X-Workspace-Id', workspaceId).set('X-CSRF-Token', user.csrf),
      put: (url: string) => user.agent.put(url).set('X-Workspace-Id', workspaceId).set('X-CSRF-Token', user.csrf),
      delete: (url: string) => user.agent.delete(url).set('X-Workspace-Id', workspaceId).set('X-CSRF-Token', user.csrf),
    };
  }

  const OWN_KEYS_ONLY = 'Members can only manage their own API keys';

  it('members rename, rotate and delete only their own keys; owners and admins manage every key', async () => {
    const team = await signUp(t);
    const { key: ownerKey, id: ownerKeyId } = await createKey(team, { name: 'owner key', scopes: ['links'] });
    const member = await joinAs(await signUp(t), team.workspaceId, 'member');
    const admin = await joinAs(await signUp(t), team.workspaceId, 'admin');

    // The member sees every key of the workspace but cannot touch the owner's.
    const listed = await member.get('/api/settings/api-keys').expect(200);
    expect(listed.body.data.map((item: { id: string }) => item.id)).toContain(ownerKeyId);
    for (const attempt of [
      member.put(`/api/settings/api-keys/${ownerKeyId}`).send({ name: 'mine now' }),
      member.post(`/api/settings/api-keys/${ownerKeyId}/rotate`).send({ gracePeriodSeconds: 60 }),
      member.delete(`/api/settings/api-keys/${ownerKeyId}`),
    ]) {
      const response = await attempt;
      expect({ status: response.status, code: response.body.code, message: response.body.message }).toEqual({
        status: 403,
        code: 'forbidden',
        message: OWN_KEYS_ONLY,
      });
    }
    await t.http().get('/test/probe/links').set(bearer(ownerKey)).expect(200);
    const [ownerRow] = await t.dataSource.query('SELECT name, revoked_at FROM api_keys WHERE id = $1', [ownerKeyId]);
    expect(ownerRow).toEqual({ name: 'owner key', revoked_at: null });

    // A member-owned key with api_keys is held to what its owner may manage.
    const memberKey = await member
      .post('/api/settings/api-keys')
      .send({ name: 'member key', scopes: ['api_keys', 'links'] })
      .expect(201);
    expect(memberKey.body.canManage).toBe(true);
    // The list says which keys the caller may manage, so the dashboard offers only those actions.
    const canManage = async (list: Promise<{ body: { data: { id: string; canManage: boolean }[] } }>) =>
      Object.fromEntries((await list).body.data.map((item) => [item.id, item.canManage]));
    expect(await canManage(member.get('/api/settings/api-keys').expect(200))).toEqual({
      [ownerKeyId]: false,
      [memberKey.body.id]: true,
    });
    expect(await canManage(t.http().get('/api/settings/api-keys').set(bearer(memberKey.body.key)).expect(200))).toEqual(
      { [ownerKeyId]: false, [memberKey.body.id]: true },
    );
    expect(await canManage(admin.get('/api/settings/api-keys').expect(200))).toEqual({
      [ownerKeyId]: true,
      [memberKey.body.id]: true,
    });
    const byKey = await t
      .http()
      .post(`/api/settings/api-keys/${ownerKeyId}/rotate`)
      .set(bearer(memberKey.body.key))
      .send({})
      .expect(403);
    expect(byKey.body).toMatchObject({ code: 'forbidden', message: OWN_KEYS_ONLY });
    await t.http().delete(`/api/settings/api-keys/${ownerKeyId}`).set(bearer(memberKey.body.key)).expect(403);

    // Their own keys they manage, by session or by key.
    const own = await member
      .post('/api/settings/api-keys')
      .send({ name: 'mine', scopes: ['links'] })
      .expect(201);
    await member.put(`/api/settings/api-keys/${own.body.id}`).send({ name: 'still mine' }).expect(200);
    const rotatedOwn = await t
      .http()
      .post(`/api/settings/api-keys/${own.body.id}/rotate`)
      .set(bearer(memberKey.body.key))
      .send({})
      .expect(201);
    expect(rotatedOwn.body.owner.id).toBe(memberKey.body.owner.id);
    await member.delete(`/api/settings/api-keys/${rotatedOwn.body.id}`).expect(204);

    // Admins (and owners) manage every key of the workspace, the owner's included.
    await admin.put(`/api/settings/api-keys/${memberKey.body.id}`).send({ name: 'renamed by admin' }).expect(200);
    const rotatedByAdmin = await admin.post(`/api/settings/api-keys/${ownerKeyId}/rotate`).send({}).expect(201);
    expect(rotatedByAdmin.body.owner.id).toBe(team.userId);
    await session(team).delete(`/api/settings/api-keys/${memberKey.body.id}`).expect(204);
  });

  it('a key cannot mint or rotate a key that outlives, outpaces or outranks it', async () => {
    const team = await signUp(t);
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    // rateLimit 30: a burst of 60 covers this test's requests with this key.
    const { key: minter } = await createKey(team, { scopes: ['api_keys', 'links'], expiresAt, rateLimit: 30 });
    const mint = (body: Record<string, unknown>) =>
      t.http().post('/api/settings/api-keys').set(bearer(minter)).send(body);
    const refusals: [string, Record<string, unknown>, string][] = [
      [
        'expiresAt later',
        { name: 'x', scopes: ['links'], expiresAt: '2099-01-01T00:00:00Z' },
        `A key cannot create a key that outlives it: the new key must expire by ${expiresAt}`,
      ],
      [
        'rateLimit higher',
        { name: 'x', scopes: ['links'], rateLimit: 31 },
        'A key cannot create a key with a higher rate limit than its own (30 requests per minute)',
      ],
      [
        'rateLimit far higher',
        { name: 'x', scopes: ['links'], rateLimit: 100_000 },
        'A key cannot create a key with a higher rate limit than its own (30 requests per minute)',
      ],
    ];
    for (const [label, body, message] of refusals) {
      const response = await mint(body);
      expect({ label, status: response.status, code: response.body.code, message: response.body.message }).toEqual({
        label,
        status: 403,
        code: 'forbidden',
        message,
      });
    }
    // Without expiresAt or rateLimit the new key takes the minting key's; tighter values are kept.
    const inherited = await mint({ name: 'inherits', scopes: ['links'] }).expect(201);
    expect(inherited.body).toMatchObject({ expiresAt, rateLimit: 30 });
    const soon = new Date(Date.now() + 600_000).toISOString();
    const tighter = await mint({ name: 'tighter', scopes: ['links'], expiresAt: soon, rateLimit: 3 }).expect(201);
    expect(tighter.body).toMatchObject({ expiresAt: soon, rateLimit: 3 });
    const [stored] = await t.dataSource.query('SELECT expires_at, rate_limit FROM api_keys WHERE id = $1', [
      inherited.body.id,
    ]);
    expect({ expiresAt: stored.expires_at.toISOString(), rateLimit: stored.rate_limit }).toEqual({
      expiresAt,
      rateLimit: 30,
    });

    // A key without its own rateLimit has the default of 100 per minute.
    const { key: unlimited } = await createKey(team, { scopes: ['api_keys', 'links'] });
    const over = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(unlimited))
      .send({ name: 'x', scopes: ['links'], rateLimit: 101 })
      .expect(403);
    expect(over.body.message).toBe(
      'A key cannot create a key with a higher rate limit than its own (100 requests per minute)',
    );
    await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(unlimited))
      .send({ name: 'x', scopes: ['links'], rateLimit: 100 })
      .expect(201);

    // Rotation mints a key too: the rotated settings must fit the rotating key.
    const { id: forever } = await createKey(team, { scopes: ['links'], rateLimit: 10 });
    const { id: fast } = await createKey(team, { scopes: ['links'], rateLimit: 1000, expiresAt: soon });
    const rotateForever = await t
      .http()
      .post(`/api/settings/api-keys/${forever}/rotate`)
      .set(bearer(minter))
      .send({})
      .expect(403);
    expect(rotateForever.body).toMatchObject({
      code: 'forbidden',
      message: `A key cannot rotate a key that outlives it: the new key must expire by ${expiresAt}`,
    });
    const rotateFast = await t.http().post(`/api/settings/api-keys/${fast}/rotate`).set(bearer(minter)).send({});
    expect(rotateFast.status).toBe(403);
    expect(rotateFast.body.message).toBe(
      'A key cannot rotate a key with a higher rate limit than its own (30 requests per minute)',
    );
    await t.http().post(`/api/settings/api-keys/${tighter.body.id}/rotate`).set(bearer(minter)).send({}).expect(201);
    // The refused rotations left both keys as they were.
    const untouched = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM api_keys WHERE rotated_from_id = ANY($1) OR (id = ANY($1) AND revoked_at IS NOT NULL)',
      [[forever, fast]],
    );
    expect(untouched[0].n).toBe(0);
  });

  it('machine users: a key can create one only when its owner could (owner or admin), within its bounds', async () => {
    const team = await signUp(t);
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const { key: ownerMinter } = await createKey(team, { scopes: ['api_keys', 'links'], expiresAt, rateLimit: 20 });
    const bot = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(ownerMinter))
      .send({ name: 'bot', scopes: ['links'], machineUser: true })
      .expect(201);
    expect(bot.body).toMatchObject({ owner: { type: 'machine', name: 'bot' }, expiresAt, rateLimit: 20 });

    const member = await joinAs(await signUp(t), team.workspaceId, 'member');
    const memberMinter = await member
      .post('/api/settings/api-keys')
      .send({ name: 'member minter', scopes: ['api_keys', 'links'] })
      .expect(201);
    const refused = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(memberMinter.body.key))
      .send({ name: 'bot', scopes: ['links'], machineUser: true })
      .expect(403);
    expect(refused.body).toMatchObject({ code: 'forbidden', message: 'This action requires the owner or admin role' });
    // The machine user's own key (role member) cannot create machine users either.
    const botMinter = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(ownerMinter))
      .send({ name: 'bot minter', scopes: ['api_keys', 'links'], machineUser: true })
      .expect(201);
    await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(botMinter.body.key))
      .send({ name: 'bot 2', scopes: ['links'], machineUser: true })
      .expect(403);
  });

  it('rotating a key in its grace period never pushes its revocation back', async () => {
    const { key: oldKey, id } = await createKey(owner, { scopes: ['links'] });
    await session(owner).post(`/api/settings/api-keys/${id}/rotate`).send({ gracePeriodSeconds: 600 }).expect(201);
    const revokedAt = async () =>
      (
        (await t.dataSource.query('SELECT revoked_at FROM api_keys WHERE id = $1', [id]))[0].revoked_at as Date
      ).getTime();
    const first = await revokedAt();
    await session(owner).post(`/api/settings/api-keys/${id}/rotate`).send({ gracePeriodSeconds: 604_800 }).expect(201);
    expect(await revokedAt()).toBe(first);
    // A shorter grace period still shortens it.
    await session(owner).post(`/api/settings/api-keys/${id}/rotate`).send({ gracePeriodSeconds: 0 }).expect(201);
    expect(await revokedAt()).toBeLessThan(first);
    expect((await t.http().get('/test/probe/links').set(bearer(oldKey)).expect(401)).body.code).toBe('api_key_revoked');
  });

  it('a key minting without scopes gives the new key its own scopes; a session must choose them', async () => {
    const { key: minter } = await createKey(owner, { scopes: ['api_keys', 'links:read'] });
    const minted = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(minter))
      .send({ name: 'New Production Key' })
      .expect(201);
    expect(minted.body).toMatchObject({
      name: 'New Production Key',
      type: 'secret',
      scopes: ['api_keys', 'links:read'],
    });
    await t.http().get('/test/probe/links').set(bearer(minted.body.key)).expect(200);

    const refused = await session(owner)
      .post('/api/settings/api-keys')
      .send({ name: 'New Production Key' })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'validation_failed' });
    expect(refused.body.errors).toEqual([
      {
        field: 'scopes',
        message: `a secret key needs at least one scope, from: ${ALL_SCOPE_GRANTS.join(', ')}`,
      },
    ]);
    // An empty list is a choice of nothing, also from a key.
    const empty = await t
      .http()
      .post('/api/settings/api-keys')
      .set(bearer(minter))
      .send({ name: 'x', scopes: [] })
      .expect(400);
    expect(empty.body.errors[0].field).toBe('scopes');
  });

  it('paginates the list with a cursor', async () => {
    const user = await signUp(t);
    for (let index = 0; index < 5; index += 1) await createKey(user, { name: `k${index}`, scopes: ['links'] });
    const first = await user.agent.get('/api/settings/api-keys?limit=2').expect(200);
    expect(first.body.data.map((item: { name: string }) => item.name)).toEqual(['k4', 'k3']);
    const second = await user.agent.get(`/api/settings/api-keys?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.data.map((item: { name: string }) => item.name)).toEqual(['k2', 'k1']);
    const third = await user.agent.get(`/api/settings/api-keys?limit=2&cursor=${second.body.nextCursor}`).expect(200);
    expect(third.body).toMatchObject({ nextCursor: null });
    expect(third.body.data.map((item: { name: string }) => item.name)).toEqual(['k0']);
    expect((await user.agent.get('/api/settings/api-keys?limit=101').expect(400)).body.errors[0].field).toBe('limit');
    expect((await user.agent.get('/api/settings/api-keys?cursor=garbage').expect(400)).body.errors[0].field).toBe(
      'cursor',
    );
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
