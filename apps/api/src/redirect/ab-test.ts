import { createHash } from 'node:crypto';
import type { TestVariant } from '@app/database';

/** A link's A/B test as the redirect serves it. */
export interface RedirectAbTest {
  /** In request order, each with the upper bound of its share on the 0–100 line (the last one's is 100). */
  variants: RedirectVariant[];
  /** Epoch milliseconds; null: the test runs until it is changed. */
  endsAt: number | null;
  /** The winner's destination (UTM merged) once it is known: chosen, or picked after the end. */
  winnerDestination: string | null;
  pickWinner: boolean;
}

export interface RedirectVariant {
  /** As the link stores it: what analytics show as the variant. */
  url: string;
  /** With the link's UTM parameters merged in. */
  destination: string;
  upTo: number;
}

/** Where a visitor of a link under test goes, and which variant its click records (null once the test is over). */
export interface AbTestVisit {
  destination: string;
  variant: string | null;
}

export function toRedirectAbTest(
  variants: TestVariant[],
  endsAt: Date | null,
  winnerUrl: string | null,
  pickWinner: boolean,
  withUtm: (url: string) => string,
): RedirectAbTest {
  let upTo = 0;
  return {
    variants: variants.map(({ url, weight }) => ({ url, destination: withUtm(url), upTo: (upTo += weight) })),
    endsAt: endsAt ? endsAt.getTime() : null,
    winnerDestination: winnerUrl ? withUtm(winnerUrl) : null,
    pickWinner,
  };
}

/** True when the test is over and its winner is still to be picked (once, then stored: AbTestWinners). */
export function needsWinnerPick(test: RedirectAbTest, now: number): boolean {
  return test.endsAt !== null && test.endsAt <= now && test.winnerDestination === null && test.pickWinner;
}

/**
 * The visit of a link under test: the winner once the test is over and has one, else the visitor's own variant.
 * Without a winner the split goes on after the end.
 */
export function abTestVisit(
  test: RedirectAbTest,
  linkId: string,
  ip: string,
  userAgent: string | undefined,
  now: number,
): AbTestVisit {
  if (test.endsAt !== null && test.endsAt <= now && test.winnerDestination !== null)
    return { destination: test.winnerDestination, variant: null };
  const variant = chooseVariant(test.variants, visitorPoint(linkId, ip, userAgent ?? ''));
  return { destination: variant.destination, variant: variant.url };
}

/**
 * Where a visitor falls on the 0–100 line of a link's variants: the same point on every request, every instance
 * and every day. Not the click's visitor hash, which is salted per UTC day: with it a visitor would change variant
 * at midnight, seeing both pages and blurring which one converted it. The key is hashed, never kept.
 */
export function visitorPoint(linkId: string, ip: string, userAgent: string): number {
  const digest = createHash('sha256').update(linkId).update('\n').update(ip).update('\n').update(userAgent).digest();
  return (digest.readUInt32BE(0) / 2 ** 32) * 100;
}

/** The variant whose share holds `point` (0 ≤ point < 100). */
export function chooseVariant<T extends { upTo: number }>(variants: T[], point: number): T {
  return variants.find((variant) => point < variant.upTo) ?? variants[variants.length - 1];
}

export interface VariantResults {
  /** Human clicks on the variant before the end. */
  clicks: number;
  /** Leads and sales attributed to those clicks, tracked before the end. */
  conversions: number;
}

/**
 * The winner of an ended test: the best conversion rate (conversions per click; 0 without clicks), then the
 * highest weight, then the first variant.
 */
export function bestVariant(variants: TestVariant[], results: Map<string, VariantResults>): TestVariant {
  const rate = (variant: TestVariant) => {
    const result = results.get(variant.url);
    return result && result.clicks > 0 ? result.conversions / result.clicks : 0;
  };
  return variants.reduce((best, variant) =>
    rate(variant) > rate(best) || (rate(variant) === rate(best) && variant.weight > best.weight) ? variant : best,
  );
}
