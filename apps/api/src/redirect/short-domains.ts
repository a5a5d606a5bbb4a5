import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppConfig, LinkChangesService } from '@app/common';
import type { DomainApps } from '@app/database';
import { RedirectRepository } from './redirect.repository';

/** How a short domain behaves beyond its links: custom domains' metadata; the default one's `/` opens the dashboard. */
export interface ShortDomain {
  /** As stored on links. */
  domain: string;
  notFoundUrl: string | null;
  rootUrl: string | null;
  expiredUrl: string | null;
  noIndex: boolean;
  /** The apps whose association files the domain serves; null when none. */
  apps: DomainApps | null;
}

const CACHE_SIZE = 10_000;
/** Safety nets only: domain changes drop entries at once through LinkChangesService. */
const FOUND_TTL_MS = 5 * 60_000;
const MISSING_TTL_MS = 30_000;
const NOT_SERVED = Symbol('not served');

/**
 * Which short domain a request is for: the default short domain (SHORT_DOMAIN), or a verified custom
 * domain looked up by Host (cached, including misses, and dropped on every instance when the domain
 * changes). Unverified and unknown hosts serve nothing.
 */
@Injectable()
export class ShortDomainResolver implements OnModuleDestroy {
  private readonly defaultDomain: ShortDomain;
  private readonly keepPort: boolean;
  private readonly custom = new LRUCache<string, ShortDomain | typeof NOT_SERVED>({
    max: CACHE_SIZE,
    ttl: FOUND_TTL_MS,
  });
  private readonly unsubscribe: () => void;

  constructor(
    config: AppConfig,
    private readonly repository: RedirectRepository,
    linkChanges: LinkChangesService,
  ) {
    const domain = config.SHORT_DOMAIN.toLowerCase();
    // `/` of the default short domain is where people who type the server's address land: the dashboard.
    const rootUrl = `${config.PUBLIC_URL}/app`;
    this.defaultDomain = { domain, notFoundUrl: null, rootUrl, expiredUrl: null, noIndex: false, apps: null };
    this.keepPort = hostWithoutPort(domain) !== domain;
    this.unsubscribe = linkChanges.subscribe(
      (change) => {
        if (change.slug === undefined) this.custom.delete(change.domain);
      },
      () => this.custom.clear(),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /**
   * The short domain named by the request's Host, or null when no link is served there. Lower-case; the
   * port is kept only when SHORT_DOMAIN has one (`localhost:3000`), so `go.example.com:443` is `go.example.com`.
   * Synchronous on the default domain and on cache hits, so the hot path awaits nothing.
   */
  resolve(host: string | undefined): ShortDomain | null | Promise<ShortDomain | null> {
    const known = this.peek(host);
    return known !== undefined ? known : this.load(customHostname(host!.toLowerCase()));
  }

  /** resolve() without loading: undefined when the answer is not known without the database. */
  peek(host: string | undefined): ShortDomain | null | undefined {
    if (!host) return null;
    const lower = host.toLowerCase();
    if ((this.keepPort ? lower : hostWithoutPort(lower)) === this.defaultDomain.domain) return this.defaultDomain;
    const cached = this.custom.get(customHostname(lower));
    return cached === undefined ? undefined : cached === NOT_SERVED ? null : cached;
  }

  private async load(hostname: string): Promise<ShortDomain | null> {
    const row = await this.repository.findServedDomain(hostname);
    if (!row) {
      this.custom.set(hostname, NOT_SERVED, { ttl: MISSING_TTL_MS });
      return null;
    }
    const domain: ShortDomain = {
      domain: row.hostname,
      notFoundUrl: row.not_found_url,
      rootUrl: row.root_url,
      expiredUrl: row.expired_url,
      noIndex: row.no_index,
      apps: row.apps,
    };
    this.custom.set(hostname, domain);
    return domain;
  }
}

/** A lower-case Host as custom domains are stored: no port, no trailing dot. */
function customHostname(host: string): string {
  return hostWithoutPort(host).replace(/\.$/, '');
}

function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
