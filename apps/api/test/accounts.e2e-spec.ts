import { redisAnswers, TEST_REDIS_URL } from '../../../test/helpers/redis';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, cookieValue, createKey, signUp, SignedUpUser, uniqueEmail } from '../../../test/helpers/fixtures';

describe('accounts, sessions and workspaces', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('signs up: user, owner workspace on the free plan, session and CSRF cookies', async () => {
    const email = uniqueEmail('Ada');
    const response = await t
      .http()
      .post('/api/auth/signup')
      .send({
        email: `  ${email.toUpperCase()} `,
        password: 'correct horse battery',
        name: 'Ada',
        workspaceName: 'Acme',
      })
      .expect(201);
    expect(response.body.user).toMatchObject({ email: email.toLowerCase(), name: 'Ada' });
    expect(response.body.user.id).toMatch(/^usr_/);
    expect(response.body.workspace).toMatchObject({
      name: 'Acme',
      plan: 'free',
      role: 'owner',
      allowedHostnames: [],
      timeZone: 'UTC',
    });
    expect(response.body.workspace.id).toMatch(/^ws_/);
    const cookies = ([] as string[]).concat(response.headers['set-cookie']);
    const session = cookies.find((cookie) => cookie.startsWith('lt_session='))!;
    const csrf = cookies.find((cookie) => cookie.startsWith('lt_csrf='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    const [row] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [response.body.user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const [stored] = await t.dataSource.query('SELECT token_hash FROM sessions WHERE user_id = $1', [
      response.body.user.id,
    ]);
    expect(stored.token_hash).not.toBe(cookieValue(response, 'lt_session'));
    expect(stored.token_hash).toHaveLength(64);
  });

  it('refuses a taken email (any case) with 409 and bad input with 400', async () => {
    const user = await signUp(t);
    const taken = await t
      .http()
      .post('/api/auth/signup')
      .send({ email: user.email.toUpperCase(), password: 'another long password' })
      .expect(409);
    expect(taken.body).toMatchObject({ code: 'conflict', message: 'An account with this email already exists' });
    const bad = await t
      .http()
      .post('/api/auth/signup')
      .send({ email: 'not-an-email', password: 'short', admin: true })
      .expect(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'admin',
      'email',
      'password',
    ]);
    expect(bad.body.errors.find((error: { field: string }) => error.field === 'admin').message).toBe(
      'admin is not an accepted field',
    );
  });

  it('logs in and out; a logged-out session no longer works', async () => {
    const user = await signUp(t);
    const agent = t.http();
    const login = await agent.post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    expect(login.body.user.id).toBe(user.userId);
    expect(login.body.workspace.id).toBe(user.workspaceId);
    const csrf = cookieValue(login, 'lt_csrf')!;
    const me = await agent.get('/api/auth/me').expect(200);
    expect(me.body).toEqual({
      id: user.userId,
      email: user.email,
      name: null,
      workspaceId: user.workspaceId,
      role: 'owner',
      via: 'session',
      machineUser: false,
    });

    const sessionCookie = cookieValue(login, 'lt_session')!;
    await agent.post('/api/auth/logout').expect(403);
    const logout = await agent.post('/api/auth/logout').set('X-CSRF-Token', csrf).expect(204);
    expect(([] as string[]).concat(logout.headers['set-cookie']).join(';')).toMatch(/lt_session=;/);
    const replay = await t.http().get('/api/auth/me').set('Cookie', `lt_session=${sessionCookie}`).expect(401);
    expect(replay.body).toMatchObject({ code: 'unauthorized', message: 'Session expired or invalid; log in again' });
  });

  it('refuses wrong credentials with one message for unknown email and wrong password', async () => {
    const user = await signUp(t);
    const wrongPassword = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not the password' })
      .expect(401);
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: uniqueEmail(), password: 'whatever password' })
      .expect(401);
    for (const response of [wrongPassword, unknown])
      expect(response.body).toMatchObject({ code: 'invalid_credentials', message: 'Invalid email or password' });
    const missing = await t.http().post('/api/auth/login').send({}).expect(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toEqual(['email', 'password']);
  });

  it('expires sessions server-side', async () => {
    const user = await signUp(t);
    await user.agent.get('/api/auth/me').expect(200);
    await t.dataSource.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      user.userId,
    ]);
    await user.agent.get('/api/auth/me').expect(401);
  });

  it('creates, lists, selects (X-Workspace-Id) and updates workspaces', async () => {
    const user = await signUp(t);
    const created = await user.agent
      .post('/api/workspaces')
      .set('X-CSRF-Token', user.csrf)
      .send({ name: ' Second ' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Second', plan: 'free', role: 'owner' });
    const list = await user.agent.get('/api/workspaces').expect(200);
    expect(list.body.data.map((workspace: { id: string }) => workspace.id)).toEqual([
      user.workspaceId,
      created.body.id,
    ]);

    expect((await user.agent.get('/api/auth/me').expect(200)).body.workspaceId).toBe(user.workspaceId);
    expect(
      (await user.agent.get('/api/auth/me').set('X-Workspace-Id', created.body.id).expect(200)).body.workspaceId,
    ).toBe(created.body.id);

    const updated = await user.agent
      .patch(`/api/workspaces/${created.body.id}`)
      .set('X-CSRF-Token', user.csrf)
      .send({ name: 'Renamed', allowedHostnames: ['Shop.Example.com', '*.example.org', 'shop.example.com'] })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'Renamed', allowedHostnames: ['shop.example.com', '*.example.org'] });
    const invalid = await user.agent
      .patch(`/api/workspaces/${created.body.id}`)
      .set('X-CSRF-Token', user.csrf)
      .send({ allowedHostnames: ['https://x.com/'], plan: 'agency' })
      .expect(400);
    expect(invalid.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'allowedHostnames',
      'plan',
    ]);
    await user.agent.patch('/api/workspaces/ws_missing').set('X-CSRF-Token', user.csrf).send({ name: 'x' }).expect(404);

    const stranger = await signUp(t);
    const foreign = await stranger.agent
      .patch(`/api/workspaces/${created.body.id}`)
      .set('X-CSRF-Token', stranger.csrf)
      .send({ name: 'mine' })
      .expect(403);
    expect(foreign.body.code).toBe('forbidden');
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      created.body.id,
      stranger.userId,
    ]);
    const member = await stranger.agent
      .patch(`/api/workspaces/${created.body.id}`)
      .set('X-CSRF-Token', stranger.csrf)
      .send({ name: 'mine' })
      .expect(403);
    expect(member.body.message).toBe('This action requires the owner or admin role');
    await t.dataSource.query(`UPDATE memberships SET role = 'admin' WHERE workspace_id = $1 AND user_id = $2`, [
      created.body.id,
      stranger.userId,
    ]);
    await stranger.agent
      .patch(`/api/workspaces/${created.body.id}`)
      .set('X-CSRF-Token', stranger.csrf)
      .send({ name: 'ours' })
      .expect(200);
  });

  it('keeps a workspace time zone (default UTC): an IANA name, changed by owners and admins only', async () => {
    const owner = await signUp(t);
    const patch = (user: SignedUpUser, body: object) =>
      user.agent.patch(`/api/workspaces/${owner.workspaceId}`).set('X-CSRF-Token', user.csrf).send(body);
    const listed = async () =>
      (await owner.agent.get('/api/workspaces').expect(200)).body.data.find(
        (workspace: { id: string }) => workspace.id === owner.workspaceId,
      ).timeZone;
    expect(await listed()).toBe('UTC');

    const updated = await patch(owner, { timeZone: 'Europe/Paris' }).expect(200);
    expect(updated.body).toMatchObject({ id: owner.workspaceId, timeZone: 'Europe/Paris' });
    expect(await listed()).toBe('Europe/Paris');
    // Other settings sent alone leave it as it is.
    await patch(owner, { name: 'Renamed' }).expect(200);
    expect(await listed()).toBe('Europe/Paris');

    for (const timeZone of ['Mars/Olympus', '+01:00', '', 42]) {
      const refused = await patch(owner, { timeZone }).expect(400);
      const errors: { field: string; message: string }[] = refused.body.errors;
      // Every error names the field; a number also fails the string and length checks.
      expect({ timeZone, code: refused.body.code, fields: [...new Set(errors.map((error) => error.field))] }).toEqual({
        timeZone,
        code: 'validation_failed',
        fields: ['timeZone'],
      });
      expect(errors.map((error) => error.message)).toContain('timeZone must be an IANA time zone, e.g. Europe/Paris');
    }
    expect(await listed()).toBe('Europe/Paris');

    const colleague = await signUp(t);
    await t.dataSource.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      owner.workspaceId,
      colleague.userId,
    ]);
    const member = await patch(colleague, { timeZone: 'Asia/Tokyo' }).expect(403);
    expect(member.body.message).toBe('This action requires the owner or admin role');
    await t.dataSource.query(`UPDATE memberships SET role = 'admin' WHERE workspace_id = $1 AND user_id = $2`, [
      owner.workspaceId,
      colleague.userId,
    ]);
    await patch(colleague, { timeZone: 'Asia/Tokyo' }).expect(200);
    expect(await listed()).toBe('Asia/Tokyo');
    // A key never reaches workspace routes, whatever its scopes.
    const key = (await createKey(owner, { scopes: ['analytics'] })).key;
    const viaKey = await t
      .http()
      .patch(`/api/workspaces/${owner.workspaceId}`)
      .set(bearer(key))
      .send({ timeZone: 'UTC' })
      .expect(403);
    expect(viaKey.body.code).toBe('session_required');
    expect(await listed()).toBe('Asia/Tokyo');
  });

  it('locks an email out after 5 failures (429 with Retry-After), even with the right password', async () => {
    const user = await signUp(t);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: user.email, password: `wrong password ${attempt}` })
        .expect(401);
    }
    const locked = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(429);
    expect(locked.body.code).toBe('rate_limit_exceeded');
    expect(locked.body.message).toMatch(/^Too many failed login attempts; try again in \d+ minute\(s\)$/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    // Another account from the same IP is not locked yet.
    const other = await signUp(t);
    await t.http().post('/api/auth/login').send({ email: other.email, password: other.password }).expect(200);
  });
});

describe('login lock-out per client IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('locks the IP after 20 failures across any emails', async () => {
    const user = await signUp(t);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: uniqueEmail(`spray${attempt}`), password: 'guess password' })
        .expect(401);
    }
    const locked = await t
      .http()
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(429);
    expect(locked.headers['retry-after']).toBeDefined();
  });
});

/** Counters in one process's memory, and in Redis when configured (two instances share them). */
const counterStorages: [string, Record<string, string>][] = [
  ['in memory', {}],
  ...(redisAnswers() ? [['in Redis', { REDIS_URL: TEST_REDIS_URL }] as [string, Record<string, string>]] : []),
];

describe.each(counterStorages)('login lock-out under parallel guesses (%s)', (storage, env) => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp(env, database);
    // Two instances need a database both can reach (PGlite is one process's) and Redis to share counters.
    second = storage === 'in Redis' && process.env.DATABASE_URL ? await startTestApp(env, database) : first;
  });
  afterAll(async () => {
    await first?.close();
    if (second !== first) await second?.close();
    await database?.drop();
  });

  it('16 wrong passwords for one email sent at once: 5 are checked (401), 11 refused unhashed (429)', async () => {
    const user = await signUp(first);
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, index) =>
        (index % 2 ? second : first)
          .http()
          .post('/api/auth/login')
          .send({ email: user.email, password: `wrong password ${index}` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(11).fill(429)]);
    await first.http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(429);
  });

  it('a successful login does not count against the address, and clears the email', async () => {
    const user = await signUp(first);
    for (let attempt = 0; attempt < 4; attempt += 1)
      await first.http().post('/api/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    await second.http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
    for (let attempt = 0; attempt < 4; attempt += 1)
      await first.http().post('/api/auth/login').send({ email: user.email, password: 'wrong password' }).expect(401);
    await first.http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);
  });
});

describe('signups per client IP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGNUPS_PER_IP_PER_HOUR: '3', TRUST_PROXY: 'true' });
  });
  afterAll(() => t?.close());

  const signup = (ip: string) =>
    t
      .http()
      .post('/api/auth/signup')
      .set('X-Forwarded-For', ip)
      .send({ email: uniqueEmail('many'), password: 'correct horse battery' });

  it('allows SIGNUPS_PER_IP_PER_HOUR at once, then 429 with Retry-After; other addresses are not affected', async () => {
    const burst = await Promise.all(Array.from({ length: 5 }, () => signup('198.51.100.20')));
    expect(burst.map((response) => response.status).sort()).toEqual([201, 201, 201, 429, 429]);
    const refused = burst.find((response) => response.status === 429)!;
    expect(refused.body).toMatchObject({ code: 'rate_limit_exceeded', message: expect.stringMatching(/signups/) });
    // One signup every 20 minutes (3 an hour): never longer to wait.
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(1200);
    await signup('198.51.100.21').expect(201);
  });
});

describe('DEFAULT_PLAN: the plan of new workspaces', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEFAULT_PLAN: 'agency' });
  });
  afterAll(() => t?.close());

  it('puts the signup workspace and later ones on that plan, so its gated features open', async () => {
    const user = await signUp(t);
    const me = await user.agent.get('/api/workspaces').expect(200);
    expect(me.body.data).toEqual([expect.objectContaining({ id: user.workspaceId, plan: 'agency' })]);
    const created = await user.agent
      .post('/api/workspaces')
      .set('X-CSRF-Token', user.csrf)
      .send({ name: 'Second' })
      .expect(201);
    expect(created.body.plan).toBe('agency');
    // Advanced analytics needs starter: open here, while the free plan's 403 is tested with the plan gates.
    await user.agent.get('/api/v1/analytics/chart').set('X-Workspace-Id', created.body.id).expect(200);
  });
});
