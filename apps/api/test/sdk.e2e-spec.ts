import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AuthenticationError,
  ConflictError,
  ConnectionError,
  LinkTrace,
  LinkTraceError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '@linktrace/sdk';
import { TestDnsServer } from '../../../test/helpers/dns-server';
import { createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { ImportWorker } from '../src/imports/import.worker';

const ALL_SCOPES = ['links', 'analytics', 'conversions', 'domains', 'folders', 'tags', 'utm_templates', 'api_keys'];
const FAST = { rateLimit: 100_000 };
async function rejection(promise: Promise<unknown>): Promise<LinkTraceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LinkTraceError);
    return error as LinkTraceError;
  }
  throw new Error('expected the call to fail');
}

describe('@linktrace/sdk against the running API', () => {
  const dnsServer = new TestDnsServer();
  let testApp: TestApp;
  let baseUrl: string;
  let owner: SignedUpUser;
  let client: LinkTrace;

  beforeAll(async () => {
    await dnsServer.start();
    testApp = await startTestApp({
      SHORT_DOMAIN: 'lt.test',
      DNS_SERVERS: dnsServer.address,
      DOMAIN_CNAME_TARGET: 'cname.lt.test',
      // The imports spec runs the worker itself.
      IMPORT_POLL_INTERVAL_MS: '0',
    });
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
    owner = await signUp(testApp);
    await setPlan(testApp, owner.workspaceId, 'creator');
    const { key } = await createKey(owner, { scopes: ALL_SCOPES, ...FAST });
    client = new LinkTrace({ apiKey: key, baseUrl, retry: { baseDelayMs: 1 } });
  });

  afterAll(async () => {
    await testApp?.close();
    await dnsServer.stop();
  });

  const sdkFor = (key: string) => new LinkTrace({ apiKey: key, baseUrl, retry: { maxAttempts: 1 } });

  it('reads the key from LINKTRACE_API_KEY and LINKTRACE_BASE_URL when none is passed', async () => {
    const { key } = await createKey(owner, { scopes: ['links:read'] });
    const saved = { ...process.env };
    try {
      process.env.LINKTRACE_API_KEY = key;
      process.env.LINKTRACE_BASE_URL = `${baseUrl}/`;
      expect(await new LinkTrace().me()).toMatchObject({
        id: owner.userId,
        workspaceId: owner.workspaceId,
        via: 'api_key',
        scopes: ['links:read'],
      });
      delete process.env.LINKTRACE_API_KEY;
      expect(() => new LinkTrace()).toThrow(expect.objectContaining({ code: 'missing_api_key' }));
    } finally {
      process.env = saved;
    }
  });

  it('links: create, get (also by ext_ id), list with filters, iterate, update, QR code, delete', async () => {
    const folder = await client.folders.create({ name: 'Campaigns' });
    const tag = await client.tags.create({ name: 'spring', color: 'green' });
    const link = await client.links.create({
      url: 'https://example.com/sale',
      slug: 'sdk-sale',
      externalId: 'sale-1',
      folderId: folder.id,
      tagIds: [tag.id],
      utm_source: 'newsletter',
    });
    expect(link).toMatchObject({
      slug: 'sdk-sale',
      shortLink: 'http://lt.test/sdk-sale',
      folder: { id: folder.id, name: 'Campaigns' },
      tagIds: [tag.id],
      utm_source: 'newsletter',
    });
    expect(await client.links.get(link.id)).toEqual(link);
    expect((await client.links.get('ext_sale-1')).id).toBe(link.id);

    await client.links.create({ url: 'https://example.com/other', slug: 'sdk-other', archived: true });
    expect((await client.links.list({ search: 'sdk-sale' })).data.map((item) => item.id)).toEqual([link.id]);
    expect((await client.links.list({ archived: true })).data.map((item) => item.slug)).toEqual(['sdk-other']);
    expect((await client.links.list({ folderId: folder.id, tagId: tag.id })).data.map((item) => item.id)).toEqual([
      link.id,
    ]);

    const firstPage = await client.links.list({ limit: 1 });
    expect(firstPage.data).toHaveLength(1);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const everySlug: string[] = [];
    for await (const item of client.links.each({ limit: 1 })) everySlug.push(item.slug);
    expect(everySlug.sort()).toEqual(['sdk-other', 'sdk-sale']);

    const updated = await client.links.update(link.id, { title: 'Spring sale', utm_source: null });
    expect(updated).toMatchObject({ title: 'Spring sale', utm_source: null });

    const svg = await client.links.qr(link.id, { format: 'svg', size: 128 });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="128" height="128"/);
    const png = await client.links.qr(link.id, { size: 100 });
    expect(png).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    expect(Buffer.from(png).readUInt32BE(16)).toBe(100);

    await expect(client.links.delete(link.id)).resolves.toBeUndefined();
    const gone = await rejection(client.links.get(link.id));
    expect(gone).toBeInstanceOf(NotFoundError);
    expect(gone).toMatchObject({ kind: 'not_found', status: 404, code: 'not_found', message: 'Link not found' });
  });

  it('imports: a dry run, then the import, its status and its report', async () => {
    const file = new Blob(['url,slug,title\nhttps://example.com/sdk-import,sdk-import-1,Imported\nnot a url,,\n']);
    const preview = await client.imports.dryRun(file);
    expect(preview).toMatchObject({ format: 'linktrace', totalRows: 2, counts: { created: 1, error: 1 } });
    expect(preview.rows[1]).toMatchObject({ row: 2, status: 'error', error: { code: 'validation_failed' } });

    const queued = await client.imports.create(file, { onConflict: 'skip', fileName: 'crm.csv' });
    expect(queued).toMatchObject({ status: 'queued', fileName: 'crm.csv', totalRows: 2 });
    await testApp.app.get(ImportWorker).runOnce();
    const done = await client.imports.get(queued.id);
    expect(done).toMatchObject({ status: 'completed', counts: { created: 1, updated: 0, conflict: 0, error: 1 } });
    const report = await client.imports.report(queued.id);
    expect(report.split('\r\n')[1]).toMatch(/^1,created,link_\w+,http:\/\/lt\.test\/sdk-import-1,,,$/);

    const refused = await client.imports.create(new Blob(['nothing,here\n1,2\n'])).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, code: 'invalid_csv' });
  });

  it('links: bulk create, update and delete with a result per item, and upsert by external id', async () => {
    const created = await client.links.bulkCreate([
      { url: 'https://example.com/bulk-1', slug: 'sdk-bulk-1', externalId: 'bulk-1' },
      { url: 'ftp://example.com/bulk-2' },
      { url: 'https://example.com/bulk-3', slug: 'sdk-bulk-1' },
    ]);
    expect(created.map(({ index, status }) => [index, status])).toEqual([
      [0, 201],
      [1, 400],
      [2, 409],
    ]);
    expect(created[0].link).toMatchObject({ slug: 'sdk-bulk-1', shortLink: 'http://lt.test/sdk-bulk-1' });
    expect(created[1].error).toMatchObject({ code: 'validation_failed', errors: [{ field: 'url' }] });

    const updated = await client.links.bulkUpdate({ externalIds: ['bulk-1', 'missing'], data: { title: 'Bulk' } });
    expect(updated.map((result) => result.status)).toEqual([200, 404]);
    expect(updated[0].link).toMatchObject({ title: 'Bulk' });

    const first = await client.links.upsert({ url: 'https://example.com/crm-7', externalId: 'crm-7' });
    const second = await client.links.upsert({ url: 'https://example.com/crm-7b', externalId: 'crm-7' });
    expect(first).toMatchObject({ created: true, link: { externalId: 'crm-7' } });
    expect(second).toEqual({
      created: false,
      link: expect.objectContaining({ id: first.link.id, url: 'https://example.com/crm-7b' }),
    });

    const deleted = await client.links.bulkDelete([created[0].link!.id, 'ext_crm-7', 'ext_crm-7']);
    expect(deleted.map((result) => result.status)).toEqual([204, 204, 404]);
  });

  it('folders, tags and UTM templates: list, iterate, update, delete', async () => {
    const folder = await client.folders.create({ name: 'To rename' });
    expect((await client.folders.update(folder.id, { name: 'Renamed' })).name).toBe('Renamed');
    expect((await client.folders.list({ search: 'renamed' })).data.map((item) => item.id)).toEqual([folder.id]);
    await client.folders.delete(folder.id);
    expect(await rejection(client.folders.delete(folder.id))).toBeInstanceOf(NotFoundError);

    const tag = await client.tags.create({ name: 'to-delete' });
    expect((await client.tags.update(tag.id, { color: 'red' })).color).toBe('red');
    const tagNames: string[] = [];
    for await (const item of client.tags.each({ limit: 1 })) tagNames.push(item.name);
    expect(tagNames).toContain('to-delete');
    await client.tags.delete(tag.id);

    const template = await client.utmTemplates.create({
      name: 'Newsletter',
      utm_source: 'newsletter',
      utm_medium: 'email',
    });
    expect(template).toMatchObject({ name: 'Newsletter', utm_source: 'newsletter', utm_medium: 'email' });
    expect((await client.utmTemplates.update(template.id, { utm_campaign: 'spring' })).utm_campaign).toBe('spring');
    expect((await client.utmTemplates.list()).data.map((item) => item.id)).toContain(template.id);
    await client.utmTemplates.delete(template.id);
  });

  it('domains: check, create with DNS records, list, verify with problems, then verified, delete', async () => {
    expect(await client.domains.check('Go.Example.com')).toEqual({
      domain: 'go.example.com',
      available: true,
      reason: null,
    });
    const domain = await client.domains.create('go.example.com');
    expect(domain).toMatchObject({ domain: 'go.example.com', status: 'pending', verified: false });
    expect(domain.dnsRecords.map((record) => record.type).sort()).toEqual(['CNAME', 'TXT']);
    expect((await client.domains.list()).data.map((item) => item.id)).toEqual([domain.id]);

    const failed = await client.domains.verify(domain.id);
    expect(failed.verified).toBe(false);
    expect(failed.problems.length).toBeGreaterThan(0);
    for (const record of domain.dnsRecords) dnsServer.set(record.type as 'TXT' | 'CNAME', record.name, [record.value]);
    const verified = await client.domains.verify(domain.id);
    expect(verified).toMatchObject({ verified: true, problems: [], domain: { status: 'verified' } });

    const metadata = await client.domains.update(domain.id, { notFoundUrl: 'https://example.com/missing' });
    expect(metadata.notFoundUrl).toBe('https://example.com/missing');
    await client.domains.delete(domain.id, { force: true });
    expect((await client.domains.list()).data).toEqual([]);
  });

  it('apiKeys: create (no escalation), rename, rotate with a grace period, delete; a deleted key is refused', async () => {
    const created = await client.apiKeys.create({ name: 'reporting', scopes: ['links:read'] });
    expect(created.key).toMatch(/^lt_live_/);
    expect(created.keyPrefix).toBe(`${created.key.slice(0, 12)}****`);
    expect((await sdkFor(created.key).me()).scopes).toEqual(['links:read']);

    expect((await client.apiKeys.rename(created.id, 'reports')).name).toBe('reports');
    const listed = (await client.apiKeys.list()).data.find((item) => item.id === created.id);
    expect(listed).toMatchObject({ name: 'reports', keyPrefix: created.keyPrefix });
    expect(listed).not.toHaveProperty('key');

    const rotated = await client.apiKeys.rotate(created.id, { gracePeriodSeconds: 60 });
    expect(rotated).toMatchObject({ name: 'reports', scopes: ['links:read'] });
    expect(rotated.key).not.toBe(created.key);
    await expect(sdkFor(created.key).links.list()).resolves.toBeDefined(); // still inside its grace period
    await expect(sdkFor(rotated.key).links.list()).resolves.toBeDefined();

    await client.apiKeys.delete(rotated.id);
    const revoked = await rejection(sdkFor(rotated.key).links.list());
    expect(revoked).toBeInstanceOf(AuthenticationError);
    expect(revoked).toMatchObject({
      status: 401,
      code: 'api_key_revoked',
      message: 'API key has been deleted or revoked',
    });

    const reader = await client.apiKeys.create({ name: 'reader', scopes: ['api_keys', 'links:read'] });
    const escalation = await rejection(sdkFor(reader.key).apiKeys.create({ name: 'sneaky', scopes: ['links'] }));
    expect(escalation).toBeInstanceOf(PermissionDeniedError);
  });

  it('analytics: overview and the plan-gated chart and panels', async () => {
    const query = {
      start: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      end: new Date().toISOString(),
      interval: 'day' as const,
    };
    expect(await client.analytics.overview(query)).toEqual(expect.any(Object));
    expect(await client.analytics.chart(query)).toEqual(expect.any(Object));
    for (const panel of [
      client.analytics.trafficPanel,
      client.analytics.acquisitionPanel,
      client.analytics.geoPanel,
      client.analytics.technologyPanel,
    ]) {
      expect(await panel(query)).toEqual(expect.any(Object));
    }
  });

  it('track: a sale sent twice with one eventId is recorded once', async () => {
    const link = await client.links.create({ url: 'https://example.com/checkout', trackConversion: true });
    // A click as the redirect would have stored it.
    const clickId = `clk_sdk${Date.now()}`;
    await testApp.dataSource.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device, is_bot) VALUES ($1, now(), $2, $3, 'lt.test', $4, 1, 'desktop', false)`,
      [clickId, owner.workspaceId, link.id, 'https://example.com/checkout'],
    );
    await client.track.lead({ clickId, eventName: 'signup', customerExternalId: 'cust-1' });
    const first = await client.track.sale({
      customerExternalId: 'cust-1',
      amount: 4_900,
      currency: 'EUR',
      eventId: 'order-42',
    });
    const second = await client.track.sale({
      customerExternalId: 'cust-1',
      amount: 4_900,
      currency: 'EUR',
      eventId: 'order-42',
    });
    expect(second).toEqual(first);
  });

  it('conversions: summary and events', async () => {
    expect(await client.conversions.summary()).toEqual(expect.any(Object));
    expect((await client.conversions.listEvents({ limit: 10 })).data).toEqual(expect.any(Array));
  });

  describe('typed errors', () => {
    it('401 AuthenticationError for an unknown key, with the request id', async () => {
      const error = await rejection(sdkFor(`lt_live_${'x'.repeat(32)}`).links.list());
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        kind: 'authentication',
        status: 401,
        code: 'invalid_api_key',
        message: 'Invalid API key',
        name: 'AuthenticationError',
      });
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('403 PermissionDeniedError for a missing scope and for a plan gate (with requiredPlan)', async () => {
      const { key } = await createKey(owner, { scopes: ['domains'] });
      const scope = await rejection(sdkFor(key).links.list());
      expect(scope).toBeInstanceOf(PermissionDeniedError);
      expect(scope).toMatchObject({
        status: 403,
        code: 'insufficient_scope',
        message: 'Missing required scope: links:read',
        requiredPlan: null,
      });

      const free = await signUp(testApp);
      const freeKey = (await createKey(free, { scopes: ['links'] })).key;
      const gate = await rejection(sdkFor(freeKey).links.create({ url: 'https://example.com/', password: 'secret' }));
      expect(gate).toBeInstanceOf(PermissionDeniedError);
      expect(gate).toMatchObject({ code: 'plan_upgrade_required', requiredPlan: 'starter' });
    });

    it('400 ValidationError with the field errors', async () => {
      const error = await rejection(client.links.create({ url: 'not a url' }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.errors.map((item) => item.field)).toEqual(['url']);
    });

    it('404 NotFoundError and 409 ConflictError', async () => {
      expect(await rejection(client.links.get('link_missing0000000'))).toBeInstanceOf(NotFoundError);
      await client.links.create({ url: 'https://example.com/', slug: 'taken' });
      const conflict = await rejection(client.links.create({ url: 'https://example.com/', slug: 'taken' }));
      expect(conflict).toBeInstanceOf(ConflictError);
      expect(conflict).toMatchObject({
        kind: 'conflict',
        status: 409,
        code: 'conflict',
        message: 'Slug "taken" is already in use on lt.test',
      });
    });

    it('429 RateLimitError with retryAfter', async () => {
      const { key } = await createKey(owner, { scopes: ['links'], rateLimit: 1 });
      const limited = new LinkTrace({ apiKey: key, baseUrl, retry: { maxAttempts: 5, baseDelayMs: 1 } });
      let error: LinkTraceError | undefined;
      for (let request = 0; request < 5 && !error; request++)
        error = await limited.links.list().then(
          () => undefined,
          (failure: LinkTraceError) => failure,
        );
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
      expect((error as RateLimitError).retryAfter).toBeGreaterThanOrEqual(1);
    });
  });
});

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A small HTTP server that answers each request with the next scripted reply (the last one repeats). */
async function scriptedServer(
  replies: ((request: IncomingMessage, response: ServerResponse) => void)[],
): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
      replies[Math.min(requests.length, replies.length) - 1](request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.closeAllConnections() ?? server.close(() => resolve())),
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(status, { 'Content-Type': 'application/json', 'X-Request-Id': 'req-test', ...headers });
    response.end(JSON.stringify(body));
  };
const unavailable = json(503, {
  statusCode: 503,
  error: 'Service Unavailable',
  message: 'Try again',
  code: 'unavailable',
});
const dropConnection = (request: IncomingMessage) => request.socket.destroy();

describe('@linktrace/sdk retries (against a scripted server)', () => {
  const servers: { close: () => Promise<void> }[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  async function serve(...replies: ((request: IncomingMessage, response: ServerResponse) => void)[]) {
    const server = await scriptedServer(replies);
    servers.push(server);
    const sdk = (options: { maxAttempts?: number; timeoutMs?: number } = {}) =>
      new LinkTrace({
        apiKey: 'lt_live_test',
        baseUrl: server.url,
        retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 1 },
        timeoutMs: options.timeoutMs,
      });
    return { ...server, sdk };
  }

  it('repeats a GET that got a 503, then returns the answer', async () => {
    const server = await serve(unavailable, json(200, { data: [], nextCursor: null }));
    await expect(server.sdk().links.list({ search: 'a b' })).resolves.toEqual({ data: [], nextCursor: null });
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((request) => [request.method, request.url, request.authorization])).toEqual([
      ['GET', '/api/v1/links?search=a%20b', 'Bearer lt_live_test'],
      ['GET', '/api/v1/links?search=a%20b', 'Bearer lt_live_test'],
    ]);
  });

  it('repeats a GET whose connection dropped', async () => {
    const server = await serve(dropConnection, json(200, { id: 'usr_1' }));
    await expect(server.sdk().me()).resolves.toEqual({ id: 'usr_1' });
    expect(server.requests).toHaveLength(2);
  });

  it('never repeats a 400', async () => {
    const server = await serve(
      json(400, {
        statusCode: 400,
        message: 'Validation failed',
        code: 'validation_failed',
        requestId: 'req-1',
        errors: [{ field: 'limit', message: 'too big' }],
      }),
    );
    const error = await rejection(server.sdk().links.list({ limit: 1000 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ requestId: 'req-1', errors: [{ field: 'limit', message: 'too big' }] });
    expect(server.requests).toHaveLength(1);
  });

  it('never repeats a 429, and reads Retry-After', async () => {
    const server = await serve(
      json(429, { statusCode: 429, message: 'Too many requests', code: 'rate_limit_exceeded' }, { 'Retry-After': '7' }),
    );
    const error = await rejection(server.sdk().links.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(7);
    expect(error.requestId).toBe('req-test');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts with a ServerError', async () => {
    const server = await serve(unavailable);
    const error = await rejection(server.sdk({ maxAttempts: 4 }).links.get('link_1'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 503, code: 'unavailable', message: 'Try again' });
    expect(server.requests).toHaveLength(4);
  });

  it('does not repeat a POST without an idempotency key (a repeat could create a second link)', async () => {
    const server = await serve(unavailable, json(201, { id: 'link_1' }));
    expect(await rejection(server.sdk().links.create({ url: 'https://example.com/' }))).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('repeats a sale with the same generated eventId, and keeps a given one', async () => {
    const server = await serve(unavailable, json(201, { eventId: 'first' }), json(201, { eventId: 'second' }));
    await server.sdk().track.sale({ customerExternalId: 'cust-1', amount: 1_000, currency: 'EUR' });
    expect(server.requests).toHaveLength(2);
    const [first, retry] = server.requests.map((request) => JSON.parse(request.body));
    expect(first.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retry).toEqual(first);
    expect(first).toEqual({ customerExternalId: 'cust-1', amount: 1_000, currency: 'EUR', eventId: first.eventId });

    await server
      .sdk()
      .track.lead({ clickId: 'clk_1', eventName: 'signup', customerExternalId: 'cust-1', eventId: 'mine' });
    expect(JSON.parse(server.requests[2].body).eventId).toBe('mine');
    await server.sdk().track.sale({ customerExternalId: 'cust-1', amount: 1, currency: 'EUR' });
    expect(JSON.parse(server.requests[3].body).eventId).not.toBe(first.eventId);
  });

  it('reports a server that cannot be reached, or does not answer in time, as a ConnectionError', async () => {
    const closed = await scriptedServer([json(200, {})]);
    await closed.close();
    const refused = await rejection(
      new LinkTrace({
        apiKey: 'lt_live_test',
        baseUrl: closed.url,
        retry: { maxAttempts: 2, baseDelayMs: 1 },
      }).links.list(),
    );
    expect(refused).toBeInstanceOf(ConnectionError);
    expect(refused).toMatchObject({ status: 0, code: 'connection_error', kind: 'connection' });

    const silent = await serve(() => undefined);
    const timedOut = await rejection(silent.sdk({ maxAttempts: 2, timeoutMs: 100 }).links.list());
    expect(timedOut).toMatchObject({
      status: 0,
      code: 'timeout',
      message: 'GET /api/v1/links got no response within 100 ms',
    });
    expect(silent.requests).toHaveLength(2);
  });
});
