import { Client } from 'pg';
import request from 'supertest';
import {
  describeWithPostgresCluster,
  PostgresCluster,
  startPostgresCluster,
} from '../../../test/helpers/postgres-cluster';
import { setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { startServerProcess } from '../../../test/helpers/server-process';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { WebhookReceiver } from '../../../test/helpers/webhook-receiver';
import { WebhookClock } from '../src/webhooks/webhook-clock';
import { WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';

/** Instances share PostgreSQL: these faults need the server in DATABASE_URL (PGlite is one process's). */
const describeFaults = process.env.DATABASE_URL ? describe : describe.skip;

const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '0',
};

describeFaults('Webhook delivery under faults (at least once)', () => {
  let database: TestDatabase;
  const endpoint = new WebhookReceiver();

  beforeAll(async () => {
    database = await createTestDatabase();
    await endpoint.start();
  });
  afterAll(async () => {
    await endpoint.stop();
    await database?.drop();
  });

  async function createWebhook(user: SignedUpUser): Promise<string> {
    const response = await user.agent
      .post('/api/v1/webhooks')
      .set('X-CSRF-Token', user.csrf)
      .send({ url: endpoint.url, eventTypes: ['link.created'] })
      .expect(201);
    return response.body.id;
  }

  it('two instances claiming together deliver every event exactly once', async () => {
    const first = await startTestApp(WEBHOOK_ENV, database);
    const second = await startTestApp(WEBHOOK_ENV, database);
    try {
      const user = await signUp(first);
      await setPlan(first, user.workspaceId, 'starter');
      const webhookId = await createWebhook(user);
      const queued: string[] = [];
      for (let index = 0; index < 60; index++) {
        const response = await user.agent
          .post(`/api/v1/webhooks/${webhookId}/test`)
          .set('X-CSRF-Token', user.csrf)
          .expect(202);
        queued.push(response.body.eventId);
      }
      await Promise.all([
        first.app.get(WebhookDeliveryWorker).runOnce(),
        second.app.get(WebhookDeliveryWorker).runOnce(),
      ]);
      const received = endpoint.received.map((hit) => hit.headers['webhook-id']);
      expect([...received].sort()).toEqual([...queued].sort());
      const [{ delivered }] = await first.dataSource.query(
        `SELECT count(*)::int AS delivered FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'delivered' AND attempts = 1`,
        [webhookId],
      );
      expect(delivered).toBe(60);
    } finally {
      await second.close();
      await first.close();
    }
  }, 120_000);

  it('an instance killed mid-send: another instance sends the event again, with the same webhook-id', async () => {
    endpoint.received.length = 0;
    const server = await startServerProcess({ ...database.env, ...WEBHOOK_ENV, WEBHOOK_POLL_INTERVAL_MS: '50' });
    const survivor = await startTestApp(WEBHOOK_ENV, database);
    try {
      const viaServer = { http: () => request.agent(`http://127.0.0.1:${server.port}`) } as unknown as TestApp;
      const user = await signUp(viaServer);
      await setPlan(survivor, user.workspaceId, 'starter');
      const webhookId = await createWebhook(user);
      endpoint.hold = true;
      await user.agent.post(`/api/v1/webhooks/${webhookId}/test`).set('X-CSRF-Token', user.csrf).expect(202);
      // The server process has sent it and waits for the answer: kill it there.
      for (let waited = 0; endpoint.received.length === 0; waited += 50) {
        if (waited > 30_000) throw new Error('the server process never sent the event');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      server.process.kill('SIGKILL');
      await server.exited;
      endpoint.hold = false;
      endpoint.release();

      const worker = survivor.app.get(WebhookDeliveryWorker);
      // Within the dead instance's lease nobody takes it again…
      await worker.runOnce();
      expect(endpoint.received).toHaveLength(1);
      // …after it, the survivor does.
      const clock = survivor.app.get(WebhookClock);
      jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 5 * 60_000));
      await worker.runOnce();
      expect(endpoint.received).toHaveLength(2);
      expect(endpoint.received[1].headers['webhook-id']).toBe(endpoint.received[0].headers['webhook-id']);
      const [row] = await survivor.dataSource.query(
        `SELECT status, attempts FROM webhook_deliveries WHERE webhook_id = $1`,
        [webhookId],
      );
      expect(row).toEqual({ status: 'delivered', attempts: 2 });
    } finally {
      if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
      await survivor.close();
    }
  }, 180_000);
});

describeWithPostgresCluster()('Webhook delivery across a PostgreSQL crash', () => {
  let cluster: PostgresCluster;
  let app: TestApp;
  const endpoint = new WebhookReceiver();

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE webhooks');
    await admin.end();
    const url = new URL(cluster.url);
    url.pathname = '/webhooks';
    app = await startTestApp(WEBHOOK_ENV, { env: { DATABASE_URL: url.toString() }, drop: async () => undefined });
    await endpoint.start();
  });
  afterAll(async () => {
    if (cluster && !cluster.running) await cluster.start();
    await app?.close();
    await endpoint.stop();
    await cluster?.destroy();
  });

  it('a crash while sends are in flight loses nothing: after the restart every event is sent, duplicates keep their id', async () => {
    const user = await signUp(app);
    await setPlan(app, user.workspaceId, 'starter');
    const webhookId = (
      await user.agent
        .post('/api/v1/webhooks')
        .set('X-CSRF-Token', user.csrf)
        .send({ url: endpoint.url, eventTypes: ['link.created'] })
        .expect(201)
    ).body.id;
    const queued: string[] = [];
    for (let index = 0; index < 10; index++)
      queued.push(
        (await user.agent.post(`/api/v1/webhooks/${webhookId}/test`).set('X-CSRF-Token', user.csrf).expect(202)).body
          .eventId,
      );
    const worker = app.app.get(WebhookDeliveryWorker);
    endpoint.hold = true;
    const round = worker.runOnce().catch((error: Error) => error);
    for (let waited = 0; endpoint.received.length < 10; waited += 20) {
      if (waited > 20_000) throw new Error(`only ${endpoint.received.length} sends started`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Every send is in flight; the database crashes before any outcome is recorded.
    await cluster.stop('immediate');
    endpoint.hold = false;
    endpoint.release();
    // The round fails (errors come from another realm under jest: no instanceof); success would be a boolean.
    expect(typeof (await round)).not.toBe('boolean');
    // The queue gauges are measured from the database at each scrape: with it down, /metrics still answers.
    expect((await app.http().get('/metrics').expect(200)).text).toContain('linktrace_webhook_queue_depth');
    await cluster.start();

    const clock = app.app.get(WebhookClock);
    jest.spyOn(clock, 'now').mockImplementation(() => new Date(Date.now() + 5 * 60_000));
    // The pool may hand out a connection the crash broke: a round may fail before one succeeds.
    for (let attempt = 1; ; attempt++) {
      const outcome = await worker.runOnce().catch((error: Error) => error);
      if (typeof outcome === 'boolean') break;
      if (attempt === 5) throw outcome;
    }
    const ids = endpoint.received.map((hit) => String(hit.headers['webhook-id']));
    expect([...new Set(ids)].sort()).toEqual([...queued].sort());
    expect(ids).toHaveLength(20);
    // Attempts are not asserted: a claim the crash interrupted may or may not count as an attempt.
    const rows = await app.dataSource.query(`SELECT status FROM webhook_deliveries WHERE webhook_id = $1`, [webhookId]);
    expect(rows).toEqual(queued.map(() => ({ status: 'delivered' })));
  }, 120_000);
});
