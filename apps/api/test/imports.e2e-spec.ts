import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import type { ImportDryRunDto, ImportDto } from '../src/imports/dto/import.dto';
import { ImportClock } from '../src/imports/import-clock';
import { ImportWorker, MAX_IMPORT_ATTEMPTS } from '../src/imports/import.worker';

const SHORT_DOMAIN = 'lt.test';
const FIXTURES = join(__dirname, 'fixtures/imports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

interface Workspace {
  user: SignedUpUser;
  key: string;
}

describe('Link imports', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      SHORT_DOMAIN,
      PUBLIC_URL: 'https://app.lt.test',
      COOKIE_SECURE: 'false',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '0',
      // The spec runs the worker itself, so each test knows when a job has run.
      IMPORT_POLL_INTERVAL_MS: '0',
    });
  });

  afterAll(() => testApp?.close());

  async function newWorkspace(plan: 'free' | 'starter' = 'starter'): Promise<Workspace> {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, plan);
    const { key } = await createKey(user, { scopes: ['links'], rateLimit: 100_000 });
    return { user, key };
  }

  const upload = (key: string, file: Buffer | string, fields: Record<string, string> = {}, name = 'links.csv') => {
    const call = testApp.http().post('/api/v1/imports').set(bearer(key));
    for (const [field, value] of Object.entries(fields)) call.field(field, value);
    return call.attach('file', Buffer.from(file), name);
  };
  const runImports = () => testApp.app.get(ImportWorker).runOnce();
  const linksOf = (workspaceId: string) =>
    testApp.dataSource.query(
      `SELECT link.slug, link.domain, link.url, link.title, link.external_id, link.created_at, folder.name AS folder,
         (SELECT array_agg(tag.name ORDER BY tag.name) FROM link_tag_assignments assignment
          JOIN link_tags tag ON tag.id = assignment.tag_id WHERE assignment.link_id = link.id) AS tags
       FROM links link LEFT JOIN link_folders folder ON folder.id = link.folder_id
       WHERE link.workspace_id = $1 ORDER BY link.url`,
      [workspaceId],
    );

  async function importAndRun(workspace: Workspace, file: Buffer | string, fields: Record<string, string> = {}) {
    const queued = await upload(workspace.key, file, fields).expect(202);
    expect(queued.body).toMatchObject({ status: 'queued', processedRows: 0 });
    await runImports();
    const done = await testApp.http().get(`/api/v1/imports/${queued.body.id}`).set(bearer(workspace.key)).expect(200);
    return done.body as ImportDto;
  }

  describe('dry run', () => {
    it.each([
      ['bitly.csv', 'bitly', ['3Xk9aQz', 'launch-day', '2ZzYyXx'], 'bit.ly'],
      ['rebrandly.csv', 'rebrandly', ['tour', 'pricing-2025'], 'rebrand.ly'],
      ['shortio.csv', 'shortio', ['webinar', 'docs-home'], 'short.example.io'],
    ])('detects %s as %s and would create each row on the default domain', async (file, format, _slugs, domain) => {
      const workspace = await newWorkspace();
      const response = await upload(workspace.key, fixture(file), { dryRun: 'true' }).expect(200);
      const body: ImportDryRunDto = response.body;
      expect(body.format).toBe(format);
      expect(body.counts).toEqual({ created: body.totalRows, updated: 0, conflict: 0, error: 0 });
      expect(body.rows.map((row) => [row.row, row.status])).toEqual(
        Array.from({ length: body.totalRows }, (_, index) => [index + 1, 'created']),
      );
      expect(body.rows[0].note).toBe(`${domain} is not a domain of this workspace: the link is on ${SHORT_DOMAIN}`);
      // Nothing written: no link, no tag, no job.
      expect(await linksOf(workspace.user.workspaceId)).toEqual([]);
      const [{ tags }] = await testApp.dataSource.query(
        'SELECT count(*)::int AS tags FROM link_tags WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(tags).toBe(0);
    });

    it('reports per row what would fail, conflict or be updated, and the monthly quota', async () => {
      const workspace = await newWorkspace('free');
      await importAndRun(workspace, 'url,slug,externalId\nhttps://example.com/kept,kept,crm-kept\n');
      await testApp.dataSource.query(`UPDATE workspace_usage SET links_created = 249 WHERE workspace_id = $1`, [
        workspace.user.workspaceId,
      ]);
      const file = [
        'url,slug,externalId',
        'https://example.com/1,kept,', // the short link is taken: a conflict
        'https://example.com/2,,crm-kept', // the external id too
        'ftp://example.com/3,,', // not an http(s) URL
        'https://example.com/4,new-one,', // the last link of the month
        'https://example.com/5,new-one,', // the same slug as the row before
        'https://example.com/6,,', // over the quota
      ].join('\n');
      const skip: ImportDryRunDto = (await upload(workspace.key, file, { dryRun: 'true' }).expect(200)).body;
      expect(skip.rows.map((row) => [row.status, row.error?.code ?? null])).toEqual([
        ['conflict', 'conflict'],
        ['conflict', 'conflict'],
        ['error', 'validation_failed'],
        ['created', null],
        ['conflict', 'conflict'],
        ['error', 'quota_exceeded'],
      ]);
      expect(skip.rows[0].error!.message).toBe(`Slug "kept" is already in use on ${SHORT_DOMAIN}`);
      expect(skip.rows[2].error!.message).toBe('url must use http or https');
      expect(skip.rows[4].error!.message).toBe('Row 4 has the same key');

      const update: ImportDryRunDto = (
        await upload(workspace.key, file, { dryRun: 'true', onConflict: 'update' }).expect(200)
      ).body;
      expect(update.rows.slice(0, 2).map((row) => row.status)).toEqual(['updated', 'updated']);
      expect(update.counts).toEqual({ created: 1, updated: 2, conflict: 1, error: 2 });
    });
  });

  describe('import job', () => {
    it('imports LinkTrace CSV: slugs, titles, tags and folder by name, external ids, dates; reports each row', async () => {
      const workspace = await newWorkspace();
      const job = await importAndRun(workspace, fixture('linktrace.csv'));
      expect(job).toMatchObject({
        format: 'linktrace',
        status: 'completed',
        totalRows: 3,
        processedRows: 3,
        counts: { created: 2, updated: 0, conflict: 0, error: 1 },
        problems: [{ row: 3, status: 'error', error: { code: 'validation_failed' } }],
        fileName: 'links.csv',
      });
      const links = await linksOf(workspace.user.workspaceId);
      expect(links).toHaveLength(2);
      expect(links[0]).toMatchObject({
        slug: 'import-a',
        domain: SHORT_DOMAIN,
        title: 'First',
        external_id: 'crm-a',
        folder: 'Campaigns',
        tags: ['alpha', 'beta'],
      });
      expect(new Date(links[0].created_at).toISOString()).toBe('2025-06-01T00:00:00.000Z');
      expect(links[1]).toMatchObject({ url: 'https://example.com/b', external_id: 'crm-b', tags: null });

      const report = await testApp
        .http()
        .get(`/api/v1/imports/${job.id}/report`)
        .set(bearer(workspace.key))
        .expect(200);
      expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = report.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('row,status,linkId,shortLink,errorCode,error,note');
      expect(lines[1]).toMatch(new RegExp(`^1,created,link_\\w+,https://${SHORT_DOMAIN}/import-a,,,$`));
      expect(lines[2]).toMatch(/^2,created,link_\w+,https:\/\/lt\.test\/\w{7},,,$/);
      expect(lines[3]).toMatch(/^3,error,,,validation_failed,/);
      // The imported link redirects.
      await testApp.http().get('/import-a').set('Host', SHORT_DOMAIN).expect(302);
    });

    it('keeps another platform’s slugs on the default domain and says so', async () => {
      const workspace = await newWorkspace();
      const job = await importAndRun(workspace, fixture('bitly.csv'));
      expect(job.counts).toEqual({ created: 3, updated: 0, conflict: 0, error: 0 });
      const links = await linksOf(workspace.user.workspaceId);
      expect(links.map((link: { slug: string }) => link.slug).sort()).toEqual(['2ZzYyXx', '3Xk9aQz', 'launch-day']);
      expect(links.find((link: { slug: string }) => link.slug === 'launch-day')).toMatchObject({
        title: 'Launch day, 2025',
        domain: SHORT_DOMAIN,
        tags: ['launch'],
      });
      const report = await testApp
        .http()
        .get(`/api/v1/imports/${job.id}/report`)
        .set(bearer(workspace.key))
        .expect(200);
      expect(report.text).toContain(`bit.ly is not a domain of this workspace: the link is on ${SHORT_DOMAIN}`);
    });

    it('reports conflicts and never overwrites them, unless onConflict=update', async () => {
      const workspace = await newWorkspace();
      await importAndRun(workspace, 'url,slug,title\nhttps://example.com/old,same,Old\n');
      const skipped = await importAndRun(workspace, 'url,slug,title\nhttps://example.com/new,same,New\n');
      expect(skipped.counts).toEqual({ created: 0, updated: 0, conflict: 1, error: 0 });
      expect(skipped.problems[0]).toMatchObject({ row: 1, status: 'conflict', error: { code: 'conflict' } });
      expect((await linksOf(workspace.user.workspaceId))[0]).toMatchObject({ url: 'https://example.com/old' });

      const updated = await importAndRun(workspace, 'url,slug,title\nhttps://example.com/new,same,New\n', {
        onConflict: 'update',
      });
      expect(updated.counts).toEqual({ created: 0, updated: 1, conflict: 0, error: 0 });
      expect(await linksOf(workspace.user.workspaceId)).toEqual([
        expect.objectContaining({ slug: 'same', url: 'https://example.com/new', title: 'New' }),
      ]);
    });

    it('never updates another workspace’s link: its slug is a conflict even with onConflict=update', async () => {
      const owner = await newWorkspace();
      await importAndRun(owner, 'url,slug\nhttps://example.com/theirs,shared-slug\n');
      const other = await newWorkspace();
      const job = await importAndRun(other, 'url,slug\nhttps://example.com/mine,shared-slug\n', {
        onConflict: 'update',
      });
      expect(job.counts).toEqual({ created: 0, updated: 0, conflict: 1, error: 0 });
      expect(job.problems[0].linkId).toBeNull();
      expect((await linksOf(owner.user.workspaceId))[0].url).toBe('https://example.com/theirs');
    });

    it('applies the monthly quota per row', async () => {
      const workspace = await newWorkspace('free');
      await testApp.dataSource.query(
        `INSERT INTO workspace_usage (workspace_id, month, links_created)
         VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 248)`,
        [workspace.user.workspaceId],
      );
      const rows = Array.from({ length: 5 }, (_, index) => `https://example.com/${index}`);
      const job = await importAndRun(workspace, ['url', ...rows].join('\n'));
      expect(job.counts).toEqual({ created: 2, updated: 0, conflict: 0, error: 3 });
      expect(job.problems.map((problem) => [problem.row, problem.error?.code])).toEqual([
        [3, 'quota_exceeded'],
        [4, 'quota_exceeded'],
        [5, 'quota_exceeded'],
      ]);
    });

    it('writes a link.created webhook event for each imported link', async () => {
      const workspace = await newWorkspace();
      const webhook = await workspace.user.agent
        .post('/api/v1/webhooks')
        .set('X-CSRF-Token', workspace.user.csrf)
        .send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['link.created'] })
        .expect(201);
      await importAndRun(workspace, fixture('rebrandly.csv'));
      const events = await testApp.dataSource.query(
        `SELECT event.body FROM webhook_events event JOIN webhook_deliveries delivery ON delivery.event_id = event.id
         WHERE delivery.webhook_id = $1`,
        [webhook.body.id],
      );
      expect(events.map((event: { body: string }) => JSON.parse(event.body).data.slug).sort()).toEqual([
        'pricing-2025',
        'tour',
      ]);
      expect(JSON.parse(events[0].body)).toMatchObject({
        type: 'link.created',
        data: { tags: [{ name: 'onboarding' }] },
      });
    });

    it('answers 409 for the report of an import that has not run yet, 403 for another workspace’s', async () => {
      const workspace = await newWorkspace();
      const queued = await upload(workspace.key, 'url\nhttps://example.com/later\n').expect(202);
      const report = await testApp.http().get(`/api/v1/imports/${queued.body.id}/report`).set(bearer(workspace.key));
      expect(report.status).toBe(409);
      expect(report.body.code).toBe('conflict');
      const other = await newWorkspace();
      const foreign = await testApp.http().get(`/api/v1/imports/${queued.body.id}`).set(bearer(other.key));
      expect(foreign.status).toBe(403);
      await runImports();
    });

    it('retries a job that fails unexpectedly, fails it after the last attempt, and goes on with the others', async () => {
      const workspace = await newWorkspace();
      const broken = await upload(workspace.key, 'url\nhttps://example.com/broken\n').expect(202);
      const fine = await upload(workspace.key, 'url\nhttps://example.com/fine\n').expect(202);
      // A chunk that cannot be read (stored rows lost): every round of this job throws.
      await testApp.dataSource.query(`UPDATE link_import_chunks SET rows = 'null'::jsonb WHERE import_id = $1`, [
        broken.body.id,
      ]);
      const get = async (id: string) =>
        (await testApp.http().get(`/api/v1/imports/${id}`).set(bearer(workspace.key)).expect(200)).body as ImportDto;
      const clock = jest.spyOn(testApp.app.get(ImportClock), 'now');
      try {
        await runImports();
        expect(await get(fine.body.id)).toMatchObject({ status: 'completed', counts: { created: 1 } });
        expect(await get(broken.body.id)).toMatchObject({ status: 'running', failure: null });
        // Not retried before its wait is over, then once per wait until the last attempt.
        expect(await runImports()).toBe(false);
        for (let attempt = 2; attempt <= MAX_IMPORT_ATTEMPTS; attempt++) {
          const later = new Date(Date.now() + attempt * attempt * 60_000);
          clock.mockImplementation(() => later);
          expect(await runImports()).toBe(true);
        }
        const failed = await get(broken.body.id);
        expect(failed).toMatchObject({ status: 'failed', processedRows: 0 });
        expect(failed.failure).toMatch(`unexpected error ${MAX_IMPORT_ATTEMPTS} times`);
        clock.mockImplementation(() => new Date(Date.now() + 24 * 3_600_000));
        expect(await runImports()).toBe(false);
      } finally {
        clock.mockRestore();
      }
    });

    it('lets an owner import through the dashboard session', async () => {
      const workspace = await newWorkspace();
      const response = await workspace.user.agent
        .post('/api/v1/imports')
        .set('X-CSRF-Token', workspace.user.csrf)
        .field('dryRun', 'true')
        .attach('file', Buffer.from('url\nhttps://example.com/1\nhttps://example.com/2\n'), 'links.csv')
        .expect(200);
      expect(response.body.counts).toEqual({ created: 2, updated: 0, conflict: 0, error: 0 });
    });
  });

  describe('refused files', () => {
    it.each([
      [
        'an unbalanced quote',
        'url,title\nhttps://example.com/a,"fine"\nhttps://example.com/b,"open\n',
        {},
        /^Row 2 \(line \d\): /,
      ],
      [
        'a row with too many cells',
        'url,title\nhttps://example.com/a,x\nhttps://example.com/b,x,y\n',
        {},
        /^Row 2 \(line 3\): /,
      ],
      ['an unknown format', 'address,name\nhttps://example.com,x\n', {}, /^Unknown CSV format/],
      [
        'no URL column for the named format',
        'url,title\nhttps://example.com,x\n',
        { format: 'bitly' },
        /no "long_url" column/,
      ],
      ['an empty file', '', {}, /empty/],
    ])('refuses %s with 400 invalid_csv', async (_case, file, fields, message) => {
      const workspace = await newWorkspace();
      const response = await upload(workspace.key, file, fields).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'invalid_csv' });
      expect(response.body.message).toMatch(message);
      const [{ jobs }] = await testApp.dataSource.query(
        'SELECT count(*)::int AS jobs FROM link_imports WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(jobs).toBe(0);
    });

    it('refuses a file declared over 50 MB with 413 before reading it', async () => {
      const workspace = await newWorkspace();
      const boundary = 'x-boundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\nurl\n`;
      // A raw request: its announced length is not what it sends.
      const server = testApp.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const call = httpRequest(
          `http://127.0.0.1:${port}/api/v1/imports`,
          {
            method: 'POST',
            headers: {
              ...bearer(workspace.key),
              'Content-Type': `multipart/form-data; boundary=${boundary}`,
              'Content-Length': String(51 * 1024 * 1024),
            },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode!, body }));
          },
        );
        call.on('error', reject);
        // Only the start of the announced 51 MB is ever sent.
        call.write(head);
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
    });

    it('refuses a file that streams past 50 MB without a declared size with 413, and stores nothing', async () => {
      const workspace = await newWorkspace();
      const boundary = 'x-boundary';
      const server = testApp.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      // 1 MB of valid rows, sent 51 times in chunked encoding (no Content-Length to refuse it by).
      const rows = 'https://example.com/a-long-enough-destination-path\n'.repeat(20_000);
      const megabyte = Buffer.from(rows.padEnd(1024 * 1024, 'x').slice(0, 1024 * 1024 - 1) + '\n');
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const call = httpRequest(
          `http://127.0.0.1:${port}/api/v1/imports`,
          {
            method: 'POST',
            headers: { ...bearer(workspace.key), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
          },
          (response) => {
            let body = '';
            response.on('data', (chunk: Buffer) => (body += chunk.toString()));
            response.on('end', () => resolve({ status: response.statusCode!, body }));
          },
        );
        // The server may answer and close before the whole body is sent.
        call.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
        });
        void (async () => {
          call.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\nurl\n`);
          for (let sent = 0; sent < 51 && !call.destroyed; sent++) {
            if (!call.write(megabyte)) await new Promise((resolve) => call.once('drain', resolve));
          }
          call.end(`\r\n--${boundary}--\r\n`);
        })();
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'payload_too_large' });
      const [{ jobs }] = await testApp.dataSource.query(
        'SELECT count(*)::int AS jobs FROM link_imports WHERE workspace_id = $1',
        [workspace.user.workspaceId],
      );
      expect(jobs).toBe(0);
    }, 120_000);

    it('refuses a JSON body with 415 and a bad option with 400', async () => {
      const workspace = await newWorkspace();
      const json = await testApp.http().post('/api/v1/imports').set(bearer(workspace.key)).send({ url: 'x' });
      expect(json.status).toBe(415);
      const option = await upload(workspace.key, fixture('bitly.csv'), { onConflict: 'overwrite' }).expect(400);
      expect(option.body.errors).toEqual([
        { field: 'onConflict', message: expect.stringContaining('onConflict must be one of') },
      ]);
    });

    it('refuses a multipart body on a JSON route with 415', async () => {
      const workspace = await newWorkspace();
      const response = await testApp
        .http()
        .post('/api/v1/links')
        .set(bearer(workspace.key))
        .attach('file', Buffer.from('url\n'), 'x.csv');
      expect(response.status).toBe(415);
    });
  });
});
