import { AppException, DEFAULT_RANGE_MS, RANGE_PRESET_MS } from '@app/common';
import type { ConversionRangeQueryDto } from './dto/conversion-range-query.dto';

const DAY_MS = 86_400_000;
/** Beyond this a daily series stops being a summary (and `all` never needs more). */
const MAX_SPAN_MS = 10 * 366 * DAY_MS;

export interface TimeRange {
  start: Date;
  end: Date;
}

/** The range of a summary query: a preset up to now, or start/end (default: the 30 days before end). */
export function resolveRange(query: ConversionRangeQueryDto, workspaceCreatedAt: Date, now = new Date()): TimeRange {
  if (query.range && (query.start || query.end)) {
    throw AppException.invalidField('range', 'range cannot be combined with start or end');
  }
  if (query.range === 'all') return { start: startOfUtcDay(workspaceCreatedAt), end: now };
  if (query.range) return { start: new Date(now.getTime() - RANGE_PRESET_MS[query.range]), end: now };
  const end = query.end ? new Date(query.end) : now;
  const start = query.start ? new Date(query.start) : new Date(end.getTime() - DEFAULT_RANGE_MS);
  assertOrdered(start, end);
  if (end.getTime() - start.getTime() > MAX_SPAN_MS)
    throw AppException.invalidField('start', 'the range must be at most 10 years');
  return { start, end };
}

/** Optional start/end filters; when both are given, start must come first. */
export function resolveOptionalRange(
  start: string | undefined,
  end: string | undefined,
): { start: Date | null; end: Date | null } {
  const range = { start: start ? new Date(start) : null, end: end ? new Date(end) : null };
  if (range.start && range.end) assertOrdered(range.start, range.end);
  return range;
}

function assertOrdered(start: Date, end: Date): void {
  if (start.getTime() >= end.getTime()) throw AppException.invalidField('start', 'start must be before end');
}

function startOfUtcDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / DAY_MS) * DAY_MS);
}

/** Every UTC day (`YYYY-MM-DD`) the range touches, oldest first. */
export function utcDaysOf(range: TimeRange): string[] {
  const days: string[] = [];
  const last = range.end.getTime() - 1;
  for (let day = startOfUtcDay(range.start).getTime(); day <= last; day += DAY_MS)
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}
