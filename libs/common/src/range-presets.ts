const DAY_MS = 86_400_000;

/** Time range presets of the analytics and conversion summary routes: up to now, or since the workspace was created (`all`). */
export const RANGE_PRESETS = ['24h', '7d', '30d', '90d', '1y', 'all'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** How far back each preset but `all` reaches. */
export const RANGE_PRESET_MS: Record<Exclude<RangePreset, 'all'>, number> = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  '90d': 90 * DAY_MS,
  '1y': 365 * DAY_MS,
};

/** The span of a range given neither a preset nor both ends: 30 days. */
export const DEFAULT_RANGE_MS = RANGE_PRESET_MS['30d'];
