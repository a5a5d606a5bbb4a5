import type { Page } from 'playwright-core';
import { DashboardBrowser, describeWithChromium, openDashboard, signUpInBrowser } from '../../../test/helpers/chromium';
import { setPlan } from '../../../test/helpers/fixtures';
import type { TestApp } from '../../../test/helpers/test-app';
import { ClickRecorder } from '../src/clicks/click-recorder.service';

const VARIANT_A = 'https://shop.example.com/a';
const VARIANT_B = 'https://shop.example.com/b';

/** The link form's A/B test section and the analytics page's variant panel, in Chromium against the built dashboard. */
describeWithChromium('the A/B test browser test')('dashboard: A/B tests in Chromium', () => {
  let testApp: TestApp;
  let base: string;
  let dashboard: DashboardBrowser;
  let page: Page;
  let workspaceId: string;
  let browserErrors: string[];
  const dialog = (name: string) => page.getByRole('dialog', { name });
  const card = (name: string) => page.locator(`.card[aria-label="${name}"]`);

  beforeAll(async () => {
    dashboard = await openDashboard('ab', { shortLinks: true });
    ({ testApp, base, page, browserErrors } = dashboard);

    ({ workspaceId } = await signUpInBrowser(page, base, 'ab@example.com'));
  }, 180_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  afterEach(() => expect(browserErrors).toEqual([]));

  async function linkRow(slug: string) {
    const [row] = await testApp.dataSource.query(
      'SELECT id, test_variants, test_ends_at, winner_url, test_pick_winner FROM links WHERE slug = $1',
      [slug],
    );
    return row;
  }

  it('shows the section closed to a plan below Creator', async () => {
    await setPlan(testApp, workspaceId, 'starter');
    await page.reload();
    await page.getByRole('button', { name: 'Create link' }).click();
    const form = dialog('Create link');
    await form.getByText('A/B test (Creator plan)').click();
    await form.getByText('A/B tests open with the Creator plan.').waitFor();
    expect(await form.getByRole('button', { name: 'Add variant' }).isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates a link with a test: variants, weights checked before sending, an end and a winner', async () => {
    await setPlan(testApp, workspaceId, 'creator');
    await page.reload();
    await page.getByRole('button', { name: 'Create link' }).click();
    const form = dialog('Create link');
    await form.getByLabel('Destination URL').fill('https://shop.example.com/');
    await form.getByLabel('Slug (optional)').fill('pricing');
    await form.getByText('A/B test', { exact: true }).click();
    await form.getByRole('button', { name: 'Add variant' }).click();
    await form.getByRole('button', { name: 'Add variant' }).click();
    expect(await form.getByLabel('Variant 1 weight (%)').inputValue()).toBe('50');
    expect(await form.getByLabel('Variant 2 weight (%)').inputValue()).toBe('50');
    await form.getByLabel('Variant 1 URL').fill(VARIANT_A);
    await form.getByLabel('Variant 2 URL').fill(VARIANT_B);
    await form.getByLabel('Variant 1 weight (%)').fill('70');
    await form.getByRole('button', { name: 'Create link' }).click();
    await form.getByText('Weights must sum to 100 (they sum to 120)').waitFor();

    await form.getByLabel('Variant 2 weight (%)').fill('30');
    await form.getByText('Weights sum to 100 of 100.').waitFor();
    const endsAt = new Date(Date.now() + 7 * 86_400_000);
    const local = new Date(endsAt.getTime() - endsAt.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await form.getByLabel('Test ends at').fill(local);
    await form.getByLabel('Winner after the end').selectOption(VARIANT_B);
    await form.getByLabel('Without a chosen winner, pick the best conversion rate').check();
    await form.getByRole('button', { name: 'Create link' }).click();
    await form.waitFor({ state: 'detached' });

    const row = await linkRow('pricing');
    expect(row).toMatchObject({
      test_variants: [
        { url: VARIANT_A, weight: 70 },
        { url: VARIANT_B, weight: 30 },
      ],
      winner_url: VARIANT_B,
      test_pick_winner: true,
    });
    // The local time picked, as the instant it names.
    expect(new Date(row.test_ends_at).getTime()).toBe(new Date(local).getTime());
  });

  it('shows the API’s 400 on the variant it names', async () => {
    await page.getByRole('button', { name: 'Edit pricing' }).click();
    const form = dialog('Edit link');
    // Passes the form's check (an http URL) but not the server's: a loop back to this server's short domain.
    await form.getByLabel('Variant 1 URL').fill(`${base}/pricing`);
    await form.getByRole('button', { name: 'Save link' }).click();
    await form.locator('.field.invalid', { hasText: 'Variant 1 URL' }).waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('filters analytics on a variant clicked in the A/B variants list of the Traffic panel', async () => {
    const { id } = await linkRow('pricing');
    // 40 visitors of the short link (one address, each its own browser): both variants get some at 70/30.
    for (let visitor = 1; visitor <= 40; visitor++) {
      const response = await fetch(`${base}/pricing`, {
        redirect: 'manual',
        headers: {
          'User-Agent': `Mozilla/5.0 (X11; Linux x86_64; rv:${visitor}.0) Gecko/20100101 Firefox/${visitor}.0`,
        },
      });
      expect(response.status).toBe(302);
    }
    await testApp.app.get(ClickRecorder).flush();
    const [counts] = await testApp.dataSource.query(
      `SELECT count(*) FILTER (WHERE variant = $2)::int AS a, count(*) FILTER (WHERE variant = $3)::int AS b
         FROM click_events WHERE link_id = $1 AND NOT is_bot`,
      [id, VARIANT_A, VARIANT_B],
    );
    expect(counts.a + counts.b).toBe(40);
    expect(counts.a).toBeGreaterThan(0);
    expect(counts.b).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor();
    await card('Traffic').getByRole('tab', { name: 'A/B variants' }).click();
    const list = card('Traffic').getByRole('table', { name: 'A/B variants' });
    await list.waitFor();
    const rows = await list
      .locator('.bar-row:not(.bar-head)')
      .evaluateAll((elements) =>
        elements.map(
          (row) => `${row.querySelector('.bar-label')!.textContent} ${row.querySelector('.number')!.textContent}`,
        ),
      );
    expect(rows.sort()).toEqual([`${VARIANT_A} ${counts.a}`, `${VARIANT_B} ${counts.b}`].sort());

    await card('Traffic').getByRole('button', { name: VARIANT_A, exact: true }).click();
    await page.getByLabel('Filters').getByText(`A/B variant = ${VARIANT_A}`).waitFor();
    expect(new URL(page.url()).searchParams.get('variant')).toBe(VARIANT_A);
    await page.getByLabel('Overview').getByLabel('Clicks').getByText(String(counts.a), { exact: true }).waitFor();
  });

  it('ends the test when every variant is removed', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Links' }).click();
    await page.getByRole('button', { name: 'Edit pricing' }).click();
    const form = dialog('Edit link');
    await form.getByRole('button', { name: 'Remove variant 2' }).click();
    await form.getByRole('button', { name: 'Remove variant 1' }).click();
    await form.getByRole('button', { name: 'Save link' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await linkRow('pricing')).toMatchObject({
      test_variants: null,
      test_ends_at: null,
      winner_url: null,
      test_pick_winner: false,
    });
  });
});
