import { extname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, MetricsService } from '@app/common';
import { WebhookClock } from './webhook-clock';
import { SHUTDOWN_WAIT_MS, WebhookDeliverer } from './webhook-deliverer';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { DeliveryThreadData, DeliveryThreadMessage, STOP_MESSAGE } from './webhook-delivery-messages';
import { WebhookTargets } from './webhook-targets';

export { MAX_ATTEMPTS, retryDelayMs } from './webhook-deliverer';

/** A crashed delivery thread is started again after 1 s, then 2, 4… up to a minute while it keeps failing. */
const FIRST_RESTART_MS = 1_000;
const LONGEST_RESTART_MS = 60_000;
/**
 * The thread's young generation: it allocates little (a claim, a request, a record at a time), and the process's
 * default would let its nursery grow as large as the request thread's, in the same RSS.
 */
const THREAD_YOUNG_GENERATION_MB = 4;

/**
 * Delivers webhooks on every instance. On PostgreSQL the polling loop runs in a thread of its own (claiming, JSON,
 * HMAC signing and HTTP sends off the event loop that answers redirects), started once the database holds a webhook
 * or an event (its isolate is ~38 MB of RSS, for nothing on an instance without webhooks), stopped with the app and
 * started again if it dies. The embedded database (PGlite) is one session, reached through this thread's one
 * connection: there the loop runs here. `runOnce` always delivers here, on demand (tests, and with WEBHOOK_POLL_INTERVAL_MS=0).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly deliverer: WebhookDeliverer;
  private deliveryThread: Worker | null = null;
  private timer?: NodeJS.Timeout;
  private consecutiveCrashes = 0;
  private stopping = false;

  constructor(
    private readonly repository: WebhookDeliveriesRepository,
    targets: WebhookTargets,
    private readonly clock: WebhookClock,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {
    this.deliverer = new WebhookDeliverer({
      repository,
      targets,
      clock,
      disableAfterFailures: config.WEBHOOK_DISABLE_AFTER_FAILURES,
      count: (result, attempts) => metrics.webhookDeliveries.inc({ result }, attempts),
    });
  }

  /** The delivery thread while one runs (diagnostics and tests). */
  get thread(): Worker | null {
    return this.deliveryThread;
  }

  onApplicationBootstrap(): void {
    // Measured at each scrape, on every instance: a backlog shows even when no worker is running.
    this.metrics.onScrape(() => this.measureQueue());
    if (this.config.WEBHOOK_POLL_INTERVAL_MS === 0) return;
    if (this.config.DATABASE_URL) this.startThreadOnceNeeded();
    else
      this.deliverer.start(this.config.WEBHOOK_POLL_INTERVAL_MS, (error) =>
        this.logger.error(`Webhook delivery round failed: ${error.message}`),
      );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await Promise.all([this.deliverer.stop(), this.stopThread()]);
  }

  /** One round in this thread: claims and sends due deliveries until none is left; true when it sent any. */
  runOnce(): Promise<boolean> {
    return this.deliverer.runOnce();
  }

  /** Looks every poll interval (the delivery latency the thread has anyway) until there is work for the thread. */
  private startThreadOnceNeeded(): void {
    const check = async () => {
      const needed = await this.repository.anyWork().catch((error: Error) => {
        this.logger.warn(`Webhooks not looked for: ${error.message}`);
        return false;
      });
      if (this.stopping) return;
      if (needed) return this.startThread();
      this.timer = setTimeout(() => void check(), this.config.WEBHOOK_POLL_INTERVAL_MS);
      this.timer.unref();
    };
    void check();
  }

  private startThread(): void {
    // Under ts-node-like loaders (dev, tests, benches) the thread's .ts file needs the same loader.
    const typescript = extname(__filename) === '.ts';
    const loaded = process.execArgv.includes('@swc-node/register');
    const thread = new Worker(join(__dirname, `webhook-delivery.thread${extname(__filename)}`), {
      workerData: { environment: this.threadEnvironment() } satisfies DeliveryThreadData,
      execArgv: typescript && !loaded ? [...process.execArgv, '-r', '@swc-node/register'] : undefined,
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    this.deliveryThread = thread;
    thread.on('message', (message: DeliveryThreadMessage) => {
      if (message.kind === 'counted') this.metrics.webhookDeliveries.inc({ result: message.result }, message.attempts);
      else if (message.kind === 'error') this.logger.error(message.message);
      else if (message.kind === 'ready') this.consecutiveCrashes = 0;
    });
    thread.on('error', (error) => this.logger.error(`Webhook delivery thread failed: ${error.message}`));
    thread.on('exit', (code) => {
      if (this.deliveryThread === thread) this.deliveryThread = null;
      if (this.stopping) return;
      // What it had claimed stays leased, and is sent again after the lease.
      const delayMs = Math.min(FIRST_RESTART_MS * 2 ** this.consecutiveCrashes++, LONGEST_RESTART_MS);
      this.metrics.webhookDeliveryThreadRestarts.inc();
      this.logger.error(`Webhook delivery thread exited (code ${code}); starting another in ${delayMs} ms`);
      this.timer = setTimeout(() => this.startThread(), delayMs);
      this.timer.unref();
    });
  }

  /** Asks the thread to finish its round and close; ends it if it has not within SHUTDOWN_WAIT_MS. */
  private async stopThread(): Promise<void> {
    const thread = this.deliveryThread;
    if (!thread) return;
    const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
    thread.postMessage(STOP_MESSAGE);
    const inTime = await Promise.race([exited.then(() => true), sleep(SHUTDOWN_WAIT_MS, false, { ref: false })]);
    if (!inTime) {
      this.logger.warn(`Webhook delivery thread still busy ${SHUTDOWN_WAIT_MS} ms after shutdown began: ended`);
      await thread.terminate();
    }
  }

  /** The settings the thread reads, as the environment it validates again. */
  private threadEnvironment(): Record<string, string> {
    const { config } = this;
    return {
      DATABASE_URL: config.DATABASE_URL!,
      ...(config.DNS_SERVERS ? { DNS_SERVERS: config.DNS_SERVERS } : {}),
      WEBHOOK_ALLOW_HTTP: String(config.WEBHOOK_ALLOW_HTTP),
      WEBHOOK_ALLOW_PRIVATE_TARGETS: String(config.WEBHOOK_ALLOW_PRIVATE_TARGETS),
      WEBHOOK_POLL_INTERVAL_MS: String(config.WEBHOOK_POLL_INTERVAL_MS),
      WEBHOOK_DISABLE_AFTER_FAILURES: String(config.WEBHOOK_DISABLE_AFTER_FAILURES),
    };
  }

  private async measureQueue(): Promise<void> {
    try {
      const stats = await this.repository.queueStats(this.clock.now());
      this.metrics.webhookQueueDepth.set(stats.depth);
      this.metrics.webhookOldestDueSeconds.set(stats.oldestDueSeconds);
    } catch (error) {
      this.logger.warn(`Webhook queue not measured: ${(error as Error).message}`);
    }
  }
}
