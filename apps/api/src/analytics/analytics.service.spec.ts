import type { AuthContext } from '@app/auth';
import { AppException } from '@app/common';
import type { AnalyticsScope, AnalyticsStore, MetricsRow } from './analytics-store';
import type { AnalyticsRepository } from './analytics.repository';
import type { RealtimeRepository } from './realtime.repository';
import { AnalyticsService } from './analytics.service';

const ZERO: MetricsRow = { key: '', label: null, clicks: 0, uniqueVisitors: 0, leads: 0, sales: 0, revenue: [] };
const NOW = new Date('2026-11-22T10:20:00Z');

function auth(plan: AuthContext['plan']): AuthContext {
  return {
    via: 'api_key',
    userId: 'usr_1',
    workspaceId: 'ws_1',
    role: 'owner',
    plan,
    scopes: ['analytics'],
    allowedHostnames: [],
  };
}

describe('AnalyticsService window and filters', () => {
  let scopes: AnalyticsScope[];
  let service: AnalyticsService;

  beforeEach(() => {
    jest.useFakeTimers({ now: NOW });
    scopes = [];
    const repository = {
      totals: jest.fn(async (scope: AnalyticsScope) => {
        scopes.push(scope);
        return ZERO;
      }),
      workspaceCreatedAt: jest.fn(async () => new Date('2026-10-01T08:30:00Z')),
      findOwners: jest.fn(async (_table: string, ids: string[]) =>
        ids.map((id) => ({ id, workspaceId: id.includes('other') ? 'ws_2' : 'ws_1' })),
      ),
    } as unknown as AnalyticsRepository;
    // The realtime view is not asked for here: no repository of its latest clicks is needed.
    service = new AnalyticsService(repository as unknown as AnalyticsStore, repository, {} as RealtimeRepository);
  });
  afterEach(() => jest.useRealTimers());

  it('widens start and end to whole hours; the previous period has the same length', async () => {
    const overview = await service.overview(auth('agency'), {
      start: '2026-11-01T10:59:59Z',
      end: '2026-11-02T00:00:01Z',
    });
    expect([overview.start, overview.end]).toEqual(['2026-11-01T10:00:00.000Z', '2026-11-02T01:00:00.000Z']);
    expect([overview.previous.start, overview.previous.end]).toEqual([
      '2026-10-31T19:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
    ]);
  });

  it('presets end at the current hour; all starts at the workspace creation', async () => {
    const week = await service.overview(auth('agency'), { range: '7d' });
    expect([week.start, week.end]).toEqual(['2026-11-15T10:00:00.000Z', '2026-11-22T11:00:00.000Z']);
    const all = await service.overview(auth('agency'), { range: 'all' });
    expect(all.start).toBe('2026-10-01T08:00:00.000Z');
  });

  it('clamps to the plan retention with a warning, previous period included', async () => {
    const overview = await service.overview(auth('free'), { range: '90d' });
    expect(overview.start).toBe('2026-10-23T10:00:00.000Z');
    expect(overview.warnings).toEqual([
      'The free plan keeps analytics for 30 days: the range starts at 2026-10-23T10:00:00.000Z instead of 2026-08-24T10:00:00.000Z',
    ]);
    expect([overview.previous.start, overview.previous.end]).toEqual([overview.start, overview.start]);
    const old = await service.overview(auth('free'), { start: '2025-01-01T00:00:00Z', end: '2025-02-01T00:00:00Z' });
    expect([old.start, old.end]).toEqual(['2026-10-23T10:00:00.000Z', '2026-10-23T10:00:00.000Z']);
  });

  it('parses comma lists with - exclusions', async () => {
    await service.overview(auth('agency'), { country: 'US,-DE,FR', linkId: '-link_a' });
    expect(scopes[0].dimensionFilters).toEqual({ country: { include: ['US', 'FR'], exclude: ['DE'] } });
    expect(scopes[0].linkFilters).toEqual({ linkId: { include: [], exclude: ['link_a'] } });
  });

  it('refuses another workspace id (403), a reversed window and range with start (400)', async () => {
    await expect(service.overview(auth('agency'), { linkId: 'link_other' })).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    await expect(
      service.overview(auth('agency'), { start: '2026-11-02T00:00:00Z', end: '2026-11-01T00:00:00Z' }),
    ).rejects.toBeInstanceOf(AppException);
    await expect(service.overview(auth('agency'), { range: '7d', end: '2026-11-01T00:00:00Z' })).rejects.toMatchObject({
      status: 400,
    });
  });
});
