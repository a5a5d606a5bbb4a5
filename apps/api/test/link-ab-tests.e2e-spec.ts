import { LinkChangesService } from '@app/common';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import type { BulkLinkResultDto } from '../src/links/dto/bulk-links.dto';
import type { CreateLinkDto } from '../src/links/dto/create-link.dto';
import type { LinkDto } from '../src/links/dto/link.dto';
import type { UpdateLinkDto } from '../src/links/dto/update-link.dto';
import { ClickRecorder } from '../src/clicks/click-recorder.service';

const SHORT_DOMAIN = 'ab.test';
const FAST = { rateLimit: 100_000 };
const HOUR_MS = 3_600_000;
const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

const VARIANTS = [
  { url: 'https://shop.example.com/a', weight: 70 },
  { url: 'https://shop.example.com/b', weight: 30 },
];

describe('Link A/B tests', () => {
  let testApp: TestApp;
  let creatorKey: string;
  let starterKey: string;

  beforeAll(async () => {
    testApp = await startTestApp({
      SHORT_DOMAIN,
      PUBLIC_URL: 'https://app.ab.test',
      COOKIE_SECURE: 'false',
      TRUST_PROXY: 'true',
    });
    creatorKey = await workspaceKey('creator');
    starterKey = await workspaceKey('starter');
  });

  afterAll(() => testApp?.close());

  async function workspaceKey(plan: 'starter' | 'creator'): Promise<string> {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, plan);
    return (await createKey(user, { scopes: ['links', 'analytics', 'conversions'], ...FAST })).key;
  }

  const inAnHour = () => new Date(Date.now() + HOUR_MS).toISOString();
  const create = (key: string, body: CreateLinkDto) => testApp.http().post('/api/v1/links').set(bearer(key)).send(body);
  const update = (key: string, id: string, body: UpdateLinkDto | Record<string, unknown>) =>
    testApp.http().patch(`/api/v1/links/${id}`).set(bearer(key)).send(body);

  async function createTest(extra: Partial<CreateLinkDto> = {}): Promise<LinkDto> {
    const response = await create(creatorKey, {
      url: 'https://shop.example.com/',
      testVariants: VARIANTS,
      ...extra,
    } satisfies CreateLinkDto).expect(201);
    return response.body;
  }

  describe('fields', () => {
    it('creates a link with a test, answers it and reads it back', async () => {
      const endsAt = inAnHour();
      const link = await createTest({ testEndsAt: endsAt, winnerUrl: VARIANTS[1].url });

      expect(link).toMatchObject({ testVariants: VARIANTS, testEndsAt: endsAt, winnerUrl: VARIANTS[1].url });
      expect(link.testPickWinner).toBe(false);
      const read = await testApp.http().get(`/api/v1/links/${link.id}`).set(bearer(creatorKey)).expect(200);
      expect(read.body).toMatchObject({ testVariants: VARIANTS, testEndsAt: endsAt, winnerUrl: VARIANTS[1].url });
    });

    it('answers null and false for a link without a test', async () => {
      const response = await create(creatorKey, { url: 'https://example.com/plain' }).expect(201);
      expect(response.body).toMatchObject({
        testVariants: null,
        testEndsAt: null,
        winnerUrl: null,
        testPickWinner: false,
      });
    });

    it('updates the variants, and clears the whole test with testVariants: null', async () => {
      const link = await createTest({ testEndsAt: inAnHour(), winnerUrl: VARIANTS[0].url, testPickWinner: true });
      const three = [
        { url: 'https://shop.example.com/a', weight: 34 },
        { url: 'https://shop.example.com/c', weight: 33 },
        { url: 'https://shop.example.com/d', weight: 33 },
      ];

      const changed = await update(creatorKey, link.id, { testVariants: three }).expect(200);
      expect(changed.body).toMatchObject({ testVariants: three, winnerUrl: VARIANTS[0].url, testPickWinner: true });

      const cleared = await update(creatorKey, link.id, { testVariants: null }).expect(200);
      expect(cleared.body).toMatchObject({
        testVariants: null,
        testEndsAt: null,
        winnerUrl: null,
        testPickWinner: false,
      });
      const [row] = await testApp.dataSource.query(
        'SELECT test_variants, test_ends_at, winner_url, test_pick_winner FROM links WHERE id = $1',
        [link.id],
      );
      expect(row).toEqual({ test_variants: null, test_ends_at: null, winner_url: null, test_pick_winner: false });
    });

    it('clears a winner the new variants no longer hold, and the end date alone with null', async () => {
      const link = await createTest({ testEndsAt: inAnHour(), winnerUrl: VARIANTS[1].url });
      const others = [
        { url: 'https://shop.example.com/x', weight: 50 },
        { url: 'https://shop.example.com/y', weight: 50 },
      ];

      const changed = await update(creatorKey, link.id, { testVariants: others, testEndsAt: null }).expect(200);

      expect(changed.body).toMatchObject({ testVariants: others, testEndsAt: null, winnerUrl: null });
    });

    it('creates tests in bulk, each item judged on its own', async () => {
      const response = await testApp
        .http()
        .post('/api/v1/links/bulk')
        .set(bearer(creatorKey))
        .send({
          links: [
            { url: 'https://example.com/1', testVariants: VARIANTS, testPickWinner: true },
            { url: 'https://example.com/2', testVariants: [{ url: 'https://example.com/x', weight: 100 }] },
          ],
        })
        .expect(200);
      const [first, second] = response.body.results as BulkLinkResultDto[];

      expect(first).toMatchObject({ status: 201, link: { testVariants: VARIANTS, testPickWinner: true } });
      expect(second).toMatchObject({
        status: 400,
        error: {
          errors: expect.arrayContaining([
            { field: 'testVariants', message: 'testVariants must contain at least 2 elements' },
          ]),
        },
      });
    });

    it.each<[string, Record<string, unknown>, string, string]>([
      [
        'weights not summing to 100',
        { testVariants: [VARIANTS[0], { url: VARIANTS[1].url, weight: 20 }] },
        'testVariants',
        'testVariants weights must sum to 100 (they sum to 90)',
      ],
      [
        'a weight that is not an integer',
        {
          testVariants: [
            { url: VARIANTS[0].url, weight: 69.5 },
            { url: VARIANTS[1].url, weight: 30.5 },
          ],
        },
        'testVariants[0].weight',
        'weight must be an integer number',
      ],
      [
        'a variant URL that is not a destination',
        { testVariants: [VARIANTS[0], { url: 'ftp://example.com/b', weight: 30 }] },
        'testVariants[1].url',
        'url must use http or https',
      ],
      [
        'a URL twice',
        { testVariants: [VARIANTS[0], { url: VARIANTS[0].url, weight: 30 }] },
        'testVariants',
        `testVariants must not repeat a URL (${VARIANTS[0].url} appears twice)`,
      ],
      [
        'five variants',
        { testVariants: [20, 20, 20, 20, 20].map((weight, index) => ({ url: `https://e.com/${index}`, weight })) },
        'testVariants',
        'testVariants must contain no more than 4 elements',
      ],
      [
        'an unknown field in a variant',
        { testVariants: [{ ...VARIANTS[0], label: 'A' }, VARIANTS[1]] },
        'testVariants[0].label',
        'testVariants[0].label is not an accepted field',
      ],
      [
        'a winner that is not a variant',
        { testVariants: VARIANTS, winnerUrl: 'https://shop.example.com/z' },
        'winnerUrl',
        'winnerUrl must be the URL of one of testVariants',
      ],
      [
        'an end in the past',
        { testVariants: VARIANTS, testEndsAt: '2020-01-01T00:00:00Z' },
        'testEndsAt',
        'testEndsAt must be in the future',
      ],
      [
        'an end without variants',
        { testEndsAt: '2999-01-01T00:00:00Z' },
        'testEndsAt',
        'testEndsAt needs testVariants',
      ],
      [
        'picking a winner without variants',
        { testPickWinner: true },
        'testPickWinner',
        'testPickWinner needs testVariants',
      ],
    ])('refuses %s with 400 naming the field', async (_case, fields, field, message) => {
      const response = await create(creatorKey, { url: 'https://example.com/', ...fields } as CreateLinkDto).expect(
        400,
      );

      expect(response.body).toMatchObject({
        code: 'validation_failed',
        errors: expect.arrayContaining([{ field, message }]),
      });
    });

    it('refuses a winner that is not a variant on update too', async () => {
      const link = await createTest();
      const response = await update(creatorKey, link.id, { winnerUrl: 'https://elsewhere.example.com/' }).expect(400);
      expect(response.body.errors).toEqual([
        { field: 'winnerUrl', message: 'winnerUrl must be the URL of one of testVariants' },
      ]);
    });

    it('refuses a test below the creator plan with 403 plan_upgrade_required; ending one is allowed', async () => {
      const refused = await create(starterKey, { url: 'https://example.com/', testVariants: VARIANTS }).expect(403);
      expect(refused.body).toMatchObject({
        code: 'plan_upgrade_required',
        message: 'A/B testing requires the creator plan or above',
        requiredPlan: 'creator',
      });

      const plain = await create(starterKey, { url: 'https://example.com/' }).expect(201);
      await update(starterKey, plain.body.id, { testPickWinner: true }).expect(403);
      await update(starterKey, plain.body.id, { testVariants: null, testPickWinner: false }).expect(200);
    });
  });

  describe('redirect and analytics', () => {
    let slugCount = 0;
    const visit = (slug: string, ip: string, userAgent = DESKTOP) =>
      testApp
        .http()
        .get(`/${slug}`)
        .set('Host', SHORT_DOMAIN)
        .set('X-Forwarded-For', ip)
        .set('User-Agent', userAgent)
        .expect(302);
    const visitorIp = (index: number) => `198.51.${100 + (index >> 8)}.${index & 255}`;
    /** The destination without the `lt_id` the redirect appends. */
    const landing = (location: string) => location.replace(/[?&]lt_id=clk_\w+$/, '');
    const clickIdOf = (location: string) => new URL(location).searchParams.get('lt_id')!;

    async function testLink(extra: Partial<CreateLinkDto> = {}): Promise<LinkDto> {
      const response = await create(creatorKey, {
        url: 'https://shop.example.com/',
        slug: `ab-${++slugCount}-${Date.now()}`,
        testVariants: [
          { url: 'https://shop.example.com/a', weight: 50 },
          { url: 'https://shop.example.com/b', weight: 50 },
        ],
        trackConversion: true,
        ...extra,
      } satisfies CreateLinkDto).expect(201);
      return response.body;
    }

    async function storedVariants(linkId: string): Promise<{ id: string; variant: string | null }[]> {
      await testApp.app.get(ClickRecorder).flush();
      return testApp.dataSource.query('SELECT id, variant FROM click_events WHERE link_id = $1 ORDER BY id', [linkId]);
    }

    /** The test ends now, after every click and lead so far: what waiting for its end would do, without the wait. */
    async function endTest(link: LinkDto, winnerUrl: string | null = null): Promise<void> {
      await testApp.dataSource.query(
        `UPDATE links SET test_ends_at = clock_timestamp(), winner_url = $2 WHERE id = $1`,
        [link.id, winnerUrl],
      );
      testApp.app.get(LinkChangesService).publish({ domain: link.domain, slug: link.slug });
    }

    const report = (query: string) =>
      testApp.http().get(`/api/v1/analytics/report?range=24h&${query}`).set(bearer(creatorKey)).expect(200);

    it('keeps a visitor on its variant, spreads visitors over both, and records the variant of each click', async () => {
      const link = await testLink();
      const seen = new Map<string, string>();
      for (let index = 0; index < 40; index++) {
        const first = landing((await visit(link.slug, visitorIp(index))).headers.location);
        const again = landing((await visit(link.slug, visitorIp(index))).headers.location);
        expect(again).toBe(first);
        seen.set(visitorIp(index), first);
      }
      expect(new Set(seen.values())).toEqual(new Set(['https://shop.example.com/a', 'https://shop.example.com/b']));

      const clicks = await storedVariants(link.id);
      expect(clicks).toHaveLength(80);
      const perVariant = (url: string) => [...seen.values()].filter((seenUrl) => seenUrl === url).length * 2;
      expect(clicks.filter((click) => click.variant === 'https://shop.example.com/a')).toHaveLength(
        perVariant('https://shop.example.com/a'),
      );
      expect(clicks.filter((click) => click.variant === 'https://shop.example.com/b')).toHaveLength(
        perVariant('https://shop.example.com/b'),
      );
      // The link's click export names each click's variant too.
      const exported = await testApp
        .http()
        .get(`/api/v1/links/${link.id}/events/export?format=ndjson`)
        .set(bearer(creatorKey))
        .buffer(true)
        .expect(200);
      const exportedVariants = exported.text
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { variant: string | null }).variant);
      expect(exportedVariants.sort()).toEqual(clicks.map((click) => click.variant).sort());
    });

    it('groups and filters analytics by variant, with conversions under the variant of their click', async () => {
      const link = await testLink();
      const locations: string[] = [];
      for (let index = 100; index < 120; index++)
        locations.push((await visit(link.slug, visitorIp(index))).headers.location);
      const onB = locations.filter((location) => landing(location) === 'https://shop.example.com/b');
      const onA = locations.length - onB.length;
      expect(onB.length).toBeGreaterThan(0);
      expect(onA).toBeGreaterThan(0);
      await testApp.app.get(ClickRecorder).flush();
      await testApp
        .http()
        .post('/api/v1/track/leads')
        .set(bearer(creatorKey))
        .send({ clickId: clickIdOf(onB[0]), eventName: 'Sign up', customerExternalId: `customer-${link.id}` })
        .expect(201);
      const [conversion] = await testApp.dataSource.query('SELECT variant FROM conversion_events WHERE link_id = $1', [
        link.id,
      ]);
      expect(conversion.variant).toBe('https://shop.example.com/b');

      const grouped = await report(`groupBy=variant&linkId=${link.id}`);
      expect(grouped.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: 'https://shop.example.com/a', clicks: onA, leads: 0 }),
          expect.objectContaining({ value: 'https://shop.example.com/b', clicks: onB.length, leads: 1 }),
        ]),
      );
      const filtered = await report(`groupBy=link&linkId=${link.id}&variant=https://shop.example.com/b`);
      expect(filtered.body.data).toEqual([expect.objectContaining({ value: link.id, clicks: onB.length, leads: 1 })]);
    });

    it('lets device targeting win, recording no variant for that visitor', async () => {
      const link = await testLink({ ios: 'https://apps.example.com/ios' });
      const response = await visit(link.slug, visitorIp(200), IPHONE);
      expect(landing(response.headers.location)).toBe('https://apps.example.com/ios');
      expect(await storedVariants(link.id)).toEqual([{ id: clickIdOf(response.headers.location), variant: null }]);
    });

    it('records no variant for a link without a test', async () => {
      const response = await create(creatorKey, { url: 'https://example.com/plain', slug: `plain-${Date.now()}` });
      await visit(response.body.slug, visitorIp(201));
      expect(await storedVariants(response.body.id)).toEqual([{ id: expect.any(String), variant: null }]);
    });

    it('after the end, sends every visitor to the chosen winner and records no variant', async () => {
      const link = await testLink();
      await endTest(link, 'https://shop.example.com/b');
      for (let index = 300; index < 310; index++)
        expect(landing((await visit(link.slug, visitorIp(index))).headers.location)).toBe('https://shop.example.com/b');
      expect((await storedVariants(link.id)).every((click) => click.variant === null)).toBe(true);
    });

    it('after the end without a winner, keeps splitting', async () => {
      const link = await testLink();
      await endTest(link);
      const landed = new Set<string>();
      for (let index = 400; index < 420; index++)
        landed.add(landing((await visit(link.slug, visitorIp(index))).headers.location));
      expect(landed).toEqual(new Set(['https://shop.example.com/a', 'https://shop.example.com/b']));
    });

    it('picks the variant with the best conversion rate once the test ends, and stores it as winnerUrl', async () => {
      const link = await testLink({
        testVariants: [
          { url: 'https://shop.example.com/a', weight: 60 },
          { url: 'https://shop.example.com/b', weight: 40 },
        ],
        testPickWinner: true,
      });
      const locations: string[] = [];
      for (let index = 500; index < 530; index++)
        locations.push((await visit(link.slug, visitorIp(index))).headers.location);
      const onB = locations.filter((location) => landing(location) === 'https://shop.example.com/b');
      expect(onB.length).toBeGreaterThan(0);
      await testApp.app.get(ClickRecorder).flush();
      // One lead from B: B converts better than A (no leads), though A has the higher weight.
      await testApp
        .http()
        .post('/api/v1/track/leads')
        .set(bearer(creatorKey))
        .send({ clickId: clickIdOf(onB[0]), eventName: 'Sign up', customerExternalId: `winner-${link.id}` })
        .expect(201);
      await endTest(link);

      for (let index = 600; index < 610; index++)
        expect(landing((await visit(link.slug, visitorIp(index))).headers.location)).toBe('https://shop.example.com/b');
      const read = await testApp.http().get(`/api/v1/links/${link.id}`).set(bearer(creatorKey)).expect(200);
      expect(read.body).toMatchObject({ winnerUrl: 'https://shop.example.com/b', testPickWinner: true });
    });
  });
});
