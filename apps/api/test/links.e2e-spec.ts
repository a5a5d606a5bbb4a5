import { randomBytes } from 'node:crypto';
import { LinkChange, LinkChangesService } from '@app/common';
import type { Response } from 'supertest';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { waitForLockWaiters } from '../../../test/helpers/test-database';
import type { CreateLinkDto } from '../src/links/dto/create-link.dto';
import type { LinkDto } from '../src/links/dto/link.dto';
import type { UpdateLinkDto } from '../src/links/dto/update-link.dto';

const SHORT_DOMAIN = 'lt.test';
const CONTROLS_MESSAGE = 'Link controls (password, expiry, targeting) requires the starter plan or above';
// Keys used by the tests get a high rate limit: the suite sends far more than 200 requests per key.
const FAST = { rateLimit: 100_000 };

interface Workspace {
  user: SignedUpUser;
  key: string;
}

describe('Links API', () => {
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

  async function newWorkspace(plan: 'free' | 'starter', name = 'Ada Lovelace'): Promise<Workspace> {
    const user = await signUp(testApp, { name });
    await setPlan(testApp, user.workspaceId, plan);
    const { key } = await createKey(user, { scopes: ['links'], ...FAST });
    return { user, key };
  }

  const api = () => testApp.http();
  const create = (key: string, body: Record<string, unknown>) =>
    api().post('/api/v1/links').set(bearer(key)).send(body);
  const update = (key: string, id: string, body: Record<string, unknown>) =>
    api().patch(`/api/v1/links/${id}`).set(bearer(key)).send(body);
  const get = (key: string, id: string) => api().get(`/api/v1/links/${id}`).set(bearer(key));
  const remove = (key: string, id: string) => api().delete(`/api/v1/links/${id}`).set(bearer(key));
  const list = (key: string, query: Record<string, string | number | boolean> = {}) =>
    api().get('/api/v1/links').query(query).set(bearer(key));

  async function createLink(key: string, body: Partial<CreateLinkDto> = {}): Promise<LinkDto> {
    const response = await create(key, { url: 'https://example.com/', ...body });
    expect(response.status).toBe(201);
    return response.body;
  }

  const unique = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;

  async function insertFolder(workspaceId: string, name = unique('folder')): Promise<string> {
    const id = `fld_${randomBytes(8).toString('hex')}`;
    await testApp.dataSource.query('INSERT INTO link_folders (id, workspace_id, name) VALUES ($1, $2, $3)', [
      id,
      workspaceId,
      name,
    ]);
    return id;
  }

  async function insertTag(workspaceId: string, name = unique('tag'), color = 'blue'): Promise<string> {
    const id = `tag_${randomBytes(8).toString('hex')}`;
    await testApp.dataSource.query('INSERT INTO link_tags (id, workspace_id, name, color) VALUES ($1, $2, $3, $4)', [
      id,
      workspaceId,
      name,
      color,
    ]);
    return id;
  }

  async function linkRow(id: string): Promise<Record<string, any> | undefined> {
    const rows = await testApp.dataSource.query('SELECT * FROM links WHERE id = $1', [id]);
    return rows[0];
  }

  function expectFieldError(response: Response, field: string, message?: string | RegExp): void {
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'validation_failed',
      message: 'Validation failed',
    });
    expect(typeof response.body.requestId).toBe('string');
    const errors: { field: string; message: string }[] = response.body.errors;
    const expected =
      message === undefined
        ? expect.any(String)
        : typeof message === 'string'
          ? message
          : expect.stringMatching(message);
    expect(errors).toEqual(expect.arrayContaining([{ field, message: expected }]));
  }

  function expectForbidden(response: Response): void {
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'forbidden', message: 'You do not have access to this resource' });
  }

  describe('create, read, update, delete', () => {
    it('creates a link with every field and returns all of them, hiding the password', async () => {
      const folderId = await insertFolder(starter.user.workspaceId, 'Campaigns');
      const tagB = await insertTag(starter.user.workspaceId, 'beta', 'green');
      const tagA = await insertTag(starter.user.workspaceId, 'alpha', 'red');
      const body = {
        url: 'https://shop.example.com/p/42?color=red&size=M&q=a%20b#reviews',
        domain: 'LT.test',
        slug: unique('Summer_Sale'),
        title: '  Summer sale  ',
        description: 'Landing page of the summer sale',
        externalId: unique('crm'),
        folderId,
        tagIds: [tagB, tagA, tagB],
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'summer',
        utm_term: 'shoes',
        utm_content: 'hero',
        expiresAt: '2030-01-01T00:00:00.000Z',
        expiredUrl: 'https://shop.example.com/expired',
        password: 'open sesame',
        ios: 'https://apps.apple.com/app/id1',
        android: 'https://play.google.com/store/apps/details?id=x',
        geo: { DE: 'https://shop.example.de', US: 'https://shop.example.com/us' },
        trackConversion: true,
        archived: false,
      } satisfies CreateLinkDto;

      const response = await create(starter.key, body).expect(201);
      const link: LinkDto = response.body;
      expect(link).toEqual({
        id: expect.stringMatching(/^link_[0-9A-Za-z]{16}$/),
        domain: SHORT_DOMAIN,
        slug: body.slug,
        shortLink: `https://${SHORT_DOMAIN}/${body.slug}`,
        url: body.url,
        title: 'Summer sale',
        description: body.description,
        og: null,
        externalId: body.externalId,
        folderId,
        folder: { id: folderId, name: 'Campaigns' },
        tagIds: [tagA, tagB],
        tags: [
          { id: tagA, name: 'alpha', color: 'red' },
          { id: tagB, name: 'beta', color: 'green' },
        ],
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'summer',
        utm_term: 'shoes',
        utm_content: 'hero',
        expiresAt: '2030-01-01T00:00:00.000Z',
        expiredUrl: body.expiredUrl,
        hasPassword: true,
        ios: body.ios,
        android: body.android,
        geo: body.geo,
        trackConversion: true,
        archived: false,
        testVariants: null,
        testEndsAt: null,
        winnerUrl: null,
        testPickWinner: false,
        clicks: 0,
        lastClickedAt: null,
        createdBy: { id: starter.user.userId, name: 'Ada Lovelace', type: 'user' },
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
      expect(JSON.stringify(link)).not.toContain('open sesame');
      expect(JSON.stringify(link)).not.toContain('argon2');

      const row = await linkRow(link.id);
      expect(row).toMatchObject({
        workspace_id: starter.user.workspaceId,
        domain: SHORT_DOMAIN,
        url: body.url,
        utm_source: 'newsletter',
        created_by_id: starter.user.userId,
        track_conversion: true,
      });
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      const assignments = await testApp.dataSource.query(
        'SELECT tag_id FROM link_tag_assignments WHERE link_id = $1 ORDER BY tag_id',
        [link.id],
      );
      expect(assignments.map((assignment: { tag_id: string }) => assignment.tag_id)).toEqual([tagA, tagB].sort());

      const fetched = await get(starter.key, link.id).expect(200);
      expect(fetched.body).toEqual(link);
      const byExternalId = await get(starter.key, `ext_${body.externalId}`).expect(200);
      expect(byExternalId.body).toEqual(link);
    });

    it('fills defaults: a random 7-character slug on the default domain, nothing else set', async () => {
      const response = await create(starter.key, { url: 'https://example.com/a?x=1&x=2&empty=&flag' }).expect(201);
      expect(response.body).toMatchObject({
        domain: SHORT_DOMAIN,
        slug: expect.stringMatching(/^[0-9A-Za-z]{7}$/),
        url: 'https://example.com/a?x=1&x=2&empty=&flag',
        title: null,
        description: null,
        externalId: null,
        folderId: null,
        folder: null,
        tagIds: [],
        tags: [],
        utm_source: null,
        expiresAt: null,
        hasPassword: false,
        geo: null,
        trackConversion: false,
        archived: false,
      });
      expect(response.body.shortLink).toBe(`https://${SHORT_DOMAIN}/${response.body.slug}`);
    });

    it('updates the fields sent, clears nullable ones with null, and keeps the rest', async () => {
      const folderId = await insertFolder(starter.user.workspaceId);
      const tagId = await insertTag(starter.user.workspaceId);
      const link = await createLink(starter.key, {
        slug: unique('before'),
        title: 'Before',
        folderId,
        tagIds: [tagId],
        password: 'secret',
        geo: { FR: 'https://example.fr' },
        utm_source: 'old',
      });
      const { password_hash: hashBefore } = (await linkRow(link.id))!;

      const changes = {
        url: 'https://example.org/new?keep=1',
        title: null,
        folderId: null,
        tagIds: [],
        password: null,
        geo: null,
        utm_source: 'new',
        utm_medium: 'social',
        archived: true,
        trackConversion: true,
      } satisfies UpdateLinkDto;
      const response = await update(starter.key, link.id, changes).expect(200);
      expect(response.body).toMatchObject({
        id: link.id,
        slug: link.slug,
        url: 'https://example.org/new?keep=1',
        title: null,
        folderId: null,
        folder: null,
        tagIds: [],
        tags: [],
        hasPassword: false,
        geo: null,
        utm_source: 'new',
        utm_medium: 'social',
        archived: true,
        trackConversion: true,
        createdAt: link.createdAt,
      });
      expect(new Date(response.body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(link.updatedAt).getTime());
      expect((await linkRow(link.id))!.password_hash).toBeNull();
      expect(
        await testApp.dataSource.query('SELECT * FROM link_tag_assignments WHERE link_id = $1', [link.id]),
      ).toEqual([]);

      const withPassword = await update(starter.key, link.id, { password: 'another one' }).expect(200);
      expect(withPassword.body.hasPassword).toBe(true);
      const { password_hash: hashAfter } = (await linkRow(link.id))!;
      expect(hashAfter).toMatch(/^\$argon2id\$/);
      expect(hashAfter).not.toBe(hashBefore);

      const untouched = await update(starter.key, link.id, {}).expect(200);
      expect(untouched.body).toMatchObject({
        url: 'https://example.org/new?keep=1',
        utm_source: 'new',
        archived: true,
        hasPassword: true,
      });
    });

    it('refuses null for fields that cannot be cleared', async () => {
      const link = await createLink(starter.key);
      const response = await update(starter.key, link.id, {
        url: null,
        slug: null,
        tagIds: null,
        archived: null,
        domain: null,
      });
      for (const field of ['url', 'slug', 'tagIds', 'archived', 'domain']) expectFieldError(response, field);
    });

    it('deletes a link and its tag assignments; the id then answers 404', async () => {
      const tagId = await insertTag(starter.user.workspaceId);
      const link = await createLink(starter.key, { tagIds: [tagId] });
      published.length = 0;
      const response = await remove(starter.key, link.id).expect(204);
      expect(response.text).toBe('');
      expect(published).toEqual([{ domain: SHORT_DOMAIN, slug: link.slug }]);
      expect(await linkRow(link.id)).toBeUndefined();
      expect(
        await testApp.dataSource.query('SELECT * FROM link_tag_assignments WHERE link_id = $1', [link.id]),
      ).toEqual([]);
      const missing = await get(starter.key, link.id).expect(404);
      expect(missing.body).toMatchObject({ code: 'not_found', message: 'Link not found' });
      await remove(starter.key, link.id).expect(404);
      await update(starter.key, link.id, { title: 'x' }).expect(404);
    });

    it('works through a dashboard session too (with the CSRF token)', async () => {
      const { user } = starter;
      const created = await user.agent
        .post('/api/v1/links')
        .set('X-CSRF-Token', user.csrf)
        .send({ url: 'https://example.com/session' })
        .expect(201);
      expect(created.body.createdBy).toEqual({ id: user.userId, name: 'Ada Lovelace', type: 'user' });
      await user.agent.get(`/api/v1/links/${created.body.id}`).expect(200);
      const withoutCsrf = await user.agent.delete(`/api/v1/links/${created.body.id}`).expect(403);
      expect(withoutCsrf.body.code).toBe('csrf_invalid');
    });
  });

  describe('redirect cache notifications', () => {
    it('publishes the old short link on update, and the new one when the slug changes', async () => {
      const link = await createLink(starter.key, { slug: unique('old') });
      published.length = 0;
      await update(starter.key, link.id, { url: 'https://example.com/changed' }).expect(200);
      expect(published).toEqual([{ domain: SHORT_DOMAIN, slug: link.slug }]);

      published.length = 0;
      const newSlug = unique('new');
      await update(starter.key, link.id, { slug: newSlug }).expect(200);
      expect(published).toEqual([
        { domain: SHORT_DOMAIN, slug: link.slug },
        { domain: SHORT_DOMAIN, slug: newSlug },
      ]);

      published.length = 0;
      await update(starter.key, link.id, { archived: true }).expect(200);
      expect(published).toEqual([{ domain: SHORT_DOMAIN, slug: newSlug }]);
    });

    it('publishes a new short link on creation (a cache may remember it as unknown)', async () => {
      published.length = 0;
      const link = await createLink(starter.key);
      expect(published).toEqual([{ domain: SHORT_DOMAIN, slug: link.slug }]);
    });

    it('publishes nothing when the update is refused', async () => {
      const link = await createLink(starter.key);
      published.length = 0;
      await update(starter.key, link.id, { url: 'javascript:alert(1)' }).expect(400);
      await update(other.key, link.id, { title: 'x' }).expect(403);
      expect(published).toEqual([]);
    });
  });

  describe('validation', () => {
    it.each([
      ['javascript: URL', { url: 'javascript:alert(document.cookie)' }, 'url', 'url must use http or https'],
      ['data: URL', { url: 'data:text/html,<script>alert(1)</script>' }, 'url', 'url must use http or https'],
      ['file: URL', { url: 'file:///etc/passwd' }, 'url', 'url must use http or https'],
      ['ftp: URL', { url: 'ftp://example.com/x' }, 'url', 'url must use http or https'],
      [
        'credentials',
        { url: 'https://admin:hunter2@example.com/' },
        'url',
        'url must not contain credentials (user:password@)',
      ],
      [
        'user name only',
        { url: 'https://admin@example.com/' },
        'url',
        'url must not contain credentials (user:password@)',
      ],
      ['malformed URL', { url: 'https://exa<mple.com/' }, 'url', 'url must be a valid URL'],
      ['relative URL', { url: '/just/a/path' }, 'url', /absolute http\(s\) URL/],
      [
        'URL with spaces',
        { url: 'https://example.com/a b' },
        'url',
        'url must not contain spaces or control characters',
      ],
      [
        'URL over 8192 characters',
        { url: `https://example.com/?q=${'a'.repeat(8192)}` },
        'url',
        'url must be at most 8192 characters',
      ],
      ['missing URL', {}, 'url', 'url must be a string'],
      ['URL not a string', { url: 42 }, 'url', 'url must be a string'],
      [
        'reserved slug',
        { url: 'https://example.com', slug: 'admin' },
        'slug',
        'slug "admin" is reserved (as are slugs starting with "api" or "_")',
      ],
      ['slug starting with api', { url: 'https://example.com', slug: 'api-docs' }, 'slug', /is reserved/],
      ['slug starting with _', { url: 'https://example.com', slug: '_internal' }, 'slug', /is reserved/],
      [
        'slug with a slash',
        { url: 'https://example.com', slug: 'a/b' },
        'slug',
        'slug may only contain letters, digits, "_" and "-"',
      ],
      [
        'slug with a dot',
        { url: 'https://example.com', slug: 'a.b' },
        'slug',
        'slug may only contain letters, digits, "_" and "-"',
      ],
      ['empty slug', { url: 'https://example.com', slug: '' }, 'slug', 'slug must be 1 to 190 characters'],
      [
        'slug over 190 characters',
        { url: 'https://example.com', slug: 'a'.repeat(191) },
        'slug',
        'slug must be 1 to 190 characters',
      ],
      [
        'utm field over 255 characters',
        { url: 'https://example.com', utm_campaign: 'c'.repeat(256) },
        'utm_campaign',
        /255/,
      ],
      [
        'unknown field',
        { url: 'https://example.com', utmSource: 'camelCase typo' },
        'utmSource',
        'utmSource is not an accepted field',
      ],
      [
        'response-only field',
        { url: 'https://example.com', clicks: 1000 },
        'clicks',
        'clicks is not an accepted field',
      ],
      ['tagIds not an array', { url: 'https://example.com', tagIds: 'tag_x' }, 'tagIds', /array/],
      ['archived not a boolean', { url: 'https://example.com', archived: 'yes' }, 'archived', /boolean/],
      ['bad expiresAt', { url: 'https://example.com', expiresAt: 'next tuesday' }, 'expiresAt', /ISO 8601/],
      ['bad ios URL', { url: 'https://example.com', ios: 'javascript:alert(1)' }, 'ios', /ios/],
      [
        'lower-case geo code',
        { url: 'https://example.com', geo: { us: 'https://example.com' } },
        'geo',
        /ISO 3166-1 alpha-2/,
      ],
      [
        'unknown geo code',
        { url: 'https://example.com', geo: { ZZ: 'https://example.com' } },
        'geo',
        /ISO 3166-1 alpha-2/,
      ],
      [
        'geo URL',
        { url: 'https://example.com', geo: { US: 'javascript:alert(1)' } },
        'geo',
        'geo US must use http or https',
      ],
      ['geo not an object', { url: 'https://example.com', geo: ['https://example.com'] }, 'geo', /object/],
    ])('refuses a %s with 400', async (_case, body, field, message) => {
      expectFieldError(await create(starter.key, body), field, message);
    });

    it('reports every problem of a request at once', async () => {
      const response = await create(starter.key, { url: 'javascript:x', slug: 'api', utm_source: 'x'.repeat(300) });
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
        'slug',
        'url',
        'utm_source',
      ]);
    });

    it.each([
      ['url', { url: `https://${SHORT_DOMAIN}/other-link` }],
      ['url', { url: `HTTPS://LT.Test./x?y=1` }],
      ['expiredUrl', { url: 'https://example.com', expiredUrl: `https://${SHORT_DOMAIN}/x` }],
      ['android', { url: 'https://example.com', android: `http://${SHORT_DOMAIN}:8080/x` }],
      ['geo.DE', { url: 'https://example.com', geo: { DE: `https://${SHORT_DOMAIN}/de` } }],
      ['url', { url: 'http://localhost:3000/x' }],
      ['url', { url: 'http://127.0.0.2/x' }],
      ['ios', { url: 'https://example.com', ios: 'http://[::ffff:127.0.0.1]:3000/x' }],
      ['expiredUrl', { url: 'https://example.com', expiredUrl: 'https://[::1]/x' }],
    ])('refuses %s pointing to this server (a redirect loop): %j', async (field, body) => {
      expectFieldError(
        await create(starter.key, body),
        field,
        `${field} points to this server (a short link domain or a loopback address); a redirect there would loop`,
      );
    });

    it('accepts a loopback address on a port this server is not on', async () => {
      await create(starter.key, { url: 'http://127.0.0.1:4999/x' }).expect(201);
    });

    it('accepts a destination on a sub-domain of the short domain and on the dashboard host', async () => {
      await create(starter.key, { url: `https://www.${SHORT_DOMAIN}/` }).expect(201);
      await create(starter.key, { url: 'https://app.lt.test/settings' }).expect(201);
    });

    it('accepts a URL of exactly 8192 characters', async () => {
      const base = 'https://example.com/?q=';
      await create(starter.key, { url: base + 'a'.repeat(8192 - base.length) }).expect(201);
    });

    it("uses the workspace's verified custom domains; refuses unknown, pending and other workspaces' domains", async () => {
      const insertDomain = (workspaceId: string, hostname: string, status: string) =>
        testApp.dataSource.query(
          `INSERT INTO domains (id, workspace_id, hostname, status, verification_token) VALUES ($1, $2, $3, $4, 'token')`,
          [`dom_${randomBytes(8).toString('hex')}`, workspaceId, hostname, status],
        );
      const brand = `${unique('go')}.brand.com`;
      const pending = `${unique('pending')}.brand.com`;
      const foreign = `${unique('theirs')}.brand.com`;
      await insertDomain(starter.user.workspaceId, brand, 'verified');
      await insertDomain(starter.user.workspaceId, pending, 'pending');
      await insertDomain(other.user.workspaceId, foreign, 'verified');

      expectFieldError(
        await create(starter.key, { url: 'https://example.com', domain: 'go.unknown-brand.com' }),
        'domain',
        /is not one of this workspace's domains/,
      );
      expectFieldError(
        await create(starter.key, { url: 'https://example.com', domain: pending }),
        'domain',
        /is not verified yet/,
      );
      expectFieldError(
        await create(starter.key, { url: 'https://example.com', domain: foreign }),
        'domain',
        /is not one of this workspace's domains/,
      );

      const slug = unique('promo');
      const onBrand = await createLink(starter.key, { domain: brand.toUpperCase(), slug });
      expect(onBrand).toMatchObject({ domain: brand, slug, shortLink: `https://${brand}/${slug}` });
      // Slugs are unique per domain: the same slug on the default domain is another link.
      const onDefault = await createLink(starter.key, { slug });
      expect(onDefault.shortLink).toBe(`https://${SHORT_DOMAIN}/${slug}`);
      expect((await create(starter.key, { url: 'https://example.com', domain: brand, slug })).status).toBe(409);

      // A destination on any verified custom domain would redirect to itself.
      expectFieldError(await create(starter.key, { url: `https://${foreign}/x` }), 'url', /points to this server/);
      expectFieldError(await update(starter.key, onDefault.id, { domain: pending }), 'domain', /is not verified yet/);
      const moved = await update(starter.key, onDefault.id, { domain: brand, slug: unique('moved') }).expect(200);
      expect(moved.body.domain).toBe(brand);
    });

    it('applies the same rules on update', async () => {
      const link = await createLink(starter.key);
      expectFieldError(
        await update(starter.key, link.id, { url: 'file:///etc/passwd' }),
        'url',
        'url must use http or https',
      );
      expectFieldError(await update(starter.key, link.id, { url: `https://${SHORT_DOMAIN}/loop` }), 'url');
      expectFieldError(await update(starter.key, link.id, { slug: 'health' }), 'slug', /reserved/);
      expectFieldError(await update(starter.key, link.id, { id: 'link_other' }), 'id', 'id is not an accepted field');
      expect((await linkRow(link.id))!.url).toBe('https://example.com/');
    });
  });

  describe('uniqueness', () => {
    it('answers 409 for a slug already used on the domain, whatever the workspace and the slug case', async () => {
      const slug = unique('Promo');
      await createLink(starter.key, { slug });
      const again = await create(starter.key, { url: 'https://example.com/2', slug });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        statusCode: 409,
        code: 'conflict',
        message: `Slug "${slug}" is already in use on ${SHORT_DOMAIN}`,
      });
      const fromOtherWorkspace = await create(other.key, { url: 'https://example.com/3', slug });
      expect(fromOtherWorkspace.status).toBe(409);
      // Slugs are case-sensitive, like the random ones.
      await create(starter.key, { url: 'https://example.com/4', slug: slug.toUpperCase() }).expect(201);
    });

    it('answers 409 when an update moves onto a taken slug, and leaves the link as it was', async () => {
      const taken = await createLink(starter.key, { slug: unique('taken') });
      const link = await createLink(starter.key, { slug: unique('mine') });
      const response = await update(starter.key, link.id, { slug: taken.slug, title: 'changed' });
      expect(response.status).toBe(409);
      expect(response.body.message).toBe(`Slug "${taken.slug}" is already in use on ${SHORT_DOMAIN}`);
      expect((await linkRow(link.id))!).toMatchObject({ slug: link.slug, title: null });
      // Setting a link's own slug again is no conflict.
      await update(starter.key, link.id, { slug: link.slug }).expect(200);
    });

    it('keeps externalId unique per workspace only', async () => {
      const externalId = unique('ext');
      await createLink(starter.key, { externalId });
      const duplicate = await create(starter.key, { url: 'https://example.com', externalId });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({
        code: 'conflict',
        message: `externalId "${externalId}" is already used by another link of this workspace`,
      });
      await create(other.key, { url: 'https://example.com', externalId }).expect(201);

      const second = await createLink(starter.key);
      expect((await update(starter.key, second.id, { externalId })).status).toBe(409);
    });
  });

  describe('external ids', () => {
    it('reads, updates and deletes a link as ext_<externalId>, only within the caller’s workspace', async () => {
      const externalId = unique('order/7');
      const link = await createLink(starter.key, { externalId });
      const path = `ext_${encodeURIComponent(externalId)}`;
      expect((await get(starter.key, path).expect(200)).body.id).toBe(link.id);
      expect((await update(starter.key, path, { title: 'By external id' }).expect(200)).body).toMatchObject({
        id: link.id,
        title: 'By external id',
      });
      // Another workspace's external id is simply not found in the caller's workspace.
      await get(other.key, path).expect(404);
      await get(starter.key, 'ext_does-not-exist').expect(404);
      await remove(starter.key, path).expect(204);
      expect(await linkRow(link.id)).toBeUndefined();
    });
  });

  describe('folders, tags and UTM templates', () => {
    it('answers 400 naming the field for unknown folder, tag and template ids', async () => {
      expectFieldError(
        await create(starter.key, { url: 'https://example.com', folderId: 'fld_missing' }),
        'folderId',
        'Folder fld_missing not found',
      );
      const tagId = await insertTag(starter.user.workspaceId);
      expectFieldError(
        await create(starter.key, { url: 'https://example.com', tagIds: [tagId, 'tag_missing'] }),
        'tagIds',
        'Tag tag_missing not found',
      );
      expectFieldError(
        await create(starter.key, { url: 'https://example.com', utmTemplateId: 'utm_missing' }),
        'utmTemplateId',
        'UTM template utm_missing not found',
      );
      const link = await createLink(starter.key);
      expectFieldError(await update(starter.key, link.id, { folderId: 'fld_missing' }), 'folderId');
      expectFieldError(await update(starter.key, link.id, { tagIds: ['tag_missing'] }), 'tagIds');
    });

    it('answers 403 for another workspace’s folder, tag or template, on create and update', async () => {
      const foreignFolder = await insertFolder(other.user.workspaceId);
      const foreignTag = await insertTag(other.user.workspaceId);
      const foreignTemplate = await insertTemplate(other.user.workspaceId, { utm_source: 'theirs' });
      const ownTag = await insertTag(starter.user.workspaceId);
      expectForbidden(await create(starter.key, { url: 'https://example.com', folderId: foreignFolder }));
      expectForbidden(await create(starter.key, { url: 'https://example.com', tagIds: [ownTag, foreignTag] }));
      expectForbidden(await create(starter.key, { url: 'https://example.com', utmTemplateId: foreignTemplate }));
      const link = await createLink(starter.key);
      expectForbidden(await update(starter.key, link.id, { folderId: foreignFolder }));
      expectForbidden(await update(starter.key, link.id, { tagIds: [foreignTag] }));
      expectForbidden(await update(starter.key, link.id, { utmTemplateId: foreignTemplate }));
      expect((await linkRow(link.id))!.folder_id).toBeNull();
    });

    async function insertTemplate(workspaceId: string, fields: Record<string, string | null>): Promise<string> {
      const id = `utm_${randomBytes(8).toString('hex')}`;
      const columns = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'ref'];
      await testApp.dataSource.query(
        `INSERT INTO utm_templates (id, workspace_id, name, ${columns.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, workspaceId, unique('template'), ...columns.map((column) => fields[column] ?? null)],
      );
      return id;
    }

    it('applies a UTM template: its utm fields and ref, with the request’s own fields winning', async () => {
      const templateId = await insertTemplate(starter.user.workspaceId, {
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring',
        utm_content: null,
        ref: 'linktrace',
      });
      const response = await create(starter.key, {
        url: 'https://example.com/page?b=2&a=%20x#top',
        utmTemplateId: templateId,
        utm_medium: 'sms',
        utm_term: 'explicit',
      }).expect(201);
      expect(response.body).toMatchObject({
        url: 'https://example.com/page?b=2&a=%20x&ref=linktrace#top',
        utm_source: 'newsletter',
        utm_medium: 'sms',
        utm_campaign: 'spring',
        utm_term: 'explicit',
        utm_content: null,
      });
      expect(response.body).not.toHaveProperty('utmTemplateId');

      const keepsRef = await create(starter.key, {
        url: 'https://example.com/?ref=partner',
        utmTemplateId: templateId,
      }).expect(201);
      expect(keepsRef.body.url).toBe('https://example.com/?ref=partner');

      const link = await createLink(starter.key, {
        url: 'https://example.com/x',
        utm_source: 'manual',
        utm_term: 'kept',
      });
      const updated = await update(starter.key, link.id, { utmTemplateId: templateId, utm_campaign: null }).expect(200);
      expect(updated.body).toMatchObject({
        url: 'https://example.com/x?ref=linktrace',
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: null,
        utm_term: 'kept',
      });
    });
  });

  describe('access', () => {
    it('answers 403 for another workspace’s link on GET, PATCH and DELETE, and 404 for an unknown id', async () => {
      const link = await createLink(starter.key, { title: 'private' });
      expectForbidden(await get(other.key, link.id));
      expectForbidden(await update(other.key, link.id, { title: 'stolen' }));
      expectForbidden(await remove(other.key, link.id));
      expect((await linkRow(link.id))!.title).toBe('private');
      const missing = await get(other.key, 'link_doesnotexist00000').expect(404);
      expect(missing.body).toMatchObject({ code: 'not_found', message: 'Link not found' });
    });

    it('lets a links:read key list and read, but not write', async () => {
      const { key } = await createKey(starter.user, { scopes: ['links:read'], ...FAST });
      const link = await createLink(starter.key);
      await list(key).expect(200);
      await get(key, link.id).expect(200);
      for (const response of [
        await create(key, { url: 'https://example.com' }),
        await update(key, link.id, { title: 'x' }),
        await remove(key, link.id),
      ]) {
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ code: 'insufficient_scope', message: 'Missing required scope: links' });
      }
      expect(await linkRow(link.id)).toBeDefined();
    });

    it('refuses a key without a links scope', async () => {
      const { key } = await createKey(starter.user, { scopes: ['tags', 'analytics'], ...FAST });
      const listed = await list(key).expect(403);
      expect(listed.body).toMatchObject({ code: 'insufficient_scope', message: 'Missing required scope: links:read' });
      const created = await create(key, { url: 'https://example.com' }).expect(403);
      expect(created.body).toMatchObject({ code: 'insufficient_scope', message: 'Missing required scope: links' });
    });

    it('refuses requests without credentials', async () => {
      const response = await api().get('/api/v1/links').expect(401);
      expect(response.body).toMatchObject({ code: 'unauthorized', message: 'Missing or invalid API key' });
    });

    it('attributes links created with a machine user’s key to that machine user', async () => {
      const machine = await createKey(starter.user, {
        name: 'CI pipeline',
        scopes: ['links'],
        machineUser: true,
        ...FAST,
      });
      const machineUserId = (machine.body.owner as { id: string }).id;
      const response = await create(machine.key, { url: 'https://example.com/ci' }).expect(201);
      expect(response.body.createdBy).toEqual({ id: machineUserId, name: 'CI pipeline', type: 'machine' });
      expect(machineUserId).not.toBe(starter.user.userId);
      expect((await linkRow(response.body.id))!.created_by_id).toBe(machineUserId);
    });
  });

  describe('plan gate for link controls', () => {
    const controls: [string, Record<string, unknown>][] = [
      ['password', { password: 'secret' }],
      ['expiresAt', { expiresAt: '2030-01-01T00:00:00Z' }],
      ['expiredUrl', { expiredUrl: 'https://example.com/expired' }],
      ['ios', { ios: 'https://apps.apple.com/app/id1' }],
      ['android', { android: 'https://play.google.com/store' }],
      ['geo', { geo: { US: 'https://example.com/us' } }],
    ];
    let free: Workspace;
    let freeLink: LinkDto;

    beforeAll(async () => {
      free = await newWorkspace('free');
      freeLink = await createLink(free.key);
    });

    it.each(controls)(
      'refuses %s on the free plan with 403 plan_upgrade_required, on create and update',
      async (_field, fields) => {
        for (const response of [
          await create(free.key, { url: 'https://example.com', ...fields }),
          await update(free.key, freeLink.id, fields),
        ]) {
          expect(response.status).toBe(403);
          expect(response.body).toMatchObject({
            statusCode: 403,
            code: 'plan_upgrade_required',
            requiredPlan: 'starter',
            message: CONTROLS_MESSAGE,
          });
        }
      },
    );

    it('lets a free workspace clear a control (null) and use every other field', async () => {
      const body = {
        url: 'https://example.com',
        password: null,
        geo: null,
        trackConversion: true,
        utm_source: 'x',
        title: 't',
      };
      await create(free.key, body).expect(201);
      await update(free.key, freeLink.id, { expiresAt: null, ios: null }).expect(200);
    });

    it('accepts every control once the workspace is on the starter plan', async () => {
      const workspace = await newWorkspace('free');
      const all = Object.assign({ url: 'https://example.com' }, ...controls.map(([, fields]) => fields));
      expect((await create(workspace.key, all)).status).toBe(403);
      await setPlan(testApp, workspace.user.workspaceId, 'starter');
      const response = await create(workspace.key, all).expect(201);
      expect(response.body).toMatchObject({
        hasPassword: true,
        expiresAt: '2030-01-01T00:00:00.000Z',
        geo: { US: 'https://example.com/us' },
      });
    });
  });

  describe('monthly quota of new links', () => {
    const FREE_LIMIT = 250;

    /** Links created directly in the database, `monthsAgo` calendar months back (0 = this month), and counted as created. */
    async function insertLinks(workspaceId: string, count: number, monthsAgo = 0): Promise<void> {
      const prefix = randomBytes(4).toString('hex');
      await testApp.dataSource.query(
        `INSERT INTO links (id, workspace_id, domain, slug, url, created_at)
         SELECT 'link_q' || $2 || g, $1, $3, 'q' || $2 || g, 'https://example.com/' || g,
                CASE WHEN $5::int = 0 THEN now() ELSE date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => 1 + 31 * ($5::int - 1)) END
         FROM generate_series(1, $4::int) g`,
        [workspaceId, prefix, SHORT_DOMAIN, count, monthsAgo],
      );
      await testApp.dataSource.query(
        `INSERT INTO workspace_usage (workspace_id, month, links_created)
         VALUES ($1, (date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => $3::int))::date, $2)
         ON CONFLICT (workspace_id, month) DO UPDATE SET links_created = workspace_usage.links_created + $2`,
        [workspaceId, count, monthsAgo],
      );
    }

    it('counts links created this month even after they are deleted', async () => {
      const workspace = await newWorkspace('free');
      await insertLinks(workspace.user.workspaceId, FREE_LIMIT - 1);
      const last = await createLink(workspace.key);
      await remove(workspace.key, last.id).expect(204);
      const refused = await create(workspace.key, { url: 'https://example.com' });
      expect(refused.status).toBe(403);
      const [usage] = await testApp.dataSource.query(
        'SELECT links_created FROM workspace_usage WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(usage.links_created).toBe(FREE_LIMIT);
    });

    it('counts only this calendar month’s links and answers 403 quota_exceeded at the limit', async () => {
      const workspace = await newWorkspace('free');
      await insertLinks(workspace.user.workspaceId, 40, 1);
      await insertLinks(workspace.user.workspaceId, FREE_LIMIT - 1);
      await createLink(workspace.key);
      const refused = await create(workspace.key, { url: 'https://example.com' });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        statusCode: 403,
        code: 'quota_exceeded',
        limit: FREE_LIMIT,
        message: 'Monthly new links limit reached for the free plan',
      });
      const [{ count }] = await testApp.dataSource.query(
        'SELECT count(*)::int AS count FROM links WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(count).toBe(FREE_LIMIT + 40);

      // Editing needs no quota; a bigger plan lifts it.
      const [{ id }] = await testApp.dataSource.query('SELECT id FROM links WHERE workspace_id = $1 LIMIT 1', [
        workspace.user.workspaceId,
      ]);
      await update(workspace.key, id, { title: 'still editable' }).expect(200);
      await setPlan(testApp, workspace.user.workspaceId, 'starter');
      await create(workspace.key, { url: 'https://example.com' }).expect(201);
    });

    it('lets exactly the remaining number of concurrent creates through', async () => {
      const workspace = await newWorkspace('free');
      const remaining = 3;
      const attempts = 10;
      await insertLinks(workspace.user.workspaceId, FREE_LIMIT - remaining);
      // On a real PostgreSQL, a barrier makes the race certain rather than likely: every create waits on a
      // lock of the links table until all of them are in flight, then all are let go at once. (PGlite has a
      // single connection, so there the creates are serialized anyway.)
      const barrier = process.env.DATABASE_URL ? testApp.dataSource.createQueryRunner() : null;
      if (barrier) {
        await barrier.connect();
        await barrier.startTransaction();
        await barrier.query('LOCK TABLE links IN ACCESS EXCLUSIVE MODE');
      }
      const pending = Promise.all(
        Array.from({ length: attempts }, (_, index) => create(workspace.key, { url: `https://example.com/${index}` })),
      );
      if (barrier) {
        await waitForLockWaiters(
          (sql) => testApp.dataSource.query(sql),
          attempts,
          `${attempts} creates to reach the barrier`,
        );
        await barrier.commitTransaction();
        await barrier.release();
      }
      const responses = await pending;
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([...Array(remaining).fill(201), ...Array(attempts - remaining).fill(403)]);
      for (const response of responses.filter((candidate) => candidate.status === 403))
        expect(response.body.code).toBe('quota_exceeded');
      const [{ count }] = await testApp.dataSource.query(
        'SELECT count(*)::int AS count FROM links WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(count).toBe(FREE_LIMIT);
    });
  });

  describe('listing', () => {
    let lister: Workspace;
    let all: LinkDto[];
    let folderId: string;
    let tagId: string;

    beforeAll(async () => {
      lister = await newWorkspace('starter');
      folderId = await insertFolder(lister.user.workspaceId);
      tagId = await insertTag(lister.user.workspaceId);
      all = [];
      for (let index = 0; index < 9; index++) {
        all.push(
          await createLink(lister.key, {
            url: `https://example.com/item/${index}${index === 4 ? '?Q=FindMeInUrl' : ''}`,
            slug: index === 2 ? unique('SearchSlug') : undefined,
            title: index === 6 ? 'A 100%_literal Title' : `Item ${index}`,
            folderId: index % 3 === 0 ? folderId : undefined,
            tagIds: index % 2 === 0 ? [tagId] : [],
            archived: index >= 7,
          }),
        );
      }
      // Ties that only the id can break, and times a millisecond cursor would confuse (same millisecond, other microseconds).
      const times = [
        '2026-01-01 10:00:00.123456+00',
        '2026-01-01 10:00:00.123456+00',
        '2026-01-01 10:00:00.123001+00',
        '2026-01-01 10:00:00.123999+00',
        '2026-01-01 10:00:00.123456+00',
      ];
      for (const [index, time] of times.entries())
        await testApp.dataSource.query('UPDATE links SET created_at = $1 WHERE id = $2', [time, all[index].id]);
      const clicks = [5, 5, 5, 0, 12, 0, 5, 1, 12];
      for (const [index, count] of clicks.entries())
        await testApp.dataSource.query('UPDATE links SET clicks = $1 WHERE id = $2', [count, all[index].id]);
    });

    async function expectedOrder(orderBy: string): Promise<string[]> {
      const rows = await testApp.dataSource.query(`SELECT id FROM links WHERE workspace_id = $1 ORDER BY ${orderBy}`, [
        lister.user.workspaceId,
      ]);
      return rows.map((row: { id: string }) => row.id);
    }

    async function walk(query: Record<string, string | number | boolean>): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const response = await list(lister.key, { ...query, ...(cursor ? { cursor } : {}) }).expect(200);
        expect(response.body.data.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
        ids.push(...response.body.data.map((link: LinkDto) => link.id));
        cursor = response.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 20);
      return { ids, pages };
    }

    it('pages through every link newest first, ties broken by id, without skipping or repeating', async () => {
      const expected = await expectedOrder('created_at DESC, id DESC');
      for (const limit of [1, 2, 4]) {
        const { ids, pages } = await walk({ limit });
        expect(ids).toEqual(expected);
        expect(pages).toBe(Math.ceil(expected.length / limit));
      }
      const first = await list(lister.key).expect(200);
      expect(first.body.data.map((link: LinkDto) => link.id)).toEqual(expected);
      expect(first.body.nextCursor).toBeNull();
    });

    it('pages through every link most clicked first, ties broken by id', async () => {
      const expected = await expectedOrder('clicks DESC, id DESC');
      for (const limit of [1, 2, 3]) expect((await walk({ limit, sort: 'clicks' })).ids).toEqual(expected);
      const page = await list(lister.key, { sort: 'clicks', limit: 2 }).expect(200);
      expect(page.body.data.map((link: LinkDto) => link.clicks)).toEqual([12, 12]);
    });

    it('returns full links in the list, the same as GET', async () => {
      const page = await list(lister.key, { limit: 100 }).expect(200);
      const listed = page.body.data.find((link: LinkDto) => link.id === all[0].id);
      const fetched = await get(lister.key, all[0].id).expect(200);
      expect(listed).toEqual(fetched.body);
      expect(listed.tags).toHaveLength(1);
      expect(listed.folder).toEqual({ id: folderId, name: expect.any(String) });
    });

    it('filters by folder, tag, archived and domain, and combines filters', async () => {
      const ids = async (query: Record<string, string | boolean>) => (await walk({ limit: 2, ...query })).ids.sort();
      const idsWhere = (predicate: (index: number) => boolean) =>
        all
          .filter((_, index) => predicate(index))
          .map((link) => link.id)
          .sort();
      expect(await ids({ folderId })).toEqual(idsWhere((index) => index % 3 === 0));
      expect(await ids({ tagId })).toEqual(idsWhere((index) => index % 2 === 0));
      expect(await ids({ archived: true })).toEqual(idsWhere((index) => index >= 7));
      expect(await ids({ archived: false })).toEqual(idsWhere((index) => index < 7));
      expect(await ids({})).toEqual(idsWhere(() => true));
      expect(await ids({ domain: SHORT_DOMAIN.toUpperCase() })).toEqual(idsWhere(() => true));
      expect(await ids({ domain: 'other.example' })).toEqual([]);
      expect(await ids({ tagId, archived: false, folderId })).toEqual(
        idsWhere((index) => index % 6 === 0 && index < 7),
      );
      expect(await ids({ folderId: 'fld_unknown' })).toEqual([]);
    });

    it('searches slug, url and title case-insensitively, with % and _ taken literally', async () => {
      const search = async (term: string) =>
        (await list(lister.key, { search: term }).expect(200)).body.data.map((link: LinkDto) => link.id);
      expect(await search('searchslug')).toEqual([all[2].id]);
      expect(await search('findmeinurl')).toEqual([all[4].id]);
      expect(await search('100%_LITERAL')).toEqual([all[6].id]);
      expect(await search('item 1')).toEqual([all[1].id]);
      expect(await search('%')).toEqual([all[6].id]);
      expect(await search('nothing like this')).toEqual([]);
    });

    it('never lists another workspace’s links', async () => {
      const { ids } = await walk({ limit: 100 });
      expect(ids).toHaveLength(all.length);
      const theirs = await list(other.key, { limit: 100 }).expect(200);
      expect(theirs.body.data.some((link: LinkDto) => ids.includes(link.id))).toBe(false);
    });

    it.each([
      ['limit', { limit: 0 }],
      ['limit', { limit: 101 }],
      ['limit', { limit: 'ten' }],
      ['sort', { sort: 'title' }],
      ['archived', { archived: 'maybe' }],
      ['cursor', { cursor: 'not-a-cursor' }],
      ['unknown', { unknown: 'x' }],
    ])('refuses a bad %s with 400', async (field, query) => {
      expectFieldError(await list(lister.key, query as Record<string, string | number>), field);
    });

    it('refuses a cursor of one sort used with the other', async () => {
      const byDate = await list(lister.key, { limit: 1 }).expect(200);
      expectFieldError(
        await list(lister.key, { limit: 1, sort: 'clicks', cursor: byDate.body.nextCursor }),
        'cursor',
        'cursor is not a value returned as nextCursor for this list',
      );
      const byClicks = await list(lister.key, { limit: 1, sort: 'clicks' }).expect(200);
      expectFieldError(await list(lister.key, { limit: 1, cursor: byClicks.body.nextCursor }), 'cursor');
    });
  });
});
