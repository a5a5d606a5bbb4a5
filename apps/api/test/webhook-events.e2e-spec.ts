import { Webhook } from 'standardwebhooks';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { TestDnsServer } from '../../../test/helpers/dns-server';
import { documentedWebhook } from '../../../test/helpers/openapi-conformance';
import { insertLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { WebhookReceiver } from '../../../test/helpers/webhook-receiver';
import { DomainsService } from '../src/domains/domains.service';
import { WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/**
 * lead.created, sale.created, domain.verified, domain.failing, and link.updated of links archived with their domain,
 * reach a real receiver, signed, with REST bodies.
 */
describe('Webhook events of conversions and domains', () => {
  const dnsServer = new TestDnsServer();
  const endpoint = new WebhookReceiver();
  let t: TestApp;
  let owner: SignedUpUser;
  let key: string;
  let secret: string;

  beforeAll(async () => {
    await dnsServer.start();
    await endpoint.start();
    t = await startTestApp({
      DNS_SERVERS: dnsServer.address,
      SHORT_DOMAIN: TEST_SHORT_DOMAIN,
      DOMAIN_CNAME_TARGET: 'cname.lt.example.net',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '0',
    });
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'creator');
    key = (await createKey(owner, { scopes: ['webhooks', 'domains', 'conversions', 'links', 'tags'] })).key;
    secret = (
      await t
        .http()
        .post('/api/v1/webhooks')
        .set(bearer(key))
        .send({ url: endpoint.url, eventTypes: ['lead.created', 'sale.created', 'domain.verified', 'domain.failing'] })
        .expect(201)
    ).body.secret;
  });
  afterAll(async () => {
    await t?.close();
    await endpoint.stop();
    await dnsServer.stop();
  });

  /**
   * Runs the worker and returns what arrived since, each signature checked by the standardwebhooks package and each
   * body with the fields openapi.json's `x-webhooks` entry for its type documents.
   */
  async function deliveredSince(count: number) {
    await t.app.get(WebhookDeliveryWorker).runOnce();
    const fresh = endpoint.received.slice(count);
    for (const request of fresh) new Webhook(secret).verify(request.body, request.headers as Record<string, string>);
    const events = fresh.map((request) => JSON.parse(request.body));
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(documentedWebhook(event.type).event);
      expect(Object.keys(event.data).sort()).toEqual(documentedWebhook(event.type).data);
    }
    return events;
  }

  it('lead.created and sale.created carry the conversion as GET /api/v1/conversions/events lists it', async () => {
    const link = await insertLink(t, {
      workspaceId: owner.workspaceId,
      slug: 'offer',
      url: 'https://shop.example.com/landing',
      trackConversion: true,
    });
    const redirect = await t.http().get(`/${link.slug}`).set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP);
    const clickId = new URL(redirect.headers.location).searchParams.get('lt_id')!;
    const before = endpoint.received.length;
    await t
      .http()
      .post('/api/v1/track/leads')
      .set(bearer(key))
      .send({ clickId, eventName: 'Sign up', customerExternalId: 'ada' })
      .expect(201);
    await t
      .http()
      .post('/api/v1/track/sales')
      .set(bearer(key))
      .send({ customerExternalId: 'ada', amount: 4_999, currency: 'USD' })
      .expect(201);
    const events = await deliveredSince(before);
    const listed = (await t.http().get('/api/v1/conversions/events').set(bearer(key)).expect(200)).body.data;
    expect(events.map((event) => event.type)).toEqual(['lead.created', 'sale.created']);
    expect(events[0].data).toEqual(listed.find((row: { type: string }) => row.type === 'lead'));
    expect(events[1].data).toEqual(listed.find((row: { type: string }) => row.type === 'sale'));
    expect(events[1].data).toMatchObject({ linkId: link.id, amount: 4_999, currency: 'USD' });
  });

  it('domain.verified on verification, domain.failing when the daily re-check fails, with the REST domain', async () => {
    const created = (
      await t.http().post('/api/v1/domains').set(bearer(key)).send({ domain: 'hooks.acme-test.com' }).expect(201)
    ).body;
    for (const record of created.dnsRecords) dnsServer.set(record.type, record.name, [record.value]);
    const before = endpoint.received.length;
    const verified = (await t.http().post(`/api/v1/domains/${created.id}/verify`).set(bearer(key)).expect(200)).body;
    // Verifying again changes nothing: no second event.
    await t.http().post(`/api/v1/domains/${created.id}/verify`).set(bearer(key)).expect(200);
    let events = await deliveredSince(before);
    expect(events.map((event) => event.type)).toEqual(['domain.verified']);
    expect(events[0].data).toEqual({
      ...verified.domain,
      lastCheckedAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    dnsServer.clear('TXT', created.dnsRecords[0].name);
    await t.dataSource.query(`UPDATE domains SET last_checked_at = now() - interval '25 hours' WHERE id = $1`, [
      created.id,
    ]);
    await t.app.get(DomainsService).recheckDue();
    events = await deliveredSince(before + 1);
    expect(events.map((event) => event.type)).toEqual(['domain.failing']);
    expect(events[0].data).toMatchObject({ id: created.id, status: 'failing', domain: 'hooks.acme-test.com' });
  });

  it('deleting a domain with force sends link.updated for each link it archives, as GET /api/v1/links/:id shows it', async () => {
    const linkEvents = await new WebhookReceiver().start();
    try {
      const webhook = (
        await t
          .http()
          .post('/api/v1/webhooks')
          .set(bearer(key))
          .send({ url: linkEvents.url, eventTypes: ['link.updated'] })
          .expect(201)
      ).body;
      const created = (
        await t.http().post('/api/v1/domains').set(bearer(key)).send({ domain: 'archive.acme-test.com' }).expect(201)
      ).body;
      for (const record of created.dnsRecords) dnsServer.set(record.type, record.name, [record.value]);
      await t.http().post(`/api/v1/domains/${created.id}/verify`).set(bearer(key)).expect(200);
      const tag = (await t.http().post('/api/v1/link_tags').set(bearer(key)).send({ name: 'Launch' }).expect(201)).body;
      const links = [];
      for (const [slug, tagIds] of [
        ['one', [tag.id]],
        ['two', []],
      ] as const)
        links.push(
          (
            await t
              .http()
              .post('/api/v1/links')
              .set(bearer(key))
              .send({ url: 'https://example.com/archived', domain: 'archive.acme-test.com', slug, tagIds })
              .expect(201)
          ).body,
        );
      const elsewhere = await t.http().post('/api/v1/links').set(bearer(key)).send({ url: 'https://example.com/kept' });
      expect(elsewhere.status).toBe(201);
      await t.app.get(WebhookDeliveryWorker).runOnce();
      expect(linkEvents.received).toHaveLength(0);

      await t.http().delete(`/api/v1/domains/${created.id}?force=true`).set(bearer(key)).expect(204);
      await t.app.get(WebhookDeliveryWorker).runOnce();
      for (const request of linkEvents.received)
        new Webhook(webhook.secret).verify(request.body, request.headers as Record<string, string>);
      const events = linkEvents.events().sort((a, b) => a.data.slug.localeCompare(b.data.slug));
      const current = await Promise.all(
        links.map(async (link) => (await t.http().get(`/api/v1/links/${link.id}`).set(bearer(key)).expect(200)).body),
      );
      expect(events.map((event) => event.type)).toEqual(['link.updated', 'link.updated']);
      expect(events.map((event) => event.data)).toEqual(current.sort((a, b) => a.slug.localeCompare(b.slug)));
      expect(events[0].data).toMatchObject({
        slug: 'one',
        archived: true,
        shortLink: 'https://archive.acme-test.com/one',
        tags: [{ id: tag.id, name: 'Launch' }],
      });
    } finally {
      await linkEvents.stop();
    }
  });
});
