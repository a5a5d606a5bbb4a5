import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DomainsService } from './domains.service';

const RECHECK_EVERY_MS = 60 * 60_000;

/**
 * Every hour, re-checks the verified domains whose last check is over a day old. Each instance runs it;
 * claiming rows with SKIP LOCKED keeps them from checking the same domain twice.
 */
@Injectable()
export class DomainRecheckScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DomainRecheckScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly domains: DomainsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.domains.recheckDue().catch((error: Error) => this.logger.error(`Domain re-check failed: ${error.message}`));
    }, RECHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
