import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { LRUCache, type Perf } from 'lru-cache';
import { LinkChangesService } from '@app/common';
import { RedirectLink, toRedirectLink } from './redirect-link';
import { RedirectRepository } from './redirect.repository';

const MAX_ENTRIES = 100_000;
/**
 * A safety net only: changes drop entries at once through LinkChangesService. An expired entry is kept
 * (until the LRU evicts it) and served when reloading it fails: a database outage does not turn a link
 * that was being served into an error page.
 */
export const LINK_TTL_MS = 10 * 60_000;
/** Unknown slugs are remembered briefly, so a burst of requests for one costs one query. */
const MISS_TTL_MS = 5_000;

/** Token of an optional clock for the cache's TTLs (tests). */
export const REDIRECT_CACHE_CLOCK = Symbol('REDIRECT_CACHE_CLOCK');

/** What the cache holds for a slug that does not resolve (lru-cache cannot hold null). */
const MISSING = Symbol('missing');
type Entry = RedirectLink | typeof MISSING;

/**
 * In-process LRU of the links the redirect serves, keyed by domain + slug, misses included. A change
 * published through LinkChangesService (by any instance, with Redis) drops the entry.
 */
@Injectable()
export class RedirectLinkCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries: LRUCache<string, Entry>;
  /** Loads in flight, shared by concurrent requests for the same slug. */
  private readonly loading = new Map<string, Promise<RedirectLink | null>>();
  /**
   * Bumped by every change: a load that started before a change may have read the old row, so its
   * result is served to its own request but not cached.
   */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly repository: RedirectRepository,
    private readonly linkChanges: LinkChangesService,
    /** The clock of the entries' age (tests pass their own). */
    @Optional() @Inject(REDIRECT_CACHE_CLOCK) clock?: Perf,
  ) {
    this.entries = new LRUCache<string, Entry>({
      max: MAX_ENTRIES,
      ttl: LINK_TTL_MS,
      updateAgeOnGet: false,
      noDeleteOnStaleGet: true,
      ...(clock && { perf: clock }),
    });
  }

  onModuleInit(): void {
    this.unsubscribe = this.linkChanges.subscribe(
      (change) => {
        if (change.slug !== undefined) this.forget(change.domain, change.slug);
      },
      () => this.forgetAll(),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * The cached answer without waiting: a link, null for a known miss, undefined when not cached.
   * The redirect tries this first so a hit costs no promise.
   */
  peek(domain: string, slug: string): RedirectLink | null | undefined {
    const entry = this.entries.get(cacheKey(domain, slug));
    return entry === undefined ? undefined : entry === MISSING ? null : entry;
  }

  async get(domain: string, slug: string): Promise<RedirectLink | null> {
    const cached = this.peek(domain, slug);
    if (cached !== undefined) return cached;
    const key = cacheKey(domain, slug);
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const pending = this.load(key, domain, slug).finally(() => {
      if (this.loading.get(key) === pending) this.loading.delete(key);
    });
    this.loading.set(key, pending);
    return pending;
  }

  forget(domain: string, slug: string): void {
    const key = cacheKey(domain, slug);
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  private async load(key: string, domain: string, slug: string): Promise<RedirectLink | null> {
    const generation = this.generation;
    let row: Awaited<ReturnType<RedirectRepository['findActiveLink']>>;
    try {
      row = await this.repository.findActiveLink(domain, slug);
    } catch (error) {
      // The database cannot answer: the link as last seen (expired in the cache, not changed since) beats an error.
      const stale = generation === this.generation ? this.entries.get(key, { allowStale: true }) : undefined;
      if (stale !== undefined && stale !== MISSING) return stale;
      throw error;
    }
    const link = row ? toRedirectLink(domain, slug, row) : null;
    if (generation === this.generation) {
      if (link) this.entries.set(key, link);
      else this.entries.set(key, MISSING, { ttl: MISS_TTL_MS });
    }
    return link;
  }
}

// Slugs hold no '/', so the key is unambiguous.
function cacheKey(domain: string, slug: string): string {
  return `${domain}/${slug}`;
}
