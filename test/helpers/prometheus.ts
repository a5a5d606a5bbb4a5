/** METRICS_TOKEN of test apps, servers and benchmarks; the helpers send it on GET /metrics, as a scraper would. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

/**
 * The value of a metric in Prometheus text format (GET /metrics): the sum of the samples named `name` whose
 * labels include `labels` (every sample of the name when none are given), or NaN when no sample matches.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let total = Number.NaN;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ? match[2].split(',') : [];
    if (wanted.every((label) => present.includes(label))) total = (Number.isNaN(total) ? 0 : total) + Number(match[3]);
  }
  return total;
}
