import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { storableText } from '@app/common';
import { ClickEvent, ClickInput, Device, utcDay } from './click-event';
import { GeoIpService } from './geoip.service';
import { RecentValues } from './recent-values';
import { userAgentTraits } from './user-agents';
import { VisitorSalts } from './visitor-salts';

const MAX_USER_AGENT_LENGTH = 1_000;
const MAX_REFERRER_LENGTH = 2_000;
const MAX_UTM_LENGTH = 255;
/** Node's request line and headers fit in 16 KiB: a longer URL is a destination stored so, kept whole. */
const MAX_URL_LENGTH = 65_536;
const MAX_DOMAIN_LENGTH = 253;
/** What the user-agent parser makes of a name it does not know is a piece of the user agent. */
const MAX_TRAIT_LENGTH = 255;
/**
 * Visitor hashes kept per day and address, then user agent: a visitor's clicks repeat them, and a SHA-256 costs
 * more than the lookup. Briefly and boundedly: the key holds the address.
 */
const VISITOR_HASH_ENTRIES = 10_000;
const VISITOR_HASH_TTL_MS = 5 * 60_000;
/** User agents whose hash is kept per address (more from one address are hashed every time). */
const USER_AGENTS_PER_ADDRESS = 32;
/** Longer user agents are hashed and parsed every time rather than kept as a key. */
const MAX_CACHED_USER_AGENT_LENGTH = 512;
/** Longer URLs are parsed every time rather than kept as a key. */
const MAX_CACHED_URL_LENGTH = 2_048;
/**
 * What is derived from a destination URL (storable form, UTM parameters) and from a user agent (storable form,
 * traits), kept per string: a link's clicks repeat its URL, and traffic a few dozen user agents. Every click
 * re-derived them (~40% of enrichment's CPU: a regular expression over each, the query parsed).
 */
const URL_FACTS_ENTRIES = 5_000;
const USER_AGENT_FACTS_ENTRIES = 2_000;
const FACTS_TTL_MS = 10 * 60_000;

/**
 * Turns what the redirect saw into a storable event: location, device, bot flag, referrer, UTM
 * parameters, and the visitor as SHA-256(daily salt, IP, user agent). The IP goes no further.
 * Every text a visitor controls (query, user agent, referrer; host and path through the URL) is made
 * storable here (storableText: bounded, no NUL, no lone surrogate), so one click cannot make PostgreSQL
 * refuse the batch it shares with others.
 */
@Injectable()
export class ClickEnricher {
  /** By `day + address`, then user agent: no key string joining the three is built (and hashed) per click. */
  private readonly visitorHashes = new RecentValues<string, Map<string, string>>(
    VISITOR_HASH_ENTRIES,
    VISITOR_HASH_TTL_MS,
  );
  private readonly urlFacts = new RecentValues<string, UrlFacts>(URL_FACTS_ENTRIES, FACTS_TTL_MS);
  private readonly userAgentFacts = new RecentValues<string, UserAgentFacts>(USER_AGENT_FACTS_ENTRIES, FACTS_TTL_MS);

  constructor(
    private readonly geoIp: GeoIpService,
    private readonly salts: VisitorSalts,
  ) {}

  /**
   * The clicks as events. Rejects only when a day's salt cannot be had (the database), for the caller to try
   * again later; a click that cannot be made into an event (a defect, never expected) is handed to `unusable`
   * and left out, so it cannot hold back the clicks around it for good.
   */
  async enrich(clicks: ClickInput[], unusable: (click: ClickInput, error: unknown) => void): Promise<ClickEvent[]> {
    const saltByDay = new Map<string, string>();
    for (const day of new Set(clicks.map((click) => utcDay(click.time))))
      saltByDay.set(day, await this.salts.saltFor(day));
    const events: ClickEvent[] = [];
    for (const click of clicks) {
      const day = utcDay(click.time);
      try {
        events.push(this.toEvent(click, day, saltByDay.get(day)!));
      } catch (error) {
        unusable(click, error);
      }
    }
    return events;
  }

  private toEvent(click: ClickInput, day: string, salt: string): ClickEvent {
    const agent = this.userAgentFactsOf(click.userAgent);
    const location = this.geoIp.lookup(click.ip);
    const target = this.urlFactsOf(click.url);
    const referrer = storableText(click.referrer || null, MAX_REFERRER_LENGTH);
    const isBot = agent.isBot || click.head;
    return {
      id: click.clickId,
      time: new Date(click.time),
      workspaceId: click.workspaceId,
      linkId: click.linkId,
      domain: storableText(click.domain, MAX_DOMAIN_LENGTH)!,
      url: target.url,
      visitorHash: this.visitorHash(day, salt, click.ip, click.userAgent ?? ''),
      country: location?.country ?? null,
      region: location?.region ?? null,
      city: location?.city ?? null,
      device: isBot ? 'bot' : agent.device,
      browser: agent.browser,
      os: agent.os,
      referrer,
      referrerDomain: referrer ? referrerDomain(referrer) : null,
      utmSource: target.utmSource,
      utmMedium: target.utmMedium,
      utmCampaign: target.utmCampaign,
      utmTerm: target.utmTerm,
      utmContent: target.utmContent,
      isBot,
      variant: storableText(click.variant ?? null, MAX_URL_LENGTH),
      destinationType: click.destinationType ?? null,
    };
  }

  private urlFactsOf(rawUrl: string): UrlFacts {
    // A URL of its own per click (a conversion id, the visitor's query) is not worth keeping.
    return remembered(this.urlFacts, rawUrl, MAX_CACHED_URL_LENGTH, urlFacts);
  }

  private userAgentFactsOf(rawUserAgent: string | undefined): UserAgentFacts {
    if (!rawUserAgent) return userAgentFacts(undefined);
    return remembered(this.userAgentFacts, rawUserAgent, MAX_CACHED_USER_AGENT_LENGTH, userAgentFacts);
  }

  /** visitorHash(), remembered for the same day, address and user agent (the day decides the salt). */
  private visitorHash(day: string, salt: string, ip: string, userAgent: string): string {
    if (userAgent.length > MAX_CACHED_USER_AGENT_LENGTH) return visitorHash(salt, ip, userAgent);
    const visitor = `${day}\n${ip}`;
    let byUserAgent = this.visitorHashes.get(visitor);
    let hash = byUserAgent?.get(userAgent);
    if (hash === undefined) {
      hash = visitorHash(salt, ip, userAgent);
      if (byUserAgent === undefined) this.visitorHashes.set(visitor, (byUserAgent = new Map()));
      if (byUserAgent.size < USER_AGENTS_PER_ADDRESS) byUserAgent.set(userAgent, hash);
    }
    return hash;
  }
}

/** What `derive` makes of `key`, kept in `cache` unless the key is longer than `maxLength`. */
function remembered<V>(cache: RecentValues<string, V>, key: string, maxLength: number, derive: (key: string) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = derive(key);
    if (key.length <= maxLength) cache.set(key, value);
  }
  return value;
}

/** What a click's event takes from its destination URL. */
interface UrlFacts {
  url: string;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

function urlFacts(rawUrl: string): UrlFacts {
  const url = storableText(rawUrl, MAX_URL_LENGTH)!;
  const utm = utmParameters(url);
  return {
    url,
    utmSource: utm.get('utm_source'),
    utmMedium: utm.get('utm_medium'),
    utmCampaign: utm.get('utm_campaign'),
    utmTerm: utm.get('utm_term'),
    utmContent: utm.get('utm_content'),
  };
}

/** What a click's event takes from its user agent: the traits of its storable form, storable themselves. */
interface UserAgentFacts {
  device: Device;
  browser: string | null;
  os: string | null;
  isBot: boolean;
}

function userAgentFacts(rawUserAgent: string | undefined): UserAgentFacts {
  const userAgent = storableText(rawUserAgent || null, MAX_USER_AGENT_LENGTH);
  const traits = userAgentTraits(userAgent ?? undefined);
  return {
    device: traits.device,
    browser: storableText(traits.browser, MAX_TRAIT_LENGTH),
    os: storableText(traits.os, MAX_TRAIT_LENGTH),
    isBot: traits.isBot,
  };
}

export function visitorHash(salt: string, ip: string, userAgent: string): string {
  return createHash('sha256').update(salt).update('\n').update(ip).update('\n').update(userAgent).digest('hex');
}

/** Host of the referrer, lower-case, without `www.`; null when it is not a URL. */
export function referrerDomain(referrer: string): string | null {
  try {
    const host = new URL(referrer).hostname.toLowerCase();
    return host === '' ? null : host.startsWith('www.') ? host.slice(4) : host;
  } catch {
    return null;
  }
}

interface UtmLookup {
  get(name: string): string | null;
}

const NO_UTM: UtmLookup = { get: () => null };

/** The utm_* parameters of the URL the visitor was sent to (the query alone is parsed: cheaper than a URL). */
function utmParameters(url: string): UtmLookup {
  const mark = url.indexOf('?');
  if (mark < 0 || !url.includes('utm_', mark)) return NO_UTM;
  const hash = url.indexOf('#', mark);
  const parameters = new URLSearchParams(hash < 0 ? url.slice(mark + 1) : url.slice(mark + 1, hash));
  // Decoded values may hold what the raw query could not (`%00`, `%ED%A0%80`).
  return { get: (name) => storableText(parameters.get(name), MAX_UTM_LENGTH) || null };
}
