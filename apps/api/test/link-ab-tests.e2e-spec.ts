import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import type { BulkLinkResultDto } from '../src/links/dto/bulk-links.dto';
import type { CreateLinkDto } from '../src/links/dto/create-link.dto';
import type { LinkDto } from '../src/links/dto/link.dto';
import type { UpdateLinkDto } from '../src/links/dto/update-link.dto';

const SHORT_DOMAIN = 'ab.test';
const FAST = { rateLimit: 100_000 };
const HOUR_MS = 3_600_000;

const VARIANTS = [
  { url: 'https://shop.example.com/a', weight: 70 },
  { url: 'https://shop.example.com/b', weight: 30 },
];

describe('Link A/B tests: fields', () => {
  let testApp: TestApp;
  let creatorKey: string;
  let starterKey: string;

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN, PUBLIC_URL: 'https://app.ab.test', COOKIE_SECURE: 'false' });
    creatorKey = await workspaceKey('creator');
    starterKey = await workspaceKey('starter');
  });

  afterAll(() => testApp?.close());

  async function workspaceKey(plan: 'starter' | 'creator'): Promise<string> {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, plan);
    return (await createKey(user, { scopes: ['links'], ...FAST })).key;
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
    ['an end without variants', { testEndsAt: '2999-01-01T00:00:00Z' }, 'testEndsAt', 'testEndsAt needs testVariants'],
    [
      'picking a winner without variants',
      { testPickWinner: true },
      'testPickWinner',
      'testPickWinner needs testVariants',
    ],
  ])('refuses %s with 400 naming the field', async (_case, fields, field, message) => {
    const response = await create(creatorKey, { url: 'https://example.com/', ...fields } as CreateLinkDto).expect(400);

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
