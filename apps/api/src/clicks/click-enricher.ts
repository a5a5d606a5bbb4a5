import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { storableText } from '@app/common';
import { ClickEvent, ClickInput, utcDay } from './click-event';
import { GeoIpService } from './geoip.service';
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
 * Turns what the redirect saw into a storable event: location, device, bot flag, referrer, UTM
 * parameters, and the visitor as SHA-256(daily salt, IP, user agent). The IP goes no further.
 * Every text a visitor controls (query, user agent, referrer; host and path through the URL) is made
 * storable here (storableText: bounded, no NUL, no lone surrogate), so one click cannot make PostgreSQL
 * refuse the batch it shares with others.
 */
@Injectable()
export class ClickEnricher {
  constructor(
    private readonly geoIp: GeoIpService,
    private readonly salts: VisitorSalts,
  ) {}

  async enrich(clicks: ClickInput[]): Promise<ClickEvent[]> {
    const saltByDay = new Map<string, string>();
    for (const day of new Set(clicks.map((click) => utcDay(click.time))))
      saltByDay.set(day, await this.salts.saltFor(day));
    return clicks.map((click) => this.toEvent(click, saltByDay.get(utcDay(click.time))!));
  }

  private toEvent(click: ClickInput, salt: string): ClickEvent {
    const userAgent = storableText(click.userAgent || null, MAX_USER_AGENT_LENGTH);
    const traits = userAgentTraits(userAgent ?? undefined);
    const location = this.geoIp.lookup(click.ip);
    const url = storableText(click.url, MAX_URL_LENGTH)!;
    const utm = utmParameters(url);
    const referrer = storableText(click.referrer || null, MAX_REFERRER_LENGTH);
    const isBot = traits.isBot || click.head;
    return {
      id: click.clickId,
      time: new Date(click.time),
      workspaceId: click.workspaceId,
      linkId: click.linkId,
      domain: storableText(click.domain, MAX_DOMAIN_LENGTH)!,
      url,
      visitorHash: visitorHash(salt, click.ip, click.userAgent ?? ''),
      country: location?.country ?? null,
      region: location?.region ?? null,
      city: location?.city ?? null,
      device: isBot ? 'bot' : traits.device,
      browser: storableText(traits.browser, MAX_TRAIT_LENGTH),
      os: storableText(traits.os, MAX_TRAIT_LENGTH),
      userAgent,
      referrer,
      referrerDomain: referrer ? referrerDomain(referrer) : null,
      utmSource: utm.get('utm_source'),
      utmMedium: utm.get('utm_medium'),
      utmCampaign: utm.get('utm_campaign'),
      utmTerm: utm.get('utm_term'),
      utmContent: utm.get('utm_content'),
      isBot,
    };
  }
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
