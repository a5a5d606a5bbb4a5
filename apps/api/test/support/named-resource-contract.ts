import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import { bearer, createKey, setPlan, signUp } from '../../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../../test/helpers/test-app';

/**
 * What folders, tags and UTM templates share (CRUD, case-insensitive unique names, quotas under
 * concurrency, scopes, tenancy, pagination), stated once and run by each resource's spec.
 */
export interface NamedResourceCase {
  path: string;
  table: 'link_folders' | 'link_tags' | 'utm_templates';
  scope: 'folders' | 'tags' | 'utm_templates';
  idPrefix: string;
  /** As in "<Label> limit reached for the free plan". */
  quotaLabel: string;
  /** As in `A <noun> named "…" already exists`. */
  noun: string;
  maxNameLength: number;
  quota: { free: number; creator: number };
}

export interface Workspace {
  workspaceId: string;
  /** A request with the workspace's key. */
  request: (method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) => Promise<Response>;
}

/** A fresh workspace (plan free) and a secret key with the given scopes. */
export async function newWorkspace(testApp: TestApp, scopes: string[]): Promise<Workspace> {
  const user = await signUp(testApp);
  const { key } = await createKey(user, { scopes });
  return {
    workspaceId: user.workspaceId,
    request: (method, path, body) => {
      const call = testApp.http()[method](path).set(bearer(key));
      return body === undefined ? call : call.send(body);
    },
  };
}

/** A link row written by SQL: the links API is built elsewhere, and these tests only need rows that point at folders or tags. */
export async function insertLink(
  testApp: TestApp,
  workspaceId: string,
  folderId: string | null = null,
): Promise<string> {
  const id = `link_${randomBytes(8).toString('hex')}`;
  await testApp.dataSource.query(
    `INSERT INTO links (id, workspace_id, domain, slug, url, folder_id) VALUES ($1, $2, 'lt.test', $3, 'https://example.com', $4)`,
    [id, workspaceId, id, folderId],
  );
  return id;
}

/** A resource's spec: boots the app on a fresh database, runs the shared contract, then the resource's own tests. */
export function describeNamedResource(
  title: string,
  resource: NamedResourceCase,
  ownTests: (app: () => TestApp) => void,
): void {
  describe(title, () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await startTestApp();
    });
    afterAll(async () => {
      await testApp.close();
    });
    describeSharedBehaviour(resource, () => testApp);
    ownTests(() => testApp);
  });
}

function describeSharedBehaviour(resource: NamedResourceCase, app: () => TestApp): void {
  const { path, scope } = resource;
  const countRows = async (workspaceId: string): Promise<number> => {
    const [row] = await app().dataSource.query(
      `SELECT count(*)::int AS count FROM ${resource.table} WHERE workspace_id = $1`,
      [workspaceId],
    );
    return row.count;
  };

  describe(`${path}: shared behaviour`, () => {
    it('creates, lists, renames and deletes, trimming names, with the row in the database', async () => {
      const owner = await newWorkspace(app(), [scope]);
      const created = await owner.request('post', path, { name: '  Launch  ' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Launch' });
      expect(created.body.id).toMatch(new RegExp(`^${resource.idPrefix}_[0-9A-Za-z]{16}$`));
      expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);
      const [row] = await app().dataSource.query(`SELECT workspace_id, name FROM ${resource.table} WHERE id = $1`, [
        created.body.id,
      ]);
      expect(row).toEqual({ workspace_id: owner.workspaceId, name: 'Launch' });

      const listed = await owner.request('get', path);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ data: [created.body], nextCursor: null });

      const renamed = await owner.request('patch', `${path}/${created.body.id}`, { name: 'Relaunch' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Relaunch', createdAt: created.body.createdAt });
      expect(Date.parse(renamed.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

      const empty = await owner.request('patch', `${path}/${created.body.id}`, {});
      expect(empty.status).toBe(200);
      expect(empty.body.name).toBe('Relaunch');

      const deleted = await owner.request('delete', `${path}/${created.body.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect(await countRows(owner.workspaceId)).toBe(0);
      const again = await owner.request('delete', `${path}/${created.body.id}`);
      expect(again.status).toBe(404);
    });

    it('refuses a name the workspace already has, in any letter case, on create and on rename (409)', async () => {
      const owner = await newWorkspace(app(), [scope]);
      const news = await owner.request('post', path, { name: 'News' });
      expect(news.status).toBe(201);
      for (const name of ['news', ' NEWS ']) {
        const duplicate = await owner.request('post', path, { name });
        expect(duplicate.status).toBe(409);
        expect(duplicate.body).toMatchObject({
          statusCode: 409,
          code: 'conflict',
          message: `A ${resource.noun} named "${name.trim()}" already exists in this workspace (names are compared ignoring case)`,
        });
      }

      const other = await owner.request('post', path, { name: 'Other' });
      const rename = await owner.request('patch', `${path}/${other.body.id}`, { name: 'nEWs' });
      expect(rename.status).toBe(409);
      expect(rename.body.code).toBe('conflict');
      expect((await owner.request('get', path)).body.data.map((item: { name: string }) => item.name)).toEqual([
        'News',
        'Other',
      ]);

      // A row may change the letter case of its own name.
      const recased = await owner.request('patch', `${path}/${news.body.id}`, { name: 'NEWS' });
      expect(recased.status).toBe(200);
      expect(recased.body.name).toBe('NEWS');

      // Names are unique per workspace, not globally.
      const stranger = await newWorkspace(app(), [scope]);
      expect((await stranger.request('post', path, { name: 'news' })).status).toBe(201);
    });

    it('maps the unique index to 409 when the same name is created or taken concurrently', async () => {
      const owner = await newWorkspace(app(), [scope]);
      await setPlan(app(), owner.workspaceId, 'starter');
      const creates = await Promise.all(
        ['Promo', 'promo', 'PROMO', 'pRoMo'].map((name) => owner.request('post', path, { name })),
      );
      expect(creates.map((response) => response.status).sort()).toEqual([201, 409, 409, 409]);
      expect(await countRows(owner.workspaceId)).toBe(1);

      const first = await owner.request('post', path, { name: 'First' });
      const second = await owner.request('post', path, { name: 'Second' });
      const renames = await Promise.all(
        [first, second].map(({ body }) => owner.request('patch', `${path}/${body.id}`, { name: 'Winner' })),
      );
      expect(renames.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(renames.find((response) => response.status === 409)!.body.code).toBe('conflict');
    });

    it('enforces the plan quota: the last allowed passes, the next is refused, an upgrade lets it through', async () => {
      const owner = await newWorkspace(app(), [scope]);
      for (let index = 0; index < resource.quota.free; index += 1) {
        expect((await owner.request('post', path, { name: `Item ${index}` })).status).toBe(201);
      }
      const refused = await owner.request('post', path, { name: 'One too many' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        statusCode: 403,
        code: 'quota_exceeded',
        message: `${resource.quotaLabel} limit reached for the free plan`,
        limit: resource.quota.free,
      });
      expect(await countRows(owner.workspaceId)).toBe(resource.quota.free);

      await setPlan(app(), owner.workspaceId, 'starter');
      expect((await owner.request('post', path, { name: 'One too many' })).status).toBe(201);

      // Deleting frees a slot again.
      await setPlan(app(), owner.workspaceId, 'free');
      const page = await owner.request('get', path);
      expect((await owner.request('post', path, { name: 'Still too many' })).status).toBe(403);
      await owner.request('delete', `${path}/${page.body.data[0].id}`);
      await owner.request('delete', `${path}/${page.body.data[1].id}`);
      expect((await owner.request('post', path, { name: 'Room again' })).status).toBe(201);
    });

    it('never lets concurrent creates exceed the quota', async () => {
      const owner = await newWorkspace(app(), [scope]);
      const attempts = resource.quota.free + 5;
      const responses = await Promise.all(
        Array.from({ length: attempts }, (_, index) => owner.request('post', path, { name: `Parallel ${index}` })),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(resource.quota.free);
      expect(statuses.filter((status) => status === 403)).toHaveLength(5);
      for (const response of responses.filter(({ status }) => status === 403))
        expect(response.body.code).toBe('quota_exceeded');
      expect(await countRows(owner.workspaceId)).toBe(resource.quota.free);
    });

    it('has no quota on the agency plan', async () => {
      const owner = await newWorkspace(app(), [scope]);
      await app().dataSource.query(
        `INSERT INTO ${resource.table} (id, workspace_id, name) SELECT 'seed_' || n, $1, 'Seeded ' || n FROM generate_series(1, $2::int) AS n`,
        [owner.workspaceId, resource.quota.creator],
      );
      await setPlan(app(), owner.workspaceId, 'creator');
      expect((await owner.request('post', path, { name: 'Beyond creator' })).body).toMatchObject({
        code: 'quota_exceeded',
        limit: resource.quota.creator,
      });
      await setPlan(app(), owner.workspaceId, 'agency');
      expect((await owner.request('post', path, { name: 'Beyond creator' })).status).toBe(201);
    });

    it('pages in creation order with a cursor, keeping rows created within the same millisecond apart', async () => {
      const owner = await newWorkspace(app(), [scope]);
      // Microseconds apart, and one exact tie broken by id: a millisecond cursor would repeat or skip rows here.
      const seeded = [
        ['seed_a', '2030-01-01 00:00:00.123001+00'],
        ['seed_c', '2030-01-01 00:00:00.123002+00'],
        ['seed_b', '2030-01-01 00:00:00.123002+00'],
        ['seed_d', '2030-01-01 00:00:00.123900+00'],
        ['seed_e', '2030-01-01 00:00:00.124000+00'],
      ];
      for (const [id, createdAt] of seeded) {
        await app().dataSource.query(
          `INSERT INTO ${resource.table} (id, workspace_id, name, created_at) VALUES ($1, $2, $1, $3)`,
          [id, owner.workspaceId, createdAt],
        );
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await owner.request('get', `${path}${query}`);
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.data.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['seed_a', 'seed_b', 'seed_c', 'seed_d', 'seed_e']);

      const exact = await owner.request('get', `${path}?limit=5`);
      expect(exact.body.nextCursor).toBeNull();
      expect(exact.body.data).toHaveLength(5);
    });

    it('filters by name with `search`, ignoring case and treating % and _ literally', async () => {
      const owner = await newWorkspace(app(), [scope]);
      await setPlan(app(), owner.workspaceId, 'starter');
      for (const name of ['Summer Sale', 'winter sale', '100% off', 'Spring_2030', 'Spring-2030'])
        await owner.request('post', path, { name });
      const names = async (search: string) =>
        (await owner.request('get', `${path}?search=${encodeURIComponent(search)}`)).body.data.map(
          (item: { name: string }) => item.name,
        );
      expect(await names('SALE')).toEqual(['Summer Sale', 'winter sale']);
      expect(await names('%')).toEqual(['100% off']);
      expect(await names('g_2')).toEqual(['Spring_2030']);
      expect(await names('nothing like it')).toEqual([]);
    });

    it('validates the list query', async () => {
      const owner = await newWorkspace(app(), [`${scope}:read`]);
      for (const query of [
        'limit=0',
        'limit=101',
        'limit=abc',
        'cursor=not-a-cursor',
        `cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`,
        'sort=name',
      ]) {
        const response = await owner.request('get', `${path}?${query}`);
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('validation_failed');
        expect(response.body.errors.length).toBeGreaterThan(0);
      }
    });

    it('refuses bad names and unknown fields with errors[]', async () => {
      const owner = await newWorkspace(app(), [scope]);
      const cases: [object, string][] = [
        [{}, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: 'x'.repeat(resource.maxNameLength + 1) }, 'name'],
        [{ name: 42 }, 'name'],
        [{ name: 'Fine', unexpected: true }, 'unexpected'],
      ];
      for (const [body, field] of cases) {
        const response = await owner.request('post', path, body);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({
          statusCode: 400,
          code: 'validation_failed',
          message: 'Validation failed',
        });
        expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      expect((await owner.request('post', path, { name: 'x'.repeat(resource.maxNameLength) })).status).toBe(201);

      const created = await owner.request('post', path, { name: 'Valid' });
      for (const [body, field] of [
        [{ name: null }, 'name'],
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(resource.maxNameLength + 1) }, 'name'],
        [{ workspaceId: 'ws_other' }, 'workspaceId'],
      ] as [object, string][]) {
        const response = await owner.request('patch', `${path}/${created.body.id}`, body);
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      }
      const [row] = await app().dataSource.query(`SELECT name, workspace_id FROM ${resource.table} WHERE id = $1`, [
        created.body.id,
      ]);
      expect(row).toEqual({ name: 'Valid', workspace_id: owner.workspaceId });
    });

    it("answers 404 for an unknown id and 403 for another workspace's, changing nothing", async () => {
      const owner = await newWorkspace(app(), [scope]);
      const stranger = await newWorkspace(app(), [scope]);
      const created = await owner.request('post', path, { name: 'Mine' });

      for (const [method, body] of [
        ['patch', { name: 'Stolen' }],
        ['delete', undefined],
      ] as const) {
        const missing = await stranger.request(method, `${path}/${resource.idPrefix}_doesnotexist0000`, body);
        expect(missing.status).toBe(404);
        expect(missing.body).toMatchObject({ code: 'not_found', message: expect.stringMatching(/ not found$/) });

        const foreign = await stranger.request(method, `${path}/${created.body.id}`, body);
        expect(foreign.status).toBe(403);
        expect(foreign.body).toMatchObject({ code: 'forbidden', message: 'You do not have access to this resource' });
      }
      expect((await stranger.request('get', path)).body.data).toEqual([]);
      const [row] = await app().dataSource.query(`SELECT name FROM ${resource.table} WHERE id = $1`, [created.body.id]);
      expect(row).toEqual({ name: 'Mine' });
    });

    it(`requires the ${scope} scope; ${scope}:read may only list`, async () => {
      const otherScope = scope === 'tags' ? 'folders' : 'tags';
      const outsider = await newWorkspace(app(), [otherScope]);
      const listDenied = await outsider.request('get', path);
      expect(listDenied.status).toBe(403);
      expect(listDenied.body).toMatchObject({
        code: 'insufficient_scope',
        message: `Missing required scope: ${scope}:read`,
      });
      const createDenied = await outsider.request('post', path, { name: 'Nope' });
      expect(createDenied.status).toBe(403);
      expect(createDenied.body).toMatchObject({
        code: 'insufficient_scope',
        message: `Missing required scope: ${scope}`,
      });

      const user = await signUp(app());
      const writer = await createKey(user, { scopes: [scope] });
      const reader = await createKey(user, { scopes: [`${scope}:read`] });
      const created = await app().http().post(path).set(bearer(writer.key)).send({ name: 'Readable' });
      const listed = await app().http().get(path).set(bearer(reader.key));
      expect(listed.status).toBe(200);
      expect(listed.body.data.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
      for (const call of [
        app().http().post(path).send({ name: 'Nope' }),
        app().http().patch(`${path}/${created.body.id}`).send({ name: 'Nope' }),
        app().http().delete(`${path}/${created.body.id}`),
      ]) {
        const denied = await call.set(bearer(reader.key));
        expect(denied.status).toBe(403);
        expect(denied.body).toMatchObject({ code: 'insufficient_scope', message: `Missing required scope: ${scope}` });
      }
      expect(await countRows(user.workspaceId)).toBe(1);

      // The dashboard session reaches the same routes (with its CSRF token for writes).
      const fromSession = await user.agent
        .post(path)
        .set('X-CSRF-Token', user.csrf)
        .send({ name: 'From the dashboard' });
      expect(fromSession.status).toBe(201);
      const withoutCsrf = await user.agent.post(path).send({ name: 'No token' });
      expect(withoutCsrf.body.code).toBe('csrf_invalid');
      expect((await app().http().get(path)).status).toBe(401);
    });
  });
}
