import type { Response } from 'supertest';
import type { PlanName } from '@app/database';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import type { TrackLeadDto } from '../src/conversions/dto/track-lead.dto';
import type { TrackSaleDto } from '../src/conversions/dto/track-sale.dto';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { insertLink, InsertedLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { redisAnswers, TEST_REDIS_URL } from '../../../test/helpers/redis';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const BRITISH_IP = '81.2.69.142';
const GERMAN_IP = '5.9.0.1';
const SHOP_ORIGIN = 'https://shop.example.com';
const EVIL_ORIGIN = 'https://evil.example.net';

interface Workspace {
  user: SignedUpUser;
  secretKey: string;
  publishableKey: string;
}

function expectError(response: Response, status: number, code: string, message?: string | RegExp): void {
  expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
  if (typeof message === 'string') expect(response.body.message).toBe(message);
  else if (message) expect(response.body.message).toMatch(message);
  expect(response.body.requestId).toBe(response.headers['x-request-id']);
}

/** The click transports a lead must find its click through: in-process, and the Redis stream when Redis answers. */
const transports: [string, Record<string, string>][] = [['in-process click writer', {}]];
if (redisAnswers()) transports.push(['Redis click stream', { REDIS_URL: TEST_REDIS_URL }]);

describe.each(transports)('Conversions (%s)', (_transport, transportEnv) => {
  let testApp: TestApp;
  let main: Workspace;
  let link: InsertedLink;
  let otherLink: InsertedLink;
  let slugCounter = 0;

  const recorder = () => testApp.app.get(ClickRecorder);

  async function newWorkspace(plan: PlanName, allowedHostnames: string[] = []): Promise<Workspace> {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, plan);
    await testApp.dataSource.query('UPDATE workspaces SET allowed_hostnames = $1 WHERE id = $2', [
      allowedHostnames,
      user.workspaceId,
    ]);
    const secretKey = (await createKey(user, { scopes: ['conversions'] })).key;
    const publishableKey = (await createKey(user, { type: 'publishable' })).key;
    return { user, secretKey, publishableKey };
  }

  async function trackedLink(
    workspaceId: string,
    fields: { utm_source?: string; utm_campaign?: string } = {},
  ): Promise<InsertedLink> {
    return insertLink(testApp, {
      workspaceId,
      slug: `offer-${++slugCounter}`,
      url: 'https://shop.example.com/landing',
      trackConversion: true,
      ...fields,
    });
  }

  /** Follows a short link like a browser and returns the click id the redirect appended (the click stays buffered). */
  async function clickThrough(
    target: InsertedLink,
    ip = BRITISH_IP,
    referer = 'https://www.google.com/search?q=shoes',
  ): Promise<string> {
    const response = await testApp
      .http()
      .get(`/${target.slug}`)
      .set('Host', TEST_SHORT_DOMAIN)
      .set('User-Agent', DESKTOP)
      .set('X-Forwarded-For', ip)
      .set('Referer', referer)
      .expect(302);
    const clickId = new URL(response.headers.location).searchParams.get('lt_id');
    expect(clickId).toMatch(/^clk_[0-9A-Za-z]{23}$/);
    return clickId!;
  }

  const postLead = (key: string, body: Partial<TrackLeadDto> & Record<string, unknown>) =>
    testApp.http().post('/api/v1/track/leads').set(bearer(key)).send(body);
  const postSale = (key: string, body: Partial<TrackSaleDto> & Record<string, unknown>) =>
    testApp.http().post('/api/v1/track/sales').set(bearer(key)).send(body);
  const lead = (clickId: string, customerExternalId: string, extra: Partial<TrackLeadDto> = {}) =>
    ({ clickId, eventName: 'Sign up', customerExternalId, ...extra }) satisfies TrackLeadDto;
  const sale = (customerExternalId: string, extra: Partial<TrackSaleDto> = {}) =>
    ({ customerExternalId, amount: 4_999, currency: 'USD', ...extra }) satisfies TrackSaleDto;

  async function eventRows(where: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
    return testApp.dataSource.query(`SELECT * FROM conversion_events WHERE ${where} ORDER BY time, id`, parameters);
  }

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true', ...transportEnv });
    main = await newWorkspace('creator', ['shop.example.com', '*.example.org']);
    link = await trackedLink(main.user.workspaceId, { utm_source: 'newsletter', utm_campaign: 'spring' });
    otherLink = await trackedLink(main.user.workspaceId);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('attribution: click → lead → sale', () => {
    it('records a lead for a click still in the buffer, copying the click dimensions and attributing the customer to the link', async () => {
      const clickId = await clickThrough(link);
      expect(recorder().holds(clickId)).toBe(true);

      const response = await postLead(
        main.secretKey,
        lead(clickId, 'user-1', { customerName: 'Ada', customerEmail: 'ada@example.com', metadata: { plan: 'pro' } }),
      ).expect(201);

      expect(recorder().holds(clickId)).toBe(false);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^evt_[0-9A-Za-z]{16}$/),
        type: 'lead',
        eventName: 'Sign up',
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        customer: { id: expect.stringMatching(/^cus_/), externalId: 'user-1' },
        linkId: link.id,
        clickId,
        amount: null,
        currency: null,
        invoiceId: null,
        eventId: null,
        provider: null,
        providerEventId: null,
      });
      const [row] = await eventRows('id = $1', [response.body.id]);
      expect(row).toMatchObject({
        workspace_id: main.user.workspaceId,
        type: 'lead',
        link_id: link.id,
        click_id: clickId,
        metadata: { plan: 'pro' },
        country: 'GB',
        region: 'England',
        city: 'London',
        device: 'desktop',
        browser: 'Chrome',
        os: 'Windows',
        referrer: 'https://www.google.com/search?q=shoes',
        referrer_domain: 'google.com',
        utm_source: 'newsletter',
        utm_medium: null,
        utm_campaign: 'spring',
      });
      const [customer] = await testApp.dataSource.query('SELECT * FROM customers WHERE external_id = $1', ['user-1']);
      expect(customer).toMatchObject({
        id: response.body.customer.id,
        workspace_id: main.user.workspaceId,
        name: 'Ada',
        email: 'ada@example.com',
        link_id: link.id,
        click_id: clickId,
      });
    });

    it('attributes a sale to the link of the customer’s first lead, even after a later lead from another link', async () => {
      const firstClick = await clickThrough(link, GERMAN_IP, 'https://news.example.net/');
      await postLead(main.secretKey, lead(firstClick, 'user-2')).expect(201);
      const laterClick = await clickThrough(otherLink);
      const later = await postLead(
        main.secretKey,
        lead(laterClick, 'user-2', { eventName: 'Upgrade intent', customerName: 'Grace' }),
      ).expect(201);
      expect(later.body.linkId).toBe(otherLink.id);

      const response = await postSale(
        main.secretKey,
        sale('user-2', { amount: 12_000, currency: 'eur', metadata: { items: 2 } }),
      ).expect(201);

      expect(response.body).toMatchObject({
        type: 'sale',
        eventName: 'Purchase',
        linkId: link.id,
        clickId: firstClick,
        amount: 12_000,
        currency: 'EUR',
      });
      const [row] = await eventRows('id = $1', [response.body.id]);
      expect(row).toMatchObject({
        link_id: link.id,
        amount: '12000',
        currency: 'EUR',
        country: 'DE',
        referrer_domain: 'news.example.net',
        utm_source: 'newsletter',
      });
      const [customer] = await testApp.dataSource.query(
        'SELECT name, link_id, click_id FROM customers WHERE external_id = $1',
        ['user-2'],
      );
      expect(customer).toEqual({ name: 'Grace', link_id: link.id, click_id: firstClick });
    });

    it('shows leads, sales and revenue on the right link in the summary, with clicks from the analytics store', async () => {
      const workspace = await newWorkspace('creator');
      const shoes = await trackedLink(workspace.user.workspaceId);
      const hats = await trackedLink(workspace.user.workspaceId);
      const shoeClicks = [
        await clickThrough(shoes),
        await clickThrough(shoes),
        await clickThrough(shoes),
        await clickThrough(shoes),
      ];
      const hatClick = await clickThrough(hats);
      await postLead(workspace.secretKey, lead(shoeClicks[0], 'a')).expect(201);
      await postLead(workspace.secretKey, lead(shoeClicks[1], 'b')).expect(201);
      await postLead(workspace.secretKey, lead(hatClick, 'c')).expect(201);
      await postSale(workspace.secretKey, sale('a', { amount: 1_000, currency: 'USD' })).expect(201);
      await postSale(workspace.secretKey, sale('b', { amount: 2_500, currency: 'USD' })).expect(201);
      await postSale(workspace.secretKey, sale('a', { amount: 700, currency: 'EUR' })).expect(201);
      await recorder().flush();

      const summary = await testApp
        .http()
        .get('/api/v1/conversions/summary?range=7d')
        .set(bearer(workspace.secretKey))
        .expect(200);

      expect(summary.body).toMatchObject({
        clicks: 5,
        leads: 3,
        sales: 3,
        revenue: [
          { currency: 'USD', amount: 3_500 },
          { currency: 'EUR', amount: 700 },
        ],
        clickToLeadRate: 3 / 5,
        leadToSaleRate: 1,
      });
      expect(summary.body.links).toEqual([
        {
          linkId: shoes.id,
          domain: TEST_SHORT_DOMAIN,
          slug: shoes.slug,
          clicks: 4,
          leads: 2,
          sales: 3,
          revenue: [
            { currency: 'USD', amount: 3_500 },
            { currency: 'EUR', amount: 700 },
          ],
          clickToLeadRate: 0.5,
          leadToSaleRate: 1.5,
        },
        {
          linkId: hats.id,
          domain: TEST_SHORT_DOMAIN,
          slug: hats.slug,
          clicks: 1,
          leads: 1,
          sales: 0,
          revenue: [],
          clickToLeadRate: 1,
          leadToSaleRate: 0,
        },
      ]);
      expect(summary.body.series).toHaveLength(8);
      const today = new Date().toISOString().slice(0, 10);
      expect(summary.body.series.at(-1)).toEqual({
        day: today,
        clicks: 5,
        leads: 3,
        sales: 3,
        revenue: summary.body.revenue,
      });
      expect(summary.body.series[0]).toEqual({
        day: summary.body.series[0].day,
        clicks: 0,
        leads: 0,
        sales: 0,
        revenue: [],
      });

      const oneLink = await testApp
        .http()
        .get(`/api/v1/conversions/summary?linkId=${hats.id}`)
        .set(bearer(workspace.secretKey))
        .expect(200);
      expect(oneLink.body).toMatchObject({
        clicks: 1,
        leads: 1,
        sales: 0,
        revenue: [],
        clickToLeadRate: 1,
        leadToSaleRate: 0,
      });
      expect(oneLink.body.links.map((entry: { linkId: string }) => entry.linkId)).toEqual([hats.id]);
      expect(oneLink.body.series).toHaveLength(31);

      const top = await testApp
        .http()
        .get('/api/v1/conversions/summary?range=all&top=1')
        .set(bearer(workspace.secretKey))
        .expect(200);
      expect(top.body.links.map((entry: { linkId: string }) => entry.linkId)).toEqual([shoes.id]);
      expect(top.body.series.at(-1).day).toBe(today);

      const past = await testApp
        .http()
        .get('/api/v1/conversions/summary?start=2020-01-01T00:00:00Z&end=2020-01-03T00:00:00Z')
        .set(bearer(workspace.secretKey))
        .expect(200);
      expect(past.body).toEqual({
        start: '2020-01-01T00:00:00.000Z',
        end: '2020-01-03T00:00:00.000Z',
        clicks: 0,
        leads: 0,
        sales: 0,
        revenue: [],
        clickToLeadRate: null,
        leadToSaleRate: null,
        links: [],
        series: [
          { day: '2020-01-01', clicks: 0, leads: 0, sales: 0, revenue: [] },
          { day: '2020-01-02', clicks: 0, leads: 0, sales: 0, revenue: [] },
        ],
      });
    });

    it('refuses bad summary ranges', async () => {
      const get = (query: string) =>
        testApp.http().get(`/api/v1/conversions/summary?${query}`).set(bearer(main.secretKey));
      expectError(await get('range=2w'), 400, 'validation_failed');
      expectError(await get('range=7d&start=2024-01-01T00:00:00Z'), 400, 'validation_failed');
      expect((await get('range=7d&start=2024-01-01T00:00:00Z')).body.errors).toEqual([
        { field: 'range', message: 'range cannot be combined with start or end' },
      ]);
      expect((await get('start=2024-02-01T00:00:00Z&end=2024-01-01T00:00:00Z')).body.errors).toEqual([
        { field: 'start', message: 'start must be before end' },
      ]);
      expectError(await get('start=yesterday'), 400, 'validation_failed');
      expectError(await get('top=0'), 400, 'validation_failed');
    });
  });

  describe('unknown and foreign references', () => {
    it('answers 404 for an unknown click id and for a click of another workspace, the same way', async () => {
      const other = await newWorkspace('creator');
      const foreignLink = await trackedLink(other.user.workspaceId);
      const foreignClick = await clickThrough(foreignLink);
      await recorder().flush();

      const unknown = await postLead(main.secretKey, lead('clk_0000000000000000', 'x'));
      expectError(
        unknown,
        404,
        'not_found',
        'No click clk_0000000000000000 in this workspace: send the lt_id the redirect appended to the destination',
      );
      const foreign = await postLead(main.secretKey, lead(foreignClick, 'x'));
      expectError(
        foreign,
        404,
        'not_found',
        `No click ${foreignClick} in this workspace: send the lt_id the redirect appended to the destination`,
      );
      expect(await eventRows('click_id = $1', [foreignClick])).toEqual([]);
      await postLead(other.secretKey, lead(foreignClick, 'x')).expect(201);
    });

    it('answers 404 for a sale of a customer without a lead', async () => {
      expectError(
        await postSale(main.secretKey, sale('nobody')),
        404,
        'not_found',
        'No customer with customerExternalId "nobody" in this workspace: record their lead first (POST /api/v1/track/leads)',
      );
    });

    it('keeps the conversion when its link is deleted, without a link', async () => {
      const doomed = await trackedLink(main.user.workspaceId);
      const clickId = await clickThrough(doomed);
      await recorder().flush();
      await testApp.dataSource.query('DELETE FROM links WHERE id = $1', [doomed.id]);
      const response = await postLead(main.secretKey, lead(clickId, 'orphan')).expect(201);
      expect(response.body).toMatchObject({ linkId: null, clickId });
      await postSale(main.secretKey, sale('orphan')).expect(201);
    });
  });

  describe('validation', () => {
    let clickId: string;
    beforeAll(async () => {
      clickId = await clickThrough(link);
      await postLead(main.secretKey, lead(clickId, 'validation-customer')).expect(201);
    });

    const fieldsOf = (response: Response) =>
      [...new Set<string>(response.body.errors.map((error: { field: string }) => error.field))].sort();

    it('refuses amounts that are not positive integers up to 10^12', async () => {
      for (const amount of [-100, 0, 19.99, '100', 1_000_000_000_001]) {
        const response = await postSale(main.secretKey, sale('validation-customer', { amount: amount as number }));
        expectError(response, 400, 'validation_failed', 'Validation failed');
        expect(fieldsOf(response)).toEqual(['amount']);
      }
      await postSale(main.secretKey, sale('validation-customer', { amount: 1_000_000_000_000 })).expect(201);
    });

    it('accepts ISO 4217 currencies only (any case, stored upper-case)', async () => {
      for (const currency of ['XYZ', 'US', 'dollars', '']) {
        const response = await postSale(main.secretKey, sale('validation-customer', { currency }));
        expect(response.body.errors).toEqual([
          { field: 'currency', message: 'currency must be an ISO 4217 currency code such as USD or EUR' },
        ]);
      }
      const accepted = await postSale(
        main.secretKey,
        sale('validation-customer', { currency: 'jpy', amount: 500 }),
      ).expect(201);
      expect(accepted.body.currency).toBe('JPY');
    });

    it('refuses metadata over 10 KB or not an object', async () => {
      const oversized = await postLead(
        main.secretKey,
        lead(clickId, 'validation-customer', { metadata: { blob: 'x'.repeat(10 * 1024) } }),
      );
      expect(oversized.body.errors).toEqual([
        { field: 'metadata', message: 'metadata must be at most 10 KB when serialized as JSON' },
      ]);
      const saleOversized = await postSale(
        main.secretKey,
        sale('validation-customer', { metadata: { blob: 'é'.repeat(5 * 1024) } }),
      );
      expect(fieldsOf(saleOversized)).toEqual(['metadata']);
      expect(
        fieldsOf(
          await postLead(
            main.secretKey,
            lead(clickId, 'validation-customer', { metadata: [1, 2] as unknown as Record<string, unknown> }),
          ),
        ),
      ).toEqual(['metadata']);
      await postLead(
        main.secretKey,
        lead(clickId, 'validation-customer', { metadata: { blob: 'x'.repeat(10 * 1024 - 20) } }),
      ).expect(201);
    });

    it('names each bad or missing field, and refuses unknown ones', async () => {
      const response = await postLead(main.secretKey, {
        clickId: 'abc',
        customerEmail: 'not-an-email',
        eventId: '',
        source: 'x',
      });
      expect(fieldsOf(response)).toEqual([
        'clickId',
        'customerEmail',
        'customerExternalId',
        'eventId',
        'eventName',
        'source',
      ]);
      expect(response.body.errors).toContainEqual({
        field: 'clickId',
        message: 'clickId must be the lt_id the redirect appended to the destination (clk_…)',
      });
      expect(response.body.errors).toContainEqual({ field: 'source', message: 'source is not an accepted field' });

      const provider = await postSale(
        main.secretKey,
        sale('validation-customer', { providerEventId: 'evt_1', providerSignature: 't=1,v1=abc' }),
      );
      expect(provider.body.errors).toEqual([
        { field: 'provider', message: 'provider is required with providerEventId or providerSignature' },
      ]);
      expect(
        fieldsOf(
          await postSale(
            main.secretKey,
            sale('validation-customer', { provider: 'Stripe Inc', providerEventId: 'evt_1' }),
          ),
        ),
      ).toEqual(['provider']);
    });
  });

  describe('idempotency', () => {
    let clickId: string;
    beforeAll(async () => {
      clickId = await clickThrough(link);
    });

    it('a lead retried with its eventId answers 200 with the first event and changes nothing', async () => {
      const first = await postLead(
        main.secretKey,
        lead(clickId, 'idem-lead', { eventId: 'signup-1', customerName: 'First', metadata: { try: 1 } }),
      ).expect(201);
      const retry = await postLead(
        main.secretKey,
        lead(clickId, 'idem-lead', {
          eventId: 'signup-1',
          customerName: 'Second',
          eventName: 'Renamed',
          metadata: { try: 2 },
        }),
      ).expect(200);

      expect(retry.body).toEqual(first.body);
      expect(await eventRows("event_id = 'signup-1'", [])).toHaveLength(1);
      const [customer] = await testApp.dataSource.query('SELECT name FROM customers WHERE external_id = $1', [
        'idem-lead',
      ]);
      expect(customer.name).toBe('First');
    });

    it('a sale retried with its invoiceId, or its provider event, answers 200 with the first event', async () => {
      await postLead(main.secretKey, lead(clickId, 'idem-sale')).expect(201);
      const byInvoice = await postSale(main.secretKey, sale('idem-sale', { invoiceId: 'inv-1' })).expect(201);
      expect(
        (await postSale(main.secretKey, sale('idem-sale', { invoiceId: 'inv-1', eventName: 'Other name' })).expect(200))
          .body,
      ).toEqual(byInvoice.body);

      const stripe = { provider: 'stripe', providerEventId: 'evt_stripe_1', providerSignature: 't=1,v1=first' };
      const byProvider = await postSale(main.secretKey, sale('idem-sale', stripe)).expect(201);
      const retried = await postSale(
        main.secretKey,
        sale('idem-sale', { ...stripe, providerSignature: 't=2,v1=second' }),
      ).expect(200);
      expect(retried.body).toEqual(byProvider.body);
      // The same event id of another provider is another event.
      await postSale(main.secretKey, sale('idem-sale', { provider: 'paddle', providerEventId: 'evt_stripe_1' })).expect(
        201,
      );

      const byEventId = await postSale(main.secretKey, sale('idem-sale', { eventId: 'order-1' })).expect(201);
      expect((await postSale(main.secretKey, sale('idem-sale', { eventId: 'order-1' })).expect(200)).body.id).toBe(
        byEventId.body.id,
      );

      const rows = await eventRows("customer_id = $1 AND type = 'sale'", [byInvoice.body.customer.id]);
      expect(rows).toHaveLength(4);
      expect(rows.find((row) => row.provider === 'stripe')!.provider_signature).toBe('t=1,v1=first');
    });

    it('the same key for a different conversion is 409 and records nothing', async () => {
      await postLead(main.secretKey, lead(clickId, 'idem-conflict')).expect(201);
      const first = await postSale(
        main.secretKey,
        sale('idem-conflict', { invoiceId: 'inv-conflict', eventId: 'sale-conflict' }),
      ).expect(201);

      expectError(
        await postSale(main.secretKey, sale('idem-conflict', { invoiceId: 'inv-conflict', amount: 1 })),
        409,
        'conflict',
        `invoiceId "inv-conflict" was already used for another conversion (${first.body.id}); a retry must send the same customer, amount and currency`,
      );
      expectError(
        await postLead(main.secretKey, lead(clickId, 'idem-conflict', { eventId: 'sale-conflict' })),
        409,
        'conflict',
        /^eventId "sale-conflict" was already used/,
      );
      expectError(
        await postSale(main.secretKey, sale('idem-conflict', { eventId: 'sale-conflict', invoiceId: 'inv-other' })),
        409,
        'conflict',
      );
      await postSale(main.secretKey, sale('idem-conflict', { eventId: 'sale-other', invoiceId: 'inv-other' })).expect(
        201,
      );
      expectError(
        await postSale(main.secretKey, sale('idem-conflict', { eventId: 'sale-conflict', invoiceId: 'inv-other' })),
        409,
        'conflict',
        /belong to different conversions/,
      );
      expect(await eventRows("customer_id = $1 AND type = 'sale'", [first.body.customer.id])).toHaveLength(2);
    });

    it('keys are per workspace: another workspace may use the same ones', async () => {
      const other = await newWorkspace('creator');
      const foreignLink = await trackedLink(other.user.workspaceId);
      const otherClick = await clickThrough(foreignLink);
      await postLead(other.secretKey, lead(otherClick, 'idem-lead', { eventId: 'signup-1' })).expect(201);
    });

    it.each([
      ['eventId of a lead', 'lead', { eventId: 'concurrent-lead' }],
      ['eventId of a sale', 'sale', { eventId: 'concurrent-sale' }],
      ['invoiceId', 'sale', { invoiceId: 'concurrent-invoice' }],
      ['provider event', 'sale', { provider: 'stripe', providerEventId: 'evt_concurrent' }],
    ] as const)('20 concurrent identical requests (%s) record exactly one event', async (_name, type, keys) => {
      const customer = `concurrent-${type}-${Object.values(keys).join('-')}`;
      await postLead(main.secretKey, lead(clickId, customer)).expect(201);
      const send = () =>
        type === 'lead'
          ? postLead(main.secretKey, lead(clickId, customer, keys))
          : postSale(main.secretKey, sale(customer, keys));

      const responses = await Promise.all(Array.from({ length: 20 }, send));

      expect(responses.map((response) => response.status).sort()).toEqual([...Array(19).fill(200), 201]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      const [{ count }] = await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM conversion_events e JOIN customers c ON c.id = e.customer_id WHERE c.external_id = $1 AND e.type = $2`,
        [customer, type],
      );
      expect(count).toBe(type === 'lead' ? 2 : 1);
    });
  });

  describe('publishable keys and CORS', () => {
    let clickId: string;
    beforeAll(async () => {
      clickId = await clickThrough(link);
    });

    const preflight = (path: string, origin?: string) => {
      const request = testApp
        .http()
        .options(`/api/v1/track/${path}`)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      return origin ? request.set('Origin', origin) : request;
    };

    it('answers the preflight of both writes for any origin: the preflight carries no key to know the workspace by', async () => {
      for (const path of ['leads', 'sales']) {
        for (const origin of [SHOP_ORIGIN, EVIL_ORIGIN]) {
          const response = await preflight(path, origin).expect(204);
          expect(response.headers).toMatchObject({
            'access-control-allow-origin': origin,
            'access-control-allow-methods': 'POST',
            'access-control-allow-headers': 'Authorization, Content-Type',
            'access-control-max-age': '600',
            vary: 'Origin',
          });
        }
      }
      const noOrigin = await preflight('leads').expect(204);
      expect(noOrigin.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('records a lead and a sale from an allowed origin, with CORS headers on the answer', async () => {
      const response = await postLead(main.publishableKey, lead(clickId, 'browser-1'))
        .set('Origin', SHOP_ORIGIN)
        .expect(201);
      expect(response.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
      expect(response.headers['access-control-expose-headers']).toContain('X-RateLimit-Remaining');
      expect(response.headers.vary).toContain('Origin');
      const subdomain = await postSale(main.publishableKey, sale('browser-1'))
        .set('Origin', 'https://checkout.example.org')
        .expect(201);
      expect(subdomain.headers['access-control-allow-origin']).toBe('https://checkout.example.org');

      // Errors after the origin check are readable by the page too.
      const invalid = await postSale(main.publishableKey, sale('browser-1', { amount: -1 }))
        .set('Origin', SHOP_ORIGIN)
        .expect(400);
      expect(invalid.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    });

    it('refuses an origin the workspace does not list, without CORS headers, and records nothing', async () => {
      for (const origin of [EVIL_ORIGIN, 'https://example.org', undefined]) {
        const request = postLead(main.publishableKey, lead(clickId, 'browser-evil'));
        const response = await (origin ? request.set('Origin', origin) : request);
        expectError(response, 403, 'origin_not_allowed', 'This origin is not allowed to use this publishable key');
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      }
      expect(
        await testApp.dataSource.query('SELECT id FROM customers WHERE external_id = $1', ['browser-evil']),
      ).toEqual([]);
    });

    it('accepts any origin when the workspace lists no host names', async () => {
      const open = await newWorkspace('creator');
      const openLink = await trackedLink(open.user.workspaceId);
      const openClick = await clickThrough(openLink);
      const response = await postLead(open.publishableKey, lead(openClick, 'anyone'))
        .set('Origin', EVIL_ORIGIN)
        .expect(201);
      expect(response.headers['access-control-allow-origin']).toBe(EVIL_ORIGIN);
    });

    it('gives secret keys no CORS headers: they belong on servers', async () => {
      const response = await postLead(main.secretKey, lead(clickId, 'server-1')).set('Origin', SHOP_ORIGIN).expect(201);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('never lets a publishable key read anything', async () => {
      const message = 'Publishable keys can only write conversion events';
      for (const path of [
        '/api/v1/conversions/summary',
        '/api/v1/conversions/events',
        '/api/v1/conversions/events/export?format=ndjson',
        '/api/v1/links',
        '/api/auth/me',
      ]) {
        const response = await testApp.http().get(path).set(bearer(main.publishableKey)).set('Origin', SHOP_ORIGIN);
        expectError(response, 403, 'publishable_key_not_allowed', message);
      }
      expectError(
        await testApp
          .http()
          .post('/api/v1/links')
          .set(bearer(main.publishableKey))
          .set('Origin', SHOP_ORIGIN)
          .send({ url: 'https://example.com' }),
        403,
        'publishable_key_not_allowed',
        message,
      );
    });

    it('limits publishable keys per visitor IP, with a lower default (30/min, bursts of 60)', async () => {
      const send = (ip: string) =>
        postLead(main.publishableKey, lead(clickId, 'rate-limited'))
          .set('Origin', SHOP_ORIGIN)
          .set('X-Forwarded-For', ip);
      const first = await send('198.51.100.7').expect(201);
      expect(first.headers['x-ratelimit-limit']).toBe('60');
      expect(first.headers['x-ratelimit-remaining']).toBe('59');
      expect((await send('198.51.100.7').expect(201)).headers['x-ratelimit-remaining']).toBe('58');
      expect((await send('198.51.100.8').expect(201)).headers['x-ratelimit-remaining']).toBe('59');

      const secret = await postLead(main.secretKey, lead(clickId, 'rate-limited')).expect(201);
      expect(secret.headers['x-ratelimit-limit']).toBe('200');
    });
  });

  describe('access: scopes and plans', () => {
    let clickId: string;
    beforeAll(async () => {
      clickId = await clickThrough(link);
    });

    it('needs the conversions scope to write; conversions:read opens the reads only', async () => {
      const linksOnly = (await createKey(main.user, { scopes: ['links'] })).key;
      const readOnly = (await createKey(main.user, { scopes: ['conversions:read'] })).key;
      expectError(
        await postLead(linksOnly, lead(clickId, 'scoped')),
        403,
        'insufficient_scope',
        'Missing required scope: conversions',
      );
      expectError(
        await postLead(readOnly, lead(clickId, 'scoped')),
        403,
        'insufficient_scope',
        'Missing required scope: conversions',
      );
      expectError(
        await testApp.http().get('/api/v1/conversions/events').set(bearer(linksOnly)),
        403,
        'insufficient_scope',
        'Missing required scope: conversions:read',
      );
      await testApp.http().get('/api/v1/conversions/events').set(bearer(readOnly)).expect(200);
      await testApp.http().get('/api/v1/conversions/summary').set(bearer(readOnly)).expect(200);
      await testApp.http().get('/api/v1/conversions/events/export').set(bearer(readOnly)).expect(200);
    });

    it('writes need the creator plan, for secret and publishable keys and sessions alike', async () => {
      const starter = await newWorkspace('starter');
      const starterLink = await trackedLink(starter.user.workspaceId);
      const starterClick = await clickThrough(starterLink);
      const message = 'Conversion tracking requires the creator plan or above';
      for (const key of [starter.secretKey, starter.publishableKey]) {
        const response = await postLead(key, lead(starterClick, 'gated'));
        expectError(response, 403, 'plan_upgrade_required', message);
        expect(response.body.requiredPlan).toBe('creator');
        expectError(await postSale(key, sale('gated')), 403, 'plan_upgrade_required', message);
      }
      const session = await starter.user.agent
        .post('/api/v1/track/leads')
        .set('X-CSRF-Token', starter.user.csrf)
        .send(lead(starterClick, 'gated'));
      expectError(session, 403, 'plan_upgrade_required', message);

      await setPlan(testApp, starter.user.workspaceId, 'creator');
      await postLead(starter.publishableKey, lead(starterClick, 'gated')).expect(201);
      await starter.user.agent
        .post('/api/v1/track/sales')
        .set('X-CSRF-Token', starter.user.csrf)
        .send(sale('gated'))
        .expect(201);
      await setPlan(testApp, starter.user.workspaceId, 'agency');
      await postSale(starter.secretKey, sale('gated')).expect(201);
    });

    it('reads stay open on every plan (history survives a downgrade); the export needs the starter plan', async () => {
      const free = await newWorkspace('free');
      await testApp.http().get('/api/v1/conversions/summary').set(bearer(free.secretKey)).expect(200);
      await testApp.http().get('/api/v1/conversions/events').set(bearer(free.secretKey)).expect(200);
      const gated = await testApp.http().get('/api/v1/conversions/events/export').set(bearer(free.secretKey));
      expectError(gated, 403, 'plan_upgrade_required', 'Link detail and exports requires the starter plan or above');
      expect(gated.body.requiredPlan).toBe('starter');
      await setPlan(testApp, free.user.workspaceId, 'starter');
      await testApp.http().get('/api/v1/conversions/events/export').set(bearer(free.secretKey)).expect(200);
    });
  });

  describe('reading events', () => {
    let workspace: Workspace;
    let shoes: InsertedLink;
    let hats: InsertedLink;

    beforeAll(async () => {
      workspace = await newWorkspace('creator');
      shoes = await trackedLink(workspace.user.workspaceId, { utm_source: 'ads' });
      hats = await trackedLink(workspace.user.workspaceId);
      await postLead(
        workspace.secretKey,
        lead(await clickThrough(shoes), 'alice', { customerName: 'Alice, "A"', metadata: { note: 'line1\nline2' } }),
      ).expect(201);
      await postLead(
        workspace.secretKey,
        lead(await clickThrough(hats), 'bob', { customerName: '=HYPERLINK("x")' }),
      ).expect(201);
      await postSale(workspace.secretKey, sale('alice', { amount: 1_500, invoiceId: 'inv-a' })).expect(201);
      await postSale(workspace.secretKey, sale('bob', { amount: 300, currency: 'GBP' })).expect(201);
      await postSale(workspace.secretKey, sale('alice', { amount: 99 })).expect(201);
    });

    const list = (query = '') =>
      testApp.http().get(`/api/v1/conversions/events${query}`).set(bearer(workspace.secretKey)).expect(200);

    it('lists events newest first with cursor pagination and the full event', async () => {
      const all = await list();
      expect(
        all.body.data.map(
          (event: { type: string; customer: { externalId: string } }) => `${event.type}:${event.customer.externalId}`,
        ),
      ).toEqual(['sale:alice', 'sale:bob', 'sale:alice', 'lead:bob', 'lead:alice']);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.data[4]).toMatchObject({
        type: 'lead',
        customer: { externalId: 'alice', name: 'Alice, "A"', email: null },
        linkId: shoes.id,
        metadata: { note: 'line1\nline2' },
        country: 'GB',
        device: 'desktop',
        referrerDomain: 'google.com',
        utm_source: 'ads',
        utm_medium: null,
      });

      const pages: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Response = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        pages.push(...page.body.data.map((event: { id: string }) => event.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(pages).toEqual(all.body.data.map((event: { id: string }) => event.id));
      expectError(
        await testApp.http().get('/api/v1/conversions/events?cursor=bogus').set(bearer(workspace.secretKey)),
        400,
        'validation_failed',
      );
    });

    it('filters by type, link, customer and time', async () => {
      const ids = (response: Response) =>
        response.body.data.map(
          (event: { type: string; customer: { externalId: string } }) => `${event.type}:${event.customer.externalId}`,
        );
      expect(ids(await list('?type=lead'))).toEqual(['lead:bob', 'lead:alice']);
      expect(ids(await list(`?linkId=${hats.id}`))).toEqual(['sale:bob', 'lead:bob']);
      expect(ids(await list('?customerExternalId=alice&type=sale'))).toEqual(['sale:alice', 'sale:alice']);
      expect(ids(await list('?end=2020-01-01T00:00:00Z'))).toEqual([]);
      expect(ids(await list(`?start=${new Date(Date.now() - 3_600_000).toISOString()}`))).toHaveLength(5);
      expect(ids(await list(`?linkId=${link.id}`))).toEqual([]);
      expectError(
        await testApp.http().get('/api/v1/conversions/events?type=refund').set(bearer(workspace.secretKey)),
        400,
        'validation_failed',
      );
    });

    it('exports CSV with a header row, quoting and formula neutralized', async () => {
      const response = await testApp
        .http()
        .get('/api/v1/conversions/events/export')
        .set(bearer(workspace.secretKey))
        .expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="conversions-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = response.text.split('\r\n');
      expect(lines[0]).toBe(
        'id,time,type,event_name,customer_id,customer_external_id,customer_name,customer_email,link_id,click_id,amount,currency,invoice_id,event_id,provider,provider_event_id,country,region,city,device,browser,os,referrer,referrer_domain,utm_source,utm_medium,utm_campaign,utm_term,utm_content,metadata',
      );
      expect(lines).toHaveLength(7);
      expect(lines[6]).toBe('');
      expect(lines[1]).toContain(',lead,Sign up,');
      expect(lines[1]).toContain(',alice,"Alice, ""A""",,');
      expect(lines[1]).toContain(',"{""note"":""line1\\nline2""}"');
      expect(lines[2]).toContain(`,bob,"'=HYPERLINK(""x"")",,${hats.id},`);
      expect(lines[3]).toContain(',1500,USD,inv-a,');
    });

    it('exports NDJSON, one event per line as in the list, filtered', async () => {
      const response = await testApp
        .http()
        .get('/api/v1/conversions/events/export?format=ndjson&type=sale')
        .set(bearer(workspace.secretKey))
        .expect(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const events = response.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      const listed = (await list('?type=sale')).body.data;
      expect(events).toEqual([...listed].reverse());
      expectError(
        await testApp.http().get('/api/v1/conversions/events/export?format=xml').set(bearer(workspace.secretKey)),
        400,
        'validation_failed',
      );
    });

    it('streams large exports in batches: every row once, in order', async () => {
      const big = await newWorkspace('creator');
      const bigLink = await trackedLink(big.user.workspaceId);
      await postLead(big.secretKey, lead(await clickThrough(bigLink), 'bulk')).expect(201);
      const [{ id: customerId }] = await testApp.dataSource.query('SELECT id FROM customers WHERE workspace_id = $1', [
        big.user.workspaceId,
      ]);
      // 2,500 sales, many sharing a timestamp: the keyset must not skip or repeat rows across batches.
      await testApp.dataSource.query(
        `INSERT INTO conversion_events (id, workspace_id, type, event_name, customer_id, link_id, amount, currency, time)
         SELECT 'evt_bulk' || lpad(n::text, 6, '0'), $1, 'sale', 'Purchase', $2, $3, n, 'USD', now() - make_interval(secs => (n / 7)::int)
           FROM generate_series(1, 2500) AS n`,
        [big.user.workspaceId, customerId, bigLink.id],
      );
      const response = await testApp
        .http()
        .get('/api/v1/conversions/events/export?format=ndjson&type=sale')
        .set(bearer(big.secretKey))
        .expect(200);
      const events = response.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; time: string });
      expect(events).toHaveLength(2_500);
      expect(new Set(events.map((event) => event.id)).size).toBe(2_500);
      const order = events.map((event) => `${event.time}|${event.id}`);
      expect(order).toEqual([...order].sort());

      const csv = await testApp.http().get('/api/v1/conversions/events/export').set(bearer(big.secretKey)).expect(200);
      expect(csv.text.split('\r\n')).toHaveLength(2_500 + 1 + 1 + 1);
    });
  });
});
