import type { AppException } from '@app/common';
import { resolveRange, utcDaysOf } from './conversion-range';

const NOW = new Date('2025-03-10T12:30:00Z');
const CREATED = new Date('2025-01-15T08:00:00Z');

function errorsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as AppException).extra.errors;
  }
  throw new Error('expected a failure');
}

describe('conversion ranges', () => {
  it('resolves presets up to now, `all` from the workspace’s first day, and 30 days by default', () => {
    expect(resolveRange({ range: '24h' }, CREATED, NOW)).toEqual({ start: new Date('2025-03-09T12:30:00Z'), end: NOW });
    expect(resolveRange({ range: '7d' }, CREATED, NOW).start).toEqual(new Date('2025-03-03T12:30:00Z'));
    expect(resolveRange({ range: 'all' }, CREATED, NOW)).toEqual({ start: new Date('2025-01-15T00:00:00Z'), end: NOW });
    expect(resolveRange({}, CREATED, NOW)).toEqual({ start: new Date('2025-02-08T12:30:00Z'), end: NOW });
    expect(resolveRange({ end: '2025-01-31T00:00:00Z' }, CREATED, NOW).start).toEqual(new Date('2025-01-01T00:00:00Z'));
  });

  it('refuses a preset with start/end, a reversed range and one over 10 years', () => {
    expect(errorsOf(() => resolveRange({ range: '7d', end: '2025-01-01T00:00:00Z' }, CREATED, NOW))).toEqual([
      { field: 'range', message: 'range cannot be combined with start or end' },
    ]);
    expect(
      errorsOf(() => resolveRange({ start: '2025-01-02T00:00:00Z', end: '2025-01-02T00:00:00Z' }, CREATED, NOW)),
    ).toEqual([{ field: 'start', message: 'start must be before end' }]);
    expect(errorsOf(() => resolveRange({ start: '2000-01-01T00:00:00Z' }, CREATED, NOW))).toEqual([
      { field: 'start', message: 'the range must be at most 10 years' },
    ]);
  });

  it('lists every UTC day a range touches; an exclusive midnight end adds no day', () => {
    expect(utcDaysOf({ start: new Date('2025-03-09T12:30:00Z'), end: NOW })).toEqual(['2025-03-09', '2025-03-10']);
    expect(utcDaysOf({ start: new Date('2025-03-01T00:00:00Z'), end: new Date('2025-03-03T00:00:00Z') })).toEqual([
      '2025-03-01',
      '2025-03-02',
    ]);
  });
});
