/**
 * The webhook delivery thread (worker_threads), started by WebhookDeliveryWorker on PostgreSQL: it owns the
 * claim → sign → send → record loop, with its own small pool and HTTP agents, so none of that work runs on the
 * event loop that answers redirects. It talks to the main thread by messages (see DeliveryThreadMessage).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
// Files, not the @app/common index: the thread loads only what delivering needs.
import { loadConfig } from '@app/common/config/app-config';
import { lowerThisThreadPriority } from '@app/common/thread-priority';
import { WebhookClock } from './webhook-clock';
import { WebhookDeliverer } from './webhook-deliverer';
import { DeliveryThreadData, DeliveryThreadMessage, STOP_MESSAGE } from './webhook-delivery-messages';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookTargets } from './webhook-targets';

/** Two connections: the loop runs one statement at a time; a second covers a claim while a record finishes. */
const POOL_SIZE = 2;

async function main(): Promise<void> {
  const port = parentPort!;
  const post = (message: DeliveryThreadMessage) => port.postMessage(message);
  // The kernel runs the redirects first when both want the core.
  lowerThisThreadPriority();
  const config = loadConfig((workerData as DeliveryThreadData).environment);
  const dataSource = new DataSource({
    type: 'postgres',
    url: config.DATABASE_URL,
    // The same connection settings as the main pool (libs/database data-source.factory), smaller.
    extra: {
      max: POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      idle_in_transaction_session_timeout: 30_000,
    },
  });
  await dataSource.initialize();
  const deliverer = new WebhookDeliverer({
    repository: new WebhookDeliveriesRepository(dataSource),
    targets: new WebhookTargets(config),
    clock: new WebhookClock(),
    disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
    count: (result, attempts) => post({ kind: 'counted', result, attempts }),
  });
  port.on('message', (message: unknown) => {
    if (message !== STOP_MESSAGE) return;
    void deliverer
      .stop()
      .then(() => dataSource.destroy())
      .catch(() => undefined)
      .finally(() => {
        post({ kind: 'stopped' });
        port.close();
      });
  });
  deliverer.start(config.WEBHOOK_POLL_INTERVAL_MS, (error) =>
    post({ kind: 'error', message: `Webhook delivery round failed: ${error.message}` }),
  );
  post({ kind: 'ready' });
}

// A thread that cannot start (database down, bad settings) says why and ends: the main thread starts another later.
main().catch((error: Error) => {
  parentPort?.postMessage({ kind: 'error', message: `Webhook delivery thread did not start: ${error.message}` });
  process.exit(1);
});
