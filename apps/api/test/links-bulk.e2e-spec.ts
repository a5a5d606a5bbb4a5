import { randomBytes } from 'node:crypto';
import { LinkChange, LinkChangesService, randomBase62 } from '@app/common';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import type { BulkLinkResultDto } from '../src/links/dto/bulk-links.dto';
import type { CreateLinkDto } from '../src/links/dto/create-link.dto';
import type { LinkDto } from '../src/links/dto/link.dto';

jest.mock('@app/common', () => {
  const actual = jest.requireActual('@app/common');
  return { ...actual, randomBase62: jest.fn(actual.randomBase62) };
});

const SHORT_DOMAIN = 'lt.test';
const FREE_LIMIT = 250;
// The suite sends more than the default 200 requests per key.
const FAST = { rateLimit: 100_000 };

interface Workspace {
  user: SignedUpUser;
  key: string;
}

describe('Bulk links and upsert', () => {
  let testApp: TestApp;
  let starter: Workspace;
  let other: Workspace;
  const published: LinkChange[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN, PUBLIC_URL: 'https://app.lt.test', COOKIE_SECURE: 'false' });
    testApp.app.get(LinkChangesService).subscribe((change) => published.push(change));
    starter = await newWorkspace('starter');
    other = await newWorkspace('starter');
  });

  afterAll(() => testApp?.close());

  async function newWorkspace(plan: 'free' | 'starter'): Promise<Workspace> {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, plan);
    const { key } = await createKey(user, { scopes: ['links'], ...FAST });
    return { user, key };
  }

  const api = () => testApp.http();
  const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
  const bulkCreate = (key: string, body: object) => api().post('/api/v1/links/bulk').set(bearer(key)).send(body);
  const bulkUpdate = (key: string, body: object) => api().patch('/api/v1/links/bulk').set(bearer(key)).send(body);
  const bulkDelete = (key: string, body: object) => api().delete('/api/v1/links/bulk').set(bearer(key)).send(body);
  const upsert = (key: string, body: Partial<CreateLinkDto>) =>
    api().put('/api/v1/links/upsert').set(bearer(key)).send(body);

  async function createLinks(key: string, count: number): Promise<LinkDto[]> {
    const response = await bulkCreate(key, {
      links: Array.from({ length: count }, (_, index) => ({ url: `https://example.com/${index}` })),
    }).expect(200);
    return (response.body.results as BulkLinkResultDto[]).map((result) => result.link!);
  }

  async function linkCount(workspaceId: string): Promise<number> {
    const [{ count }] = await testApp.dataSource.query(
      'SELECT count(*)::int AS count FROM links WHERE workspace_id = $1',
      [workspaceId],
    );
    return count;
  }

  describe('POST /links/bulk', () => {
    it('answers one result per item in request order, creating the valid ones only', async () => {
      const slug = unique('bulk');
      const response = await bulkCreate(starter.key, {
        links: [
          { url: 'https://example.com/a', slug, title: 'First' },
          { url: 'example.com/no-scheme' },
          { url: 'https://example.com/c', slug }, // same slug as item 0: conflict
          { url: 'https://example.com/d', color: 'red' }, // unknown field
          { url: 'https://example.com/e', externalId: unique('ext') },
        ],
      }).expect(200);

      const results: BulkLinkResultDto[] = response.body.results;
      expect(results.map(({ index, status }) => [index, status])).toEqual([
        [0, 201],
        [1, 400],
        [2, 409],
        [3, 400],
        [4, 201],
      ]);
      expect(results[0].link).toMatchObject({ slug, title: 'First', shortLink: `https://${SHORT_DOMAIN}/${slug}` });
      expect(results[1].error).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'validation_failed',
        requestId: response.headers['x-request-id'],
        errors: [{ field: 'url', message: expect.stringContaining('url must be an absolute http(s) URL') }],
      });
      expect(results[2].error).toMatchObject({ statusCode: 409, code: 'conflict' });
      expect(results[3].error).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'color', message: 'color is not an accepted field' }],
      });
      expect(results[1].link).toBeUndefined();

      const stored = await testApp.dataSource.query('SELECT id, url FROM links WHERE id = ANY($1) ORDER BY url', [
        [results[0].link!.id, results[4].link!.id],
      ]);
      expect(stored.map((row: { url: string }) => row.url)).toEqual(['https://example.com/a', 'https://example.com/e']);
      // The links read back as the single route shows them.
      const single = await api().get(`/api/v1/links/${results[4].link!.id}`).set(bearer(starter.key)).expect(200);
      expect(single.body).toEqual(results[4].link);
    });

    it('applies the monthly quota per item: with 10 left, 10 of 100 are created and 90 refused', async () => {
      const workspace = await newWorkspace('free');
      await testApp.dataSource.query(
        `INSERT INTO workspace_usage (workspace_id, month, links_created)
         VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, $2)`,
        [workspace.user.workspaceId, FREE_LIMIT - 10],
      );
      const response = await bulkCreate(workspace.key, {
        links: Array.from({ length: 100 }, (_, index) => ({ url: `https://example.com/${index}` })),
      }).expect(200);

      const results: BulkLinkResultDto[] = response.body.results;
      expect(results.slice(0, 10).every((result) => result.status === 201)).toBe(true);
      expect(results.slice(10).every((result) => result.status === 403)).toBe(true);
      expect(results[10].error).toMatchObject({ code: 'quota_exceeded', limit: FREE_LIMIT });
      expect(await linkCount(workspace.user.workspaceId)).toBe(10);
      const [usage] = await testApp.dataSource.query(
        'SELECT links_created FROM workspace_usage WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(usage.links_created).toBe(FREE_LIMIT);
    });

    it('lets a conflicting item’s quota slot go to the next item: with 2 left, conflicts do not use it', async () => {
      const workspace = await newWorkspace('free');
      const [existing] = await createLinks(workspace.key, 1);
      await testApp.dataSource.query(`UPDATE workspace_usage SET links_created = $2 WHERE workspace_id = $1`, [
        workspace.user.workspaceId,
        FREE_LIMIT - 2,
      ]);
      const externalId = unique('ext');
      const response = await bulkCreate(workspace.key, {
        links: [
          { url: 'https://example.com/1', slug: existing.slug },
          { url: 'https://example.com/2', externalId },
          { url: 'https://example.com/3', externalId },
          { url: 'https://example.com/4' },
          { url: 'https://example.com/5' },
        ],
      }).expect(200);
      const results: BulkLinkResultDto[] = response.body.results;
      expect(results.map((result) => [result.status, result.error?.code])).toEqual([
        [409, 'conflict'],
        [201, undefined],
        [409, 'conflict'],
        [201, undefined],
        [403, 'quota_exceeded'],
      ]);
      expect(results[0].error!.message).toBe(`Slug "${existing.slug}" is already in use on ${SHORT_DOMAIN}`);
      expect(results[2].error!.message).toBe(
        `externalId "${externalId}" is already used by another link of this workspace`,
      );
      expect(await linkCount(workspace.user.workspaceId)).toBe(3);
    });

    it('draws another random slug when the one drawn is taken, and reserved slugs are never drawn', async () => {
      const [taken] = await createLinks(starter.key, 1);
      jest
        .mocked(randomBase62)
        .mockReturnValueOnce(taken.slug)
        .mockReturnValueOnce('apiXy12')
        .mockReturnValueOnce('ApI0000');
      const response = await bulkCreate(starter.key, { links: [{ url: 'https://example.com/redrawn' }] }).expect(200);
      const [result]: BulkLinkResultDto[] = response.body.results;
      expect(result.status).toBe(201);
      expect(result.link!.slug).toMatch(/^[0-9A-Za-z]{7}$/);
      expect(result.link!.slug).not.toBe(taken.slug);
      expect(result.link!.slug.toLowerCase().startsWith('api')).toBe(false);
    });

    it('gives up with 409 after five taken random slugs in a row', async () => {
      const [taken] = await createLinks(starter.key, 1);
      jest.mocked(randomBase62).mockReturnValue(taken.slug);
      try {
        const response = await api()
          .post('/api/v1/links')
          .set(bearer(starter.key))
          .send({ url: 'https://example.com' });
        expect(response.status).toBe(409);
        expect(response.body.code).toBe('conflict');
      } finally {
        jest.mocked(randomBase62).mockImplementation(jest.requireActual('@app/common').randomBase62);
      }
    });

    it('gates plan features per item: a password on the free plan is refused for that item only', async () => {
      const workspace = await newWorkspace('free');
      const response = await bulkCreate(workspace.key, {
        links: [{ url: 'https://example.com/open' }, { url: 'https://example.com/secret', password: 'hunter2' }],
      }).expect(200);
      const results: BulkLinkResultDto[] = response.body.results;
      expect(results.map((result) => result.status)).toEqual([201, 403]);
      expect(results[1].error).toMatchObject({ code: 'plan_upgrade_required', requiredPlan: 'starter' });
      expect(await linkCount(workspace.user.workspaceId)).toBe(1);
    });

    it.each([
      ['no links', { links: [] }, 'links must contain at least 1 elements'],
      [
        '101 links',
        { links: Array.from({ length: 101 }, () => ({ url: 'https://example.com' })) },
        'links must contain no more than 100 elements',
      ],
      [
        'an unknown envelope field',
        { links: [{ url: 'https://example.com' }], dryRun: true },
        'dryRun is not an accepted field',
      ],
      ['an item that is not an object', { links: ['https://example.com'] }, 'each value in links must be an object'],
      ['no links field', {}, 'links must be an array'],
    ])('refuses %s with 400 and creates nothing', async (_case, body, message) => {
      const workspace = await newWorkspace('starter');
      const response = await bulkCreate(workspace.key, body).expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed' });
      expect(response.body.errors.map((error: { message: string }) => error.message)).toContain(message);
      expect(await linkCount(workspace.user.workspaceId)).toBe(0);
    });
  });

  it('tells redirect caches about each short link created, moved or deleted, after the commit', async () => {
    published.length = 0;
    const [first, second] = await createLinks(starter.key, 2);
    expect(published).toEqual([
      { domain: SHORT_DOMAIN, slug: first.slug },
      { domain: SHORT_DOMAIN, slug: second.slug },
    ]);
    published.length = 0;
    const slug = unique('moved');
    await bulkUpdate(starter.key, { ids: [first.id], data: { slug } }).expect(200);
    expect(published).toEqual([
      { domain: SHORT_DOMAIN, slug: first.slug },
      { domain: SHORT_DOMAIN, slug },
    ]);
    published.length = 0;
    await bulkDelete(starter.key, { ids: [second.id] }).expect(200);
    expect(published).toEqual([{ domain: SHORT_DOMAIN, slug: second.slug }]);
  });

  describe('PATCH /links/bulk', () => {
    it('changes each link of the workspace and refuses the others per item', async () => {
      const [first, second] = await createLinks(starter.key, 2);
      const [foreign] = await createLinks(other.key, 1);
      const response = await bulkUpdate(starter.key, {
        ids: [first.id, foreign.id, 'link_doesnotexist', second.id],
        data: { title: 'Renamed', archived: true },
      }).expect(200);
      const results: BulkLinkResultDto[] = response.body.results;
      expect(results.map(({ index, status }) => [index, status])).toEqual([
        [0, 200],
        [1, 403],
        [2, 404],
        [3, 200],
      ]);
      expect(results[0].link).toMatchObject({ id: first.id, title: 'Renamed', archived: true });
      expect(results[1].error).toMatchObject({ code: 'forbidden' });
      const [untouched] = await testApp.dataSource.query('SELECT title FROM links WHERE id = $1', [foreign.id]);
      expect(untouched.title).toBeNull();
    });

    it('addresses links by external id', async () => {
      const externalId = unique('crm');
      await upsert(starter.key, { url: 'https://example.com/x', externalId }).expect(201);
      const response = await bulkUpdate(starter.key, {
        externalIds: [externalId, unique('missing')],
        data: { url: 'https://example.com/y' },
      }).expect(200);
      expect(response.body.results.map((result: BulkLinkResultDto) => result.status)).toEqual([200, 404]);
      expect(response.body.results[0].link).toMatchObject({ externalId, url: 'https://example.com/y' });
    });

    it('refuses a plan-gated change per link on the free plan', async () => {
      const workspace = await newWorkspace('free');
      const [link] = await createLinks(workspace.key, 1);
      const response = await bulkUpdate(workspace.key, { ids: [link.id], data: { password: 'hunter2' } }).expect(200);
      expect(response.body.results[0]).toMatchObject({ status: 403, error: { code: 'plan_upgrade_required' } });
    });

    it.each([
      ['ids and externalIds together', { ids: ['link_a'], externalIds: ['a'], data: { title: 'x' } }],
      ['neither ids nor externalIds', { data: { title: 'x' } }],
      ['an invalid change', { ids: ['link_a'], data: { url: 'ftp://example.com' } }],
      ['an unknown field in the change', { ids: ['link_a'], data: { colour: 'red' } }],
      ['101 ids', { ids: Array.from({ length: 101 }, (_, index) => `link_${index}`), data: { title: 'x' } }],
    ])('refuses %s with 400', async (_case, body) => {
      const response = await bulkUpdate(starter.key, body).expect(400);
      expect(response.body.code).toBe('validation_failed');
    });
  });

  describe('DELETE /links/bulk', () => {
    it('deletes the workspace links and refuses another workspace’s per item', async () => {
      const [first, second] = await createLinks(starter.key, 2);
      const [foreign] = await createLinks(other.key, 1);
      const response = await bulkDelete(starter.key, { ids: [first.id, foreign.id, second.id, first.id] }).expect(200);
      expect(response.body.results.map(({ index, status }: BulkLinkResultDto) => [index, status])).toEqual([
        [0, 204],
        [1, 403],
        [2, 204],
        [3, 404],
      ]);
      const remaining = await testApp.dataSource.query('SELECT id FROM links WHERE id = ANY($1)', [
        [first.id, second.id, foreign.id],
      ]);
      expect(remaining).toEqual([{ id: foreign.id }]);
      await api().get(`/${first.slug}`).set('Host', SHORT_DOMAIN).expect(404);
    });

    it.each([
      ['no ids', { ids: [] }],
      ['101 ids', { ids: Array.from({ length: 101 }, (_, index) => `link_${index}`) }],
      ['an unknown field', { ids: ['link_a'], force: true }],
    ])('refuses %s with 400', async (_case, body) => {
      await bulkDelete(starter.key, body).expect(400);
    });
  });

  describe('PUT /links/upsert', () => {
    it('creates by external id (201), then updates the same link (200)', async () => {
      const externalId = unique('crm');
      const created = await upsert(starter.key, { url: 'https://example.com/1', externalId, title: 'One' }).expect(201);
      const updated = await upsert(starter.key, { url: 'https://example.com/2', externalId }).expect(200);
      expect(updated.body).toMatchObject({ id: created.body.id, url: 'https://example.com/2', title: 'One' });
    });

    it('keys on domain and slug when no external id is given', async () => {
      const slug = unique('promo');
      const created = await upsert(starter.key, { url: 'https://example.com/1', slug }).expect(201);
      const updated = await upsert(starter.key, { url: 'https://example.com/2', slug }).expect(200);
      expect(updated.body).toMatchObject({ id: created.body.id, slug, url: 'https://example.com/2' });
    });

    it('never updates another workspace’s link with the same slug (409)', async () => {
      const slug = unique('taken');
      await upsert(other.key, { url: 'https://example.com/1', slug }).expect(201);
      const response = await upsert(starter.key, { url: 'https://example.com/2', slug }).expect(409);
      expect(response.body.code).toBe('conflict');
    });

    it('refuses a body with neither externalId nor slug (400)', async () => {
      const response = await upsert(starter.key, { url: 'https://example.com' }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'externalId', message: 'externalId or slug is required to upsert' },
      ]);
    });

    it.each([
      ['external id', () => ({ externalId: unique('race') })],
      ['slug', () => ({ slug: unique('race') })],
    ])('makes exactly one link from concurrent upserts of the same %s', async (_key, key) => {
      const workspace = await newWorkspace('starter');
      const body = { url: 'https://example.com/race', ...key() };
      const responses = await Promise.all(Array.from({ length: 8 }, () => upsert(workspace.key, body)));
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      expect(await linkCount(workspace.user.workspaceId)).toBe(1);
    });
  });
});
