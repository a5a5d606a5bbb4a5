import type { AppConfig } from '@app/common';
import { AnalyticsCompactionJob } from './analytics-compaction.job';
import type { PairRollupsRepository, PendingDay } from './pair-rollups.repository';
import type { BlockRollupsRepository, PendingBlock } from './block-rollups.repository';

const DAY_MS = 86_400_000;

/** The job's schedule and lookback, on repositories that record what they are asked. */
function job(intervalMs: number, pendingDays: PendingDay[][] = [], pendingBlocks: PendingBlock[][] = []) {
  const asked: { since: Date; now: Date }[] = [];
  const built: string[] = [];
  const analyzed: string[] = [];
  const pairs = {
    pendingDays: jest.fn(async (since: Date, now: Date) => {
      asked.push({ since, now });
      return pendingDays.shift() ?? [];
    }),
    buildDay: jest.fn(async (day: PendingDay) => void built.push(`${day.kind} ${day.day}`)),
    pendingBlocks: jest.fn(async () => []),
    buildBlock: jest.fn(async () => true),
    analyze: jest.fn(async () => void analyzed.push('pairs')),
  } as unknown as PairRollupsRepository;
  const blocks = {
    pendingBlocks: jest.fn(async () => pendingBlocks.shift() ?? []),
    buildBlock: jest.fn(async (block: PendingBlock) => (built.push(`block ${block.start}/${block.days}`), true)),
    analyze: jest.fn(async () => void analyzed.push('blocks')),
  } as unknown as BlockRollupsRepository;
  return {
    job: new AnalyticsCompactionJob(pairs, blocks, { ANALYTICS_COMPACTION_INTERVAL_MS: intervalMs } as AppConfig),
    asked,
    built,
    analyzed,
  };
}

describe('AnalyticsCompactionJob', () => {
  afterEach(() => jest.useRealTimers());

  it('runs every ANALYTICS_COMPACTION_INTERVAL_MS once started; the first run looks back over the longest retention, later ones 35 days', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T12:00:00Z') });
    const {
      job: compaction,
      asked,
      built,
    } = job(
      600_000,
      [[{ workspaceId: 'ws_1', day: '2026-11-21', kind: 'dimension' }]],
      [[{ workspaceId: 'ws_1', start: '2026-11-19', days: 2 }]],
    );
    compaction.onModuleInit();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(asked).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(built).toEqual(['dimension 2026-11-21', 'block 2026-11-19/2']);
    await jest.advanceTimersByTimeAsync(600_000);
    expect(asked).toHaveLength(2);
    const lookbackDays = asked.map(({ since, now }) => Math.round((now.getTime() - since.getTime()) / DAY_MS));
    expect(lookbackDays).toEqual([1095, 35]);
    await compaction.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(asked).toHaveLength(2);
  });

  it('never runs by itself with an interval of 0; runOnce still builds', async () => {
    jest.useFakeTimers();
    const { job: compaction, asked } = job(0, [[{ workspaceId: 'ws_1', day: '2026-11-21', kind: 'link_group' }]]);
    compaction.onModuleInit();
    await jest.advanceTimersByTimeAsync(86_400_000);
    expect(asked).toHaveLength(0);
    expect(await compaction.runOnce()).toEqual({ days: 1, blocks: 0, pairBlocks: 0 });
  });

  it("refreshes the rollup tables' statistics after a run that built 20 days or blocks or more (a backfill), not after a smaller one", async () => {
    const days = (count: number) =>
      Array.from({ length: count }, (_, index): PendingDay => ({
        workspaceId: 'ws_1',
        day: `2026-10-${String(index + 1).padStart(2, '0')}`,
        kind: 'dimension',
      }));
    const { job: compaction, analyzed } = job(0, [days(19), days(20)]);
    expect(await compaction.runOnce()).toEqual({ days: 19, blocks: 0, pairBlocks: 0 });
    expect(analyzed).toEqual([]);
    expect(await compaction.runOnce()).toEqual({ days: 20, blocks: 0, pairBlocks: 0 });
    expect(analyzed).toEqual(['pairs', 'blocks']);
  });
});
