import { Webhook } from 'standardwebhooks';
import { verifyWebhook } from '@linktrace/sdk';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { documentedWebhook } from '../../../test/helpers/openapi-conformance';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { TestDnsServer } from '../../../test/helpers/dns-server';
import { WebhookReceiver } from '../../../test/helpers/webhook-receiver';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import { WebhookClock } from '../src/webhooks/webhook-clock';
import { MAX_ATTEMPTS, WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';
import type { CreateWebhookDto } from '../src/webhooks/dto/create-webhook.dto';

const DAY_MS = 86_400_000;

describe('Webhooks', () => {
  let t: TestApp;
  let user: SignedUpUser;
  let key: string;
  let worker: WebhookDeliveryWorker;
  let clockOffsetMs = 0;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    // The worker runs when a test says so (runOnce), so nothing depends on timing.
    t = await startTestApp({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '0',
    });
    user = await signUp(t);
    await setPlan(t, user.workspaceId, 'agency');
    key = (await createKey(user, { scopes: ['webhooks', 'links', 'folders'] })).key;
    worker = t.app.get(WebhookDeliveryWorker);
    const clock = t.app.get(WebhookClock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + clockOffsetMs));
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await t?.close();
  });

  const api = () => ({
    get: (url: string) => t.http().get(url).set(bearer(key)),
    post: (url: string) => t.http().post(url).set(bearer(key)),
    patch: (url: string) => t.http().patch(url).set(bearer(key)),
    delete: (url: string) => t.http().delete(url).set(bearer(key)),
  });

  async function receiver(): Promise<WebhookReceiver> {
    const started = await new WebhookReceiver().start();
    receivers.push(started);
    return started;
  }

  async function createWebhook(url: string, body: Partial<CreateWebhookDto> = {}) {
    const response = await api()
      .post('/api/v1/webhooks')
      .send({ url, eventTypes: ['link.created', 'link.updated', 'link.deleted'], ...body } satisfies CreateWebhookDto)
      .expect(201);
    return response.body as { id: string; secret: string };
  }

  it('sends link.created, link.updated and link.deleted with the REST representation, signed per Standard Webhooks', async () => {
    const endpoint = await receiver();
    const webhook = await createWebhook(endpoint.url);
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect((await api().get(`/api/v1/webhooks/${webhook.id}`).expect(200)).body).not.toHaveProperty('secret');

    const created = (await api().post('/api/v1/links').send({ url: 'https://example.com/a' }).expect(201)).body;
    const updated = (await api().patch(`/api/v1/links/${created.id}`).send({ title: 'Renamed' }).expect(200)).body;
    await api().delete(`/api/v1/links/${created.id}`).expect(204);
    await worker.runOnce();

    expect(endpoint.events().map((event) => event.type)).toEqual(['link.created', 'link.updated', 'link.deleted']);
    expect(endpoint.events().map((event) => event.data)).toEqual([created, updated, updated]);
    // Each body has the fields openapi.json's `x-webhooks` entry for its type documents, and its headers.
    for (const [index, event] of endpoint.events().entries()) {
      const documented = documentedWebhook(event.type);
      expect(Object.keys(event).sort()).toEqual(documented.event);
      expect(Object.keys(event.data).sort()).toEqual(documented.data);
      expect(Object.keys(endpoint.received[index].headers)).toEqual(expect.arrayContaining(documented.headers));
    }
    const library = new Webhook(webhook.secret);
    for (const request of endpoint.received) {
      const headers = request.headers as Record<string, string>;
      // An independent implementation of the specification accepts our signature, and so does our SDK.
      expect(library.verify(request.body, headers)).toEqual(JSON.parse(request.body));
      expect(await verifyWebhook(webhook.secret, headers, request.body)).toEqual(JSON.parse(request.body));
      expect(headers['webhook-id']).toBe(JSON.parse(request.body).id);
      await expect(verifyWebhook(webhook.secret, headers, request.body + ' ')).rejects.toThrow('No matching signature');
    }
    const deliveries = (await api().get(`/api/v1/webhooks/${webhook.id}/deliveries`).expect(200)).body.data;
    expect(deliveries.map((delivery: { eventType: string; status: string; attempts: number }) => delivery)).toEqual([
      expect.objectContaining({ eventType: 'link.deleted', status: 'delivered', attempts: 1, lastStatusCode: 200 }),
      expect.objectContaining({ eventType: 'link.updated', status: 'delivered', attempts: 1 }),
      expect.objectContaining({ eventType: 'link.created', status: 'delivered', attempts: 1 }),
    ]);
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it('bulk create, update and delete send one event per link, a refused item none', async () => {
    const endpoint = await receiver();
    const webhook = await createWebhook(endpoint.url);
    const created = await api()
      .post('/api/v1/links/bulk')
      .send({ links: [{ url: 'https://example.com/b1' }, { url: 'https://example.com/b2' }, { url: 'not a url' }] });
    const ids = created.body.results
      .filter((item: { status: number }) => item.status === 201)
      .map((item: any) => item.link.id);
    expect(ids).toHaveLength(2);
    await api()
      .patch('/api/v1/links/bulk')
      .send({ ids, data: { title: 'Bulk' } })
      .expect(200);
    await api().delete('/api/v1/links/bulk').send({ ids }).expect(200);
    await worker.runOnce();
    const seen = endpoint.events().map((event) => `${event.type} ${event.data.id}`);
    expect(seen.sort()).toEqual(
      ids.flatMap((id: string) => [`link.created ${id}`, `link.deleted ${id}`, `link.updated ${id}`]).sort(),
    );
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it('link.clicked only for webhooks that ask for it, never for bots, one event per click', async () => {
    const clicks = await receiver();
    const others = await receiver();
    const clickHook = await createWebhook(clicks.url, { eventTypes: ['link.clicked'] });
    const otherHook = await createWebhook(others.url, { eventTypes: ['link.created', 'link.updated'] });
    const link = (await api().post('/api/v1/links').send({ url: 'https://example.com/clicked' }).expect(201)).body;
    await worker.runOnce();
    const follow = (userAgent: string) =>
      t.http().get(`/${link.slug}`).set('Host', link.domain).set('User-Agent', userAgent).expect(302);
    const human = await follow(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    );
    await follow('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)');
    await t.app.get(ClickRecorder).flush();
    await worker.runOnce();
    const clickId = new URL(human.headers.location).searchParams.get('lt_id') ?? expect.stringMatching(/^clk_/);
    expect(clicks.events()).toEqual([
      {
        id: expect.stringMatching(/^msg_clk_/),
        type: 'link.clicked',
        createdAt: expect.any(String),
        data: expect.objectContaining({
          id: clickId,
          linkId: link.id,
          device: 'desktop',
          url: 'https://example.com/clicked',
        }),
      },
    ]);
    expect(clicks.events()[0].id).toBe(`msg_${clicks.events()[0].data.id}`);
    // The SDK types the event by its `type` (this compiles only if `data` narrows to the click).
    const verified = await verifyWebhook(
      clickHook.secret,
      clicks.received[0].headers as Record<string, string>,
      clicks.received[0].body,
    );
    expect(verified.type === 'link.clicked' && verified.data.linkId).toBe(link.id);
    expect(Object.keys(clicks.events()[0]).sort()).toEqual(documentedWebhook('link.clicked').event);
    expect(Object.keys(clicks.events()[0].data).sort()).toEqual(documentedWebhook('link.clicked').data);
    expect(others.events().map((event) => event.type)).toEqual(['link.created']);
    await api().delete(`/api/v1/webhooks/${clickHook.id}`).expect(204);
    await api().delete(`/api/v1/webhooks/${otherHook.id}`).expect(204);
  });

  it('the SDK refuses a timestamp outside the tolerance', async () => {
    const secret = 'whsec_' + Buffer.from('0123456789abcdef0123456789abcdef').toString('base64');
    const library = new Webhook(secret);
    const body = JSON.stringify({ id: 'msg_1', type: 'link.created', createdAt: '2026-01-01T00:00:00Z', data: {} });
    const old = new Date(Date.now() - 600_000);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(old.getTime() / 1000)),
      'webhook-signature': library.sign('msg_1', old, body),
    };
    await expect(verifyWebhook(secret, headers, body)).rejects.toThrow('outside the tolerance');
    await expect(verifyWebhook(secret, headers, body, { toleranceSeconds: 900 })).resolves.toMatchObject({
      id: 'msg_1',
    });
  });

  it('retries with backoff: a receiver failing 3 times gets each attempt, then acknowledges once', async () => {
    const endpoint = await receiver();
    endpoint.statuses.push(500, 503, 502);
    const webhook = await createWebhook(endpoint.url, { eventTypes: ['link.created'] });
    await api().post('/api/v1/links').send({ url: 'https://example.com/retry' }).expect(201);

    await worker.runOnce();
    expect(endpoint.received).toHaveLength(1);
    // Not due again before its backoff: a round now sends nothing.
    await worker.runOnce();
    expect(endpoint.received).toHaveLength(1);
    let [delivery] = (await api().get(`/api/v1/webhooks/${webhook.id}/deliveries`).expect(200)).body.data;
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(new Date(delivery.nextAttemptAt).getTime()).toBeGreaterThan(Date.now() + clockOffsetMs + 5_000);

    for (const expected of [2, 3, 4]) {
      clockOffsetMs += DAY_MS;
      await worker.runOnce();
      expect(endpoint.received).toHaveLength(expected);
    }
    clockOffsetMs += DAY_MS;
    await worker.runOnce();
    expect(endpoint.received).toHaveLength(4);
    expect(new Set(endpoint.received.map((request) => request.headers['webhook-id'])).size).toBe(1);
    [delivery] = (await api().get(`/api/v1/webhooks/${webhook.id}/deliveries`).expect(200)).body.data;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 4, lastStatusCode: 200, nextAttemptAt: null });
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it('410 Gone disables the webhook at once, visibly; re-enabling clears it', async () => {
    const endpoint = await receiver();
    endpoint.defaultStatus = 410;
    const webhook = await createWebhook(endpoint.url, { eventTypes: ['link.created'] });
    await api().post('/api/v1/links').send({ url: 'https://example.com/gone' }).expect(201);
    await worker.runOnce();
    expect(endpoint.received).toHaveLength(1);
    const disabled = (await api().get(`/api/v1/webhooks/${webhook.id}`).expect(200)).body;
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'the endpoint answered 410 Gone' });
    expect(disabled.disabledAt).not.toBeNull();
    // No more events for it while disabled.
    await api().post('/api/v1/links').send({ url: 'https://example.com/gone-2' }).expect(201);
    clockOffsetMs += DAY_MS;
    await worker.runOnce();
    expect(endpoint.received).toHaveLength(1);
    const enabled = (await api().patch(`/api/v1/webhooks/${webhook.id}`).send({ enabled: true }).expect(200)).body;
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 });
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it(`an event failing all ${MAX_ATTEMPTS} attempts counts toward disabling; replay sends it again with the same id`, async () => {
    const endpoint = await receiver();
    endpoint.defaultStatus = 500;
    const webhook = await createWebhook(endpoint.url, { eventTypes: ['link.created'] });
    await api().post('/api/v1/links').send({ url: 'https://example.com/failing' }).expect(201);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 1; attempt++) {
      await worker.runOnce();
      clockOffsetMs += DAY_MS;
    }
    expect(endpoint.received).toHaveLength(MAX_ATTEMPTS);
    const [delivery] = (await api().get(`/api/v1/webhooks/${webhook.id}/deliveries`).expect(200)).body.data;
    expect(delivery).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect((await api().get(`/api/v1/webhooks/${webhook.id}`).expect(200)).body).toMatchObject({
      enabled: true,
      consecutiveFailures: 1,
    });

    endpoint.defaultStatus = 204;
    const replayed = (await api().post(`/api/v1/webhooks/${webhook.id}/deliveries/${delivery.id}/replay`).expect(202))
      .body;
    expect(replayed).toMatchObject({ eventId: delivery.eventId, status: 'pending', attempts: 0 });
    await worker.runOnce();
    expect(endpoint.received.at(-1)!.headers['webhook-id']).toBe(delivery.eventId);
    expect((await api().get(`/api/v1/webhooks/${webhook.id}`).expect(200)).body.consecutiveFailures).toBe(0);
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it('rotating the secret signs with both secrets during the grace period', async () => {
    clockOffsetMs = 0; // Standard Webhooks receivers refuse timestamps from the future
    const endpoint = await receiver();
    const webhook = await createWebhook(endpoint.url, { eventTypes: ['link.created'] });
    const rotated = (
      await api().post(`/api/v1/webhooks/${webhook.id}/rotate-secret`).send({ gracePeriodSeconds: 3600 }).expect(201)
    ).body;
    expect(rotated.secret).not.toBe(webhook.secret);
    expect(rotated.previousSecretExpiresAt).not.toBeNull();
    await api().post(`/api/v1/webhooks/${webhook.id}/test`).expect(202);
    await worker.runOnce();
    const [request] = endpoint.received;
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    const headers = request.headers as Record<string, string>;
    expect(new Webhook(rotated.secret).verify(request.body, headers)).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(webhook.secret).verify(request.body, headers)).toMatchObject({ type: 'webhook.test' });
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it('filters: a webhook for one folder gets only events about links in it', async () => {
    const endpoint = await receiver();
    const folder = (await t.http().post('/api/v1/link_folders').set(bearer(key)).send({ name: 'Promo' })).body;
    expect(folder.id).toBeDefined();
    const webhook = await createWebhook(endpoint.url, { eventTypes: ['link.created'], folderId: folder.id });
    const inside = (
      await api().post('/api/v1/links').send({ url: 'https://example.com/in', folderId: folder.id }).expect(201)
    ).body;
    await api().post('/api/v1/links').send({ url: 'https://example.com/out' }).expect(201);
    await worker.runOnce();
    expect(endpoint.events().map((event) => event.data.id)).toEqual([inside.id]);
    await api().delete(`/api/v1/webhooks/${webhook.id}`).expect(204);
  });

  it('is a starter feature with a per-plan count, and needs the webhooks scope', async () => {
    const free = await signUp(t);
    const refused = await free.agent
      .post('/api/v1/webhooks')
      .set('X-CSRF-Token', free.csrf)
      .send({ url: 'https://example.com/hook', eventTypes: ['link.created'] })
      .expect(403);
    expect(refused.body).toMatchObject({
      code: 'plan_upgrade_required',
      message: 'Webhooks requires the starter plan or above',
    });
    await setPlan(t, free.workspaceId, 'starter');
    const starterKey = (await createKey(free, { scopes: ['webhooks'] })).key;
    for (let index = 0; index < 3; index++)
      await t
        .http()
        .post('/api/v1/webhooks')
        .set(bearer(starterKey))
        .send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['link.created'] })
        .expect(201);
    const full = await t
      .http()
      .post('/api/v1/webhooks')
      .set(bearer(starterKey))
      .send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['link.created'] })
      .expect(403);
    expect(full.body).toMatchObject({ code: 'quota_exceeded', limit: 3 });
    const readKey = (await createKey(free, { scopes: ['webhooks:read'] })).key;
    await t.http().get('/api/v1/webhooks').set(bearer(readKey)).expect(200);
    await t
      .http()
      .post('/api/v1/webhooks')
      .set(bearer(readKey))
      .send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['link.created'] })
      .expect(403);
    const other = await signUp(t);
    const foreign = (await t.http().get('/api/v1/webhooks').set(bearer(starterKey)).expect(200)).body.data[0].id;
    await other.agent.get(`/api/v1/webhooks/${foreign}`).expect(403);
  });
  // Last: passport keeps one bearer strategy per process, the latest app's, so bearer calls to `t` must come first.
  describe('when private targets are not allowed', () => {
    let strict: TestApp;
    let owner: SignedUpUser;
    const dns = new TestDnsServer();
    const session = (request: any) => request.set('X-CSRF-Token', owner.csrf);

    beforeAll(async () => {
      await dns.start();
      dns.set('A', 'rebind.test', ['127.0.0.1']);
      strict = await startTestApp({
        DNS_SERVERS: dns.address,
        WEBHOOK_POLL_INTERVAL_MS: '0',
        WEBHOOK_ALLOW_HTTP: 'false',
      });
      owner = await signUp(strict);
      await setPlan(strict, owner.workspaceId, 'starter');
    });
    afterAll(async () => {
      await strict?.close();
      await dns.stop();
    });

    it.each([
      ['plain http', 'http://example.com/hook', 'url must use https'],
      ['loopback', 'https://127.0.0.1/hook', '127.0.0.1, which is not a public address'],
      ['private', 'https://10.1.2.3/hook', '10.1.2.3, which is not a public address'],
      ['metadata', 'https://169.254.169.254/latest', '169.254.169.254, which is not a public address'],
      ['IPv6 loopback', 'https://[::1]/hook', '::1, which is not a public address'],
      ['IPv6-mapped IPv4', 'https://[::ffff:127.0.0.1]/hook', 'which is not a public address'],
      ['name resolving to loopback', 'https://rebind.test/hook', 'rebind.test resolves to 127.0.0.1'],
    ])('refuses a %s URL', async (_case, url, message) => {
      const response = await session(owner.agent.post('/api/v1/webhooks'))
        .send({ url, eventTypes: ['link.created'] })
        .expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(JSON.stringify(response.body.errors)).toContain(message);
    });

    it('checks again at delivery: a host that now resolves to loopback is not connected to', async () => {
      const endpoint = await receiver();
      dns.set('A', 'hooks.test', ['93.184.216.34']);
      const port = new URL(endpoint.url).port;
      const webhook = (
        await session(owner.agent.post('/api/v1/webhooks'))
          .send({ url: `https://hooks.test:${port}/hook`, eventTypes: ['link.created'] })
          .expect(201)
      ).body;
      // DNS rebinding: after the check at creation the name points at the receiver on loopback.
      dns.set('A', 'hooks.test', ['127.0.0.1']);
      await session(owner.agent.post('/api/v1/links')).send({ url: 'https://example.com/x' }).expect(201);
      await strict.app.get(WebhookDeliveryWorker).runOnce();
      expect(endpoint.received).toHaveLength(0);
      const [delivery] = (await owner.agent.get(`/api/v1/webhooks/${webhook.id}/deliveries`).expect(200)).body.data;
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toContain('hooks.test resolves to 127.0.0.1, which is not a public address');
    });
  });
});
