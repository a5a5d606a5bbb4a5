import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { LinkChangesService } from '@app/common';
import { bestVariant } from './ab-test';
import type { RedirectLink } from './redirect-link';
import { RedirectRepository } from './redirect.repository';

/** After a failed pick (the database), visits are split for this long before the next attempt. */
export const PICK_RETRY_MS = 10_000;

/** Token of an optional clock (epoch milliseconds) for the retry delay (tests). */
export const AB_TEST_WINNERS_CLOCK = Symbol('AB_TEST_WINNERS_CLOCK');

/**
 * Picks the winner of an ended A/B test that asks for it (`testPickWinner`), once: the first visit after the end
 * computes it from the stored clicks and conversions and stores it as the link's `winnerUrl`; every later visit,
 * on any instance, reads it with the link. Concurrent visits share the one pick in flight.
 */
@Injectable()
export class AbTestWinners {
  private readonly logger = new Logger('AbTestWinners');
  private readonly picking = new Map<string, Promise<void>>();
  /** Links whose last pick failed, and when: their visits do not wait on the database again before PICK_RETRY_MS. */
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly repository: RedirectRepository,
    private readonly linkChanges: LinkChangesService,
    @Optional() @Inject(AB_TEST_WINNERS_CLOCK) private readonly now: () => number = Date.now,
  ) {}

  /** Sets the winner on the served link; when it cannot be had now (the database), the visit is split as before. */
  pick(link: RedirectLink): Promise<void> {
    const failed = this.failedAt.get(link.id);
    if (failed !== undefined && this.now() - failed < PICK_RETRY_MS) return Promise.resolve();
    let pending = this.picking.get(link.id);
    if (!pending) {
      pending = this.pickNow(link)
        .then(
          () => void this.failedAt.delete(link.id),
          (error: unknown) => {
            this.failedAt.set(link.id, this.now());
            this.logger.warn(`Picking the winner of ${link.id} failed: ${String(error)}`);
          },
        )
        .finally(() => this.picking.delete(link.id));
      this.picking.set(link.id, pending);
    }
    return pending;
  }

  private async pickNow(link: RedirectLink): Promise<void> {
    const test = link.abTest!;
    const endsAt = new Date(test.endsAt!);
    const stored = await this.repository.findTestWinner(link.id, endsAt);
    let winnerUrl = stored.winnerUrl;
    if (winnerUrl === null && stored.variants) {
      const winner = bestVariant(stored.variants, await this.repository.variantResults(link.id, endsAt));
      winnerUrl = await this.repository.storeTestWinner(link.id, endsAt, winner.url);
    }
    // Null: the test was changed meanwhile, and the change reloads the link everywhere.
    const variant = test.variants.find((candidate) => candidate.url === winnerUrl);
    if (!variant) return;
    test.winnerDestination = variant.destination;
    this.linkChanges.publish({ domain: link.domain, slug: link.slug });
  }
}
