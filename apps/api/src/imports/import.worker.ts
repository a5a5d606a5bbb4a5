import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuthContext } from '@app/auth';
import { AppConfig } from '@app/common';
import { ImportClock } from './import-clock';
import { ImportsRepository } from './imports.repository';
import { ImportsService, LeaseLostError } from './imports.service';

/** A chunk takes well under a second: only an instance that died (or froze) lets its lease run out. */
const LEASE_MS = 60_000;
/** Rounds of one job that may stop on an unexpected error (the database gone, a bug) before it is failed. */
export const MAX_IMPORT_ATTEMPTS = 5;
/** Wait before the next round after such an error, times the errors so far. */
const RETRY_AFTER_MS = 60_000;
/** How long shutdown waits for the chunk being imported. */
const SHUTDOWN_WAIT_MS = 15_000;

/**
 * Runs link imports, on every instance: claims an unfinished job whose lease is free (SKIP LOCKED), and imports
 * it chunk after chunk, each chunk committed with the job's progress and a longer lease. A job an instance died
 * running is taken over at its first uncommitted chunk once the lease has run out.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  /** Who holds a lease: this instance. */
  private readonly owner = `${process.pid}-${randomUUID()}`;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly imports: ImportsService,
    private readonly repository: ImportsRepository,
    private readonly clock: ImportClock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.IMPORT_POLL_INTERVAL_MS > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A round stuck on a dead connection must not hold the shutdown: what it claimed is leased, and retried.
    await Promise.race([this.running, sleep(SHUTDOWN_WAIT_MS, undefined, { ref: false })]);
  }

  /** Runs claimable jobs to their end, one after the other; true when it ran any. */
  async runOnce(): Promise<boolean> {
    let ranAny = false;
    while (!this.stopped) {
      const claimed = await this.repository.claim(this.owner, this.clock.now(), LEASE_MS);
      if (!claimed) break;
      ranAny = true;
      const { job, plan } = claimed;
      if (job.createdById === null) {
        await this.repository.fail(job.id, this.owner, 'The member who started the import no longer exists');
        continue;
      }
      // The links are created as the member who uploaded the file, on the workspace's plan of now.
      const auth: AuthContext = {
        via: 'api_key',
        userId: job.createdById,
        workspaceId: job.workspaceId,
        role: 'owner',
        plan,
        scopes: ['links'],
        allowedHostnames: [],
      };
      try {
        for (let chunkNumber = job.nextChunk; !this.stopped; chunkNumber++) {
          const leaseExpiresAt = new Date(this.clock.now().getTime() + LEASE_MS);
          if (!(await this.imports.runChunk({ job, auth, owner: this.owner, chunkNumber }, leaseExpiresAt))) break;
        }
      } catch (error) {
        if (error instanceof LeaseLostError) continue;
        // Counted and retried later from the first uncommitted chunk (here or elsewhere); other jobs go on meanwhile.
        this.logger.error(`Import ${job.id} stopped: ${(error as Error).stack ?? String(error)}`);
        const attempts = job.failedAttempts + 1;
        await this.repository.recordFailedAttempt(
          job.id,
          this.owner,
          MAX_IMPORT_ATTEMPTS,
          new Date(this.clock.now().getTime() + RETRY_AFTER_MS * attempts),
          `The import stopped on an unexpected error ${MAX_IMPORT_ATTEMPTS} times; the rows it had imported are kept`,
        );
      }
    }
    return ranAny;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: Error) => this.logger.error(`Import round failed: ${error.message}`))
        .then(() => undefined)
        .finally(() => {
          this.running = null;
          this.schedule(this.config.IMPORT_POLL_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }
}
