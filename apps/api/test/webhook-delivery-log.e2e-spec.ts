import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { metricValue } from '../../../test/helpers/prometheus';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { WebhookReceiver } from '../../../test/helpers/webhook-receiver';
import { WebhookClock } from '../src/webhooks/webhook-clock';
import { MAX_ATTEMPTS, WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';
import type { CreateWebhookDto } from '../src/webhooks/dto/create-webhook.dto';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the delivery log keeps and forgets, what /metrics says of deliveries, and how answers are judged. */
describe('Webhook delivery log and metrics', () => {
  let t: TestApp;
  let key: string;
  let worker: WebhookDeliveryWorker;
  let clockOffsetMs = 0;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    // The worker runs when a test says so, on a clock the test moves: nothing depends on timing.
    t = await startTestApp({
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '0',
    });
    const user = await signUp(t);
    await setPlan(t, user.workspaceId, 'agency');
    key = (await createKey(user, { scopes: ['webhooks', 'links'] })).key;
    worker = t.app.get(WebhookDeliveryWorker);
    jest.spyOn(t.app.get(WebhookClock), 'now').mockImplementation(() => new Date(Date.now() + clockOffsetMs));
  });
  afterAll(async () => {
    await Promise.all(receivers.map((receiver) => receiver.stop()));
    await t?.close();
  });

  const get = (url: string) => t.http().get(url).set(bearer(key));
  const post = (url: string) => t.http().post(url).set(bearer(key));
  const patch = (url: string) => t.http().patch(url).set(bearer(key));
  const remove = (url: string) => t.http().delete(url).set(bearer(key));

  async function receiver(): Promise<WebhookReceiver> {
    const started = await new WebhookReceiver().start();
    receivers.push(started);
    return started;
  }

  async function createWebhook(url: string): Promise<string> {
    const body = { url, eventTypes: ['link.created'] } satisfies CreateWebhookDto;
    return (await post('/api/v1/webhooks').send(body).expect(201)).body.id;
  }

  async function createLink(): Promise<void> {
    await post('/api/v1/links').send({ url: 'https://example.com/page' }).expect(201);
  }

  async function deliveries(webhookId: string): Promise<any[]> {
    return (await get(`/api/v1/webhooks/${webhookId}/deliveries`).expect(200)).body.data;
  }

  async function metrics(): Promise<(name: string, labels?: Record<string, string>) => number> {
    const text = (await t.http().get('/metrics').expect(200)).text;
    return (name, labels) => {
      const value = metricValue(text, name, labels);
      return Number.isNaN(value) ? 0 : value;
    };
  }

  it('keeps delivered and failed deliveries 30 days, and pending ones until they are sent', async () => {
    const ok = await receiver();
    const gone = await receiver();
    gone.defaultStatus = 410;
    const waiting = await receiver();
    const delivering = await createWebhook(ok.url);
    const failing = await createWebhook(gone.url);
    const disabled = await createWebhook(waiting.url);
    const start = Date.now() + clockOffsetMs;
    const at = (days: number) => {
      clockOffsetMs = start + days * DAY_MS - Date.now();
    };

    // Day 0: delivered to one webhook, failed at the other (410), pending at a disabled one.
    await createLink();
    await patch(`/api/v1/webhooks/${disabled}`).send({ enabled: false }).expect(200);
    await worker.runOnce();
    const [oldDelivered] = await deliveries(delivering);
    const [oldFailed] = await deliveries(failing);
    const [oldPending] = await deliveries(disabled);
    expect([oldDelivered.status, oldFailed.status, oldPending.status]).toEqual(['delivered', 'failed', 'pending']);

    // Day 2: the same again (the 410 disabled the failing webhook; enabled again, it fails again).
    at(2);
    await patch(`/api/v1/webhooks/${failing}`).send({ enabled: true }).expect(200);
    await createLink();
    await worker.runOnce();
    // Day 20: nothing is 30 days old yet, so nothing is forgotten.
    at(20);
    await worker.runOnce();
    expect(await deliveries(delivering)).toHaveLength(2);
    expect(await deliveries(failing)).toHaveLength(2);

    // Day 31: day 0's finished deliveries are gone, day 2's (29 days old) stay, the pending one stays.
    at(31);
    await worker.runOnce();
    expect((await deliveries(delivering)).map((delivery) => [delivery.id, delivery.status])).toEqual([
      [expect.not.stringMatching(oldDelivered.id), 'delivered'],
    ]);
    expect((await deliveries(failing)).map((delivery) => [delivery.id, delivery.status])).toEqual([
      [expect.not.stringMatching(oldFailed.id), 'failed'],
    ]);
    expect((await deliveries(disabled)).map((delivery) => [delivery.id, delivery.status])).toEqual([
      [oldPending.id, 'pending'],
    ]);
    await post(`/api/v1/webhooks/${delivering}/deliveries/${oldDelivered.id}/replay`).expect(404);

    // The pending delivery, 31 days old, is still sent once its webhook is enabled again.
    await patch(`/api/v1/webhooks/${disabled}`).send({ enabled: true }).expect(200);
    await worker.runOnce();
    expect(waiting.events().map((event) => event.id)).toEqual([oldPending.eventId]);
    expect((await deliveries(disabled))[0]).toMatchObject({ id: oldPending.id, status: 'delivered' });
    for (const id of [delivering, failing, disabled]) await remove(`/api/v1/webhooks/${id}`).expect(204);
  });

  it('/metrics counts deliveries by result and shows the queue depth and how long the oldest due one waits', async () => {
    const ok = await receiver();
    const flaky = await receiver();
    flaky.defaultStatus = 500;
    const gone = await receiver();
    gone.defaultStatus = 410;
    const webhooks = [await createWebhook(ok.url), await createWebhook(flaky.url), await createWebhook(gone.url)];
    const before = await metrics();
    const counted = (result: string, value: (name: string, labels?: Record<string, string>) => number) =>
      value('linktrace_webhook_deliveries_total', { result }) -
      before('linktrace_webhook_deliveries_total', { result });

    await createLink();
    await createLink();
    await worker.runOnce();
    let now = await metrics();
    // Both events reached the 410 endpoint in the same round (then its webhook was disabled): 2 gone.
    expect(['delivered', 'retrying', 'gone', 'failed'].map((result) => counted(result, now))).toEqual([2, 2, 2, 0]);
    // The two retries wait for their backoff: pending, none due yet.
    expect(now('linktrace_webhook_queue_depth')).toBe(2);
    expect(now('linktrace_webhook_oldest_due_age_seconds')).toBe(0);

    // An hour later, before any worker looked again: both retries have been due for an hour less their backoff.
    clockOffsetMs += HOUR_MS;
    now = await metrics();
    expect(now('linktrace_webhook_queue_depth')).toBe(2);
    const waited = now('linktrace_webhook_oldest_due_age_seconds');
    expect(waited).toBeGreaterThan(3_600 - 12 - 1); // the first retry comes 10 s ± 20 % after the attempt
    expect(waited).toBeLessThan(3_600 - 8 + 60);

    // The endpoint recovers: both retries are delivered, the queue is empty.
    flaky.defaultStatus = 204;
    await worker.runOnce();
    now = await metrics();
    expect(['delivered', 'retrying', 'gone', 'failed'].map((result) => counted(result, now))).toEqual([4, 2, 2, 0]);
    expect(now('linktrace_webhook_queue_depth')).toBe(0);
    expect(now('linktrace_webhook_oldest_due_age_seconds')).toBe(0);
    for (const id of webhooks) await remove(`/api/v1/webhooks/${id}`).expect(204);
  });

  it.each([301, 302, 307, 308])(
    'does not follow a %s: the attempt fails and the redirect target receives nothing',
    async (status) => {
      const target = await receiver();
      const redirecting = await receiver();
      redirecting.defaultStatus = status;
      redirecting.answerHeaders = { location: target.url };
      const webhook = await createWebhook(redirecting.url);
      await createLink();
      await worker.runOnce();
      expect(redirecting.received).toHaveLength(1);
      expect((await deliveries(webhook))[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: status });

      // Every later attempt is judged the same way, until the delivery fails for good.
      for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
        clockOffsetMs += DAY_MS;
        await worker.runOnce();
      }
      expect(redirecting.received).toHaveLength(MAX_ATTEMPTS);
      expect((await deliveries(webhook))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect(target.received).toHaveLength(0);
      await remove(`/api/v1/webhooks/${webhook}`).expect(204);
    },
  );

  it.each([
    [200, 'delivered', 'a'],
    [500, 'pending', 'a'],
    // 3-byte characters: 4,096 bytes end inside one, which is left out rather than stored half.
    [200, 'delivered', '€'],
  ])('keeps at most 4 kB of a 100 kB answer (status %s, so %s; body of %s)', async (status, outcome, character) => {
    const endpoint = await receiver();
    endpoint.defaultStatus = status;
    endpoint.answerBody = character.repeat(100_000 / Buffer.byteLength(character));
    const webhook = await createWebhook(endpoint.url);
    await createLink();
    await worker.runOnce();
    const [delivery] = await deliveries(webhook);
    expect(delivery).toMatchObject({ status: outcome, attempts: 1, lastStatusCode: status });
    const kept: string = delivery.lastResponseBody;
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(4_096);
    expect(Buffer.byteLength(kept)).toBeGreaterThan(4_096 - Buffer.byteLength(character));
    expect(endpoint.answerBody!.startsWith(kept)).toBe(true);
    await remove(`/api/v1/webhooks/${webhook}`).expect(204);
  });
});
