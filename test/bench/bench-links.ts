/** The links of the redirect benchmark, defined once for the database rows and the raw baseline server. */
export const BENCH_LINK_COUNT = 100_000;
export const BENCH_SHORT_DOMAIN = 'go.bench';
export const BENCH_UTM_SOURCE = 'bench';

export function benchDestination(index: number): string {
  return `https://example.com/landing/${index}?utm_source=${BENCH_UTM_SOURCE}`;
}
