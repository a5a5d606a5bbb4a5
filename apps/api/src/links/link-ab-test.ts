import type { TestVariant } from '@app/database';

/**
 * The pure rules of a link's A/B test, shared by the request DTO (so every problem is reported together) and the
 * service. The URLs themselves are checked by the destination rule (IsDestinationUrl) on each variant.
 */

export const MIN_TEST_VARIANTS = 2;
export const MAX_TEST_VARIANTS = 4;
export const TEST_WEIGHT_TOTAL = 100;

/** Why well-formed variants cannot share the visitors: weights not summing to 100, or a URL twice. */
export function testVariantSharesProblem(value: unknown): string | null {
  if (!Array.isArray(value) || !value.every(isWellFormedVariant)) return null; // reported per item
  const total = value.reduce((sum, variant) => sum + variant.weight, 0);
  if (total !== TEST_WEIGHT_TOTAL) return `weights must sum to ${TEST_WEIGHT_TOTAL} (they sum to ${total})`;
  const urls = value.map((variant) => variant.url);
  // The variant's URL names it in analytics: two variants with one URL could not be told apart.
  const repeated = urls.find((url, index) => urls.indexOf(url) !== index);
  if (repeated !== undefined) return `must not repeat a URL (${repeated} appears twice)`;
  return null;
}

function isWellFormedVariant(value: unknown): value is TestVariant {
  const variant = value as Partial<TestVariant> | null;
  return (
    typeof variant === 'object' &&
    variant !== null &&
    typeof variant.url === 'string' &&
    typeof variant.weight === 'number' &&
    Number.isInteger(variant.weight)
  );
}
