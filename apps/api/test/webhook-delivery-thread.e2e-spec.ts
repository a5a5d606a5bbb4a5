import { Client } from 'pg';
import { setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { metricValue } from '../../../test/helpers/prometheus';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { WebhookReceiver } from '../../../test/helpers/webhook-receiver';
import { WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';

/** The delivery thread runs on PostgreSQL only (the embedded database cannot be shared with a thread). */
const describeThread = process.env.DATABASE_URL ? describe : describe.skip;

const THREAD_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
};

/** Waits for `condition`, checking every 50 ms; fails after `timeoutMs` saying what it waited for. */
async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A starter workspace with a webhook to `endpoint`, and a way to queue its test event (answers the event id). */
async function prepareWebhook(app: TestApp, endpoint: WebhookReceiver): Promise<() => Promise<string>> {
  const user: SignedUpUser = await signUp(app);
  await setPlan(app, user.workspaceId, 'starter');
  const webhookId = (
    await user.agent
      .post('/api/v1/webhooks')
      .set('X-CSRF-Token', user.csrf)
      .send({ url: endpoint.url, eventTypes: ['link.created'] })
      .expect(201)
  ).body.id;
  return async () =>
    (await user.agent.post(`/api/v1/webhooks/${webhookId}/test`).set('X-CSRF-Token', user.csrf).expect(202)).body
      .eventId;
}

describeThread('Webhook delivery thread (PostgreSQL)', () => {
  let database: TestDatabase;
  let t: TestApp;
  let queueTestEvent: () => Promise<string>;
  const endpoint = new WebhookReceiver();

  beforeAll(async () => {
    database = await createTestDatabase();
    await endpoint.start();
    t = await startTestApp(THREAD_ENV, database);
    queueTestEvent = await prepareWebhook(t, endpoint);
  });
  afterAll(async () => {
    await t?.close();
    await endpoint.stop();
    await database?.drop();
  });

  const worker = () => t.app.get(WebhookDeliveryWorker);
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    metricValue((await t.http().get('/metrics').expect(200)).text, name, labels);

  const received = () => endpoint.received.map((hit) => String(hit.headers['webhook-id']));

  it('delivers from a thread of its own, and its attempts count in /metrics', async () => {
    await waitFor('the delivery thread', () => worker().thread !== null);
    const eventId = await queueTestEvent();
    await waitFor('the delivery', () => received().includes(eventId));
    await waitFor('the delivered count', async () => (await metric('linktrace_webhook_deliveries_total')) === 1);
    expect(await metric('linktrace_webhook_deliveries_total', { result: 'delivered' })).toBe(1);
    const [row] = await t.dataSource.query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [
      eventId,
    ]);
    expect(row).toEqual({ status: 'delivered', attempts: 1 });
  });

  it('a delivery thread that dies is started again, and delivers', async () => {
    const crashed = worker().thread!;
    const crashedId = crashed.threadId;
    // terminate() ends the thread as a crash would: the app did not ask it to stop.
    await crashed.terminate();
    await waitFor('a new delivery thread', () => (worker().thread?.threadId ?? crashedId) !== crashedId);
    expect(await metric('linktrace_webhook_delivery_thread_restarts_total')).toBe(1);
    const eventId = await queueTestEvent();
    await waitFor('the delivery by the new thread', () => received().includes(eventId));
  });

  it('starts no thread while the database holds no webhook, and one once a webhook is created', async () => {
    const ownDatabase = await createTestDatabase();
    const app = await startTestApp(THREAD_ENV, ownDatabase);
    try {
      // Ten poll intervals: the app has looked for webhooks, found none, and kept its ~38 MB thread unstarted.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(app.app.get(WebhookDeliveryWorker).thread).toBeNull();
      const queueOwnEvent = await prepareWebhook(app, endpoint);
      await waitFor('the delivery thread', () => app.app.get(WebhookDeliveryWorker).thread !== null);
      const eventId = await queueOwnEvent();
      await waitFor('the delivery', () => received().includes(eventId));
    } finally {
      await app.close();
      await ownDatabase.drop();
    }
  });

  it('shutdown lets the send in flight finish, records it, and ends the thread', async () => {
    // An app of its own on a database of its own: no other instance's thread takes the event.
    const ownDatabase = await createTestDatabase();
    const app = await startTestApp(THREAD_ENV, ownDatabase);
    let closed = false;
    try {
      const queueOwnEvent = await prepareWebhook(app, endpoint);
      endpoint.hold = true;
      const eventId = await queueOwnEvent();
      await waitFor('the send', () => received().includes(eventId));
      const closing = app.close().then(() => (closed = true));
      // The round waits for its answer (at most the 10 s send timeout) before the thread closes.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(closed).toBe(false);
      endpoint.hold = false;
      endpoint.release();
      await closing;
      expect(app.app.get(WebhookDeliveryWorker).thread).toBeNull();
      const client = new Client({ connectionString: ownDatabase.env.DATABASE_URL });
      await client.connect();
      const { rows } = await client
        .query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [eventId])
        .finally(() => client.end());
      expect(rows).toEqual([{ status: 'delivered', attempts: 1 }]);
    } finally {
      endpoint.hold = false;
      endpoint.release();
      if (!closed) await app.close();
      await ownDatabase.drop();
    }
  });
});

describe('Webhook delivery on the embedded database', () => {
  it('polls on the main thread, which holds the database: no delivery thread, every event delivered', async () => {
    const endpoint = await new WebhookReceiver().start();
    // Embedded whatever DATABASE_URL says: the app's settings come from this object alone.
    const app = await startTestApp(THREAD_ENV, { env: { DATA_DIR: 'memory://' }, drop: async () => undefined });
    try {
      const queueTestEvent = await prepareWebhook(app, endpoint);
      const eventId = await queueTestEvent();
      await waitFor('the delivery', () => endpoint.received.some((hit) => hit.headers['webhook-id'] === eventId));
      expect(app.app.get(WebhookDeliveryWorker).thread).toBeNull();
    } finally {
      await app.close();
      await endpoint.stop();
    }
  });
});
