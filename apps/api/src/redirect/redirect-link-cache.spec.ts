import { LinkChangesService } from '@app/common';
import { LINK_TTL_MS, RedirectLinkCache } from './redirect-link-cache';
import type { RedirectLinkRow, RedirectRepository } from './redirect.repository';

type Row = RedirectLinkRow | null;

const ROW: RedirectLinkRow = {
  id: 'link_1',
  workspace_id: 'ws_1',
  url: 'https://example.com/landing',
  utm_source: null,
  utm_medium: null,
  utm_campaign: null,
  utm_term: null,
  utm_content: null,
  expires_at: null,
  expired_url: null,
  password_hash: null,
  ios: null,
  android: null,
  geo: null,
  track_conversion: false,
  test_variants: null,
  test_ends_at: null,
  winner_url: null,
  test_pick_winner: false,
  og: null,
};

/** A repository whose answer the test sets, counting the queries it gets. */
class FakeRepository {
  queries = 0;
  answer: () => Promise<Row> = () => Promise.resolve(ROW);

  findActiveLink(): Promise<Row> {
    this.queries++;
    return this.answer();
  }
}

describe('RedirectLinkCache', () => {
  let now: number;
  let repository: FakeRepository;
  let cache: RedirectLinkCache;

  /** Moves the cache's clock on; lru-cache reads it again after its TTL resolution timer (1 ms). */
  const advance = async (ms: number) => {
    now += ms;
    await new Promise((resolve) => setTimeout(resolve, 5));
  };

  beforeEach(() => {
    now = 1_000;
    repository = new FakeRepository();
    const linkChanges = { subscribe: () => () => undefined } as unknown as LinkChangesService;
    cache = new RedirectLinkCache(repository as unknown as RedirectRepository, linkChanges, { now: () => now });
  });

  it('serves a cached link without querying until its TTL ends, then reloads it', async () => {
    expect((await cache.get('go.test', 'a'))?.id).toBe('link_1');
    expect(cache.peek('go.test', 'a')?.id).toBe('link_1');
    await advance(LINK_TTL_MS + 1);
    expect(cache.peek('go.test', 'a')).toBeUndefined();
    expect((await cache.get('go.test', 'a'))?.id).toBe('link_1');
    expect(repository.queries).toBe(2);
  });

  it('serves the expired entry when reloading it fails (database down), and the error when nothing was cached', async () => {
    await cache.get('go.test', 'a');
    await advance(LINK_TTL_MS + 1);
    repository.answer = () => Promise.reject(new Error('connect ECONNREFUSED'));
    expect((await cache.get('go.test', 'a'))?.id).toBe('link_1');
    await expect(cache.get('go.test', 'never-cached')).rejects.toThrow('ECONNREFUSED');
  });

  it('does not serve a link that was changed or deleted since, even when the database is down', async () => {
    await cache.get('go.test', 'a');
    cache.forget('go.test', 'a');
    repository.answer = () => Promise.reject(new Error('connect ECONNREFUSED'));
    await expect(cache.get('go.test', 'a')).rejects.toThrow('ECONNREFUSED');
  });
});
