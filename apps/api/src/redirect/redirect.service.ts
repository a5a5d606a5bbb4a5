import type { IncomingHttpHeaders } from 'node:http';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ATTEMPT_LIMITS, AttemptLimiter, PasswordHasher } from '@app/auth';
import { AppException, ErrorCode, isStorableText, MetricsService, newClickId } from '@app/common';
import { ClickRecorder } from '../clicks/click-recorder.service';
import { AbTestVisit, abTestVisit, needsWinnerPick } from './ab-test';
import { AbTestWinners } from './ab-test-winners';
import { GeoIpService } from '../clicks/geoip.service';
import type { DestinationType } from '../clicks/click-event';
import { isPreviewCrawler } from '../clicks/user-agents';
import { appleAppSiteAssociation, assetLinks } from './app-association';
import { asHeaderValue, mergeQuery, rawQueryOf, splitQuery, targetedDevice } from './destination';
import {
  APP_OPENER_CONTENT_SECURITY_POLICY,
  appOpenerPage,
  EXPIRED_PAGE,
  NOT_FOUND_PAGE,
  PAGE_CONTENT_SECURITY_POLICY,
  passwordPage,
  PREVIEW_CONTENT_SECURITY_POLICY,
} from './redirect-pages';
import type { RedirectLink } from './redirect-link';
import { RedirectLinkCache } from './redirect-link-cache';
import { ShortDomain, ShortDomainResolver } from './short-domains';

export type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

/** What the redirect reads of a request once it is routed: a Fastify request, or node's (RedirectFastPath). */
export interface RedirectRequest {
  url: string;
  method: string;
  headers: IncomingHttpHeaders;
}

/** RedirectService.followCached's answer: the 302's Location, and whether its domain asks robots not to index it. */
export interface CachedRedirect {
  location: string;
  noIndex: boolean;
}

// Redirects must not be cached by a browser or a CDN: every click is counted and a link can change.
export const CACHE_CONTROL = 'private, max-age=0';
// The destination still learns the origin of the page the link was clicked on, never its full URL.
export const REFERRER_POLICY = 'strict-origin-when-cross-origin';
const CONVERSION_PARAMETER = 'lt_id';
// Operating systems fetch association files rarely and through their own caches; an hour keeps a change visible soon.
const ASSOCIATION_CACHE_CONTROL = 'public, max-age=3600';

/**
 * The short-link redirect: domain + slug → 302 to the destination (UTM parameters, the request's own
 * query string, device and country targeting, conversion click id), with the click recorded after the
 * answer. Browsers get small HTML pages for unknown (404), expired (410) and password-protected links; a
 * client that asks only for JSON (`Accept: application/json`) gets the error body of docs/API.md instead.
 */
@Injectable()
export class RedirectService {
  private readonly cacheHits: { inc(): void };
  private readonly cacheMisses: { inc(): void };

  constructor(
    private readonly domains: ShortDomainResolver,
    private readonly links: RedirectLinkCache,
    private readonly clicks: ClickRecorder,
    private readonly geoIp: GeoIpService,
    private readonly passwords: PasswordHasher,
    private readonly attempts: AttemptLimiter,
    private readonly winners: AbTestWinners,
    metrics: MetricsService,
  ) {
    // Tallies: a labelled inc() hashes its labels on every call.
    this.cacheHits = metrics.tally(metrics.redirectCacheLookups, { result: 'hit' });
    this.cacheMisses = metrics.tally(metrics.redirectCacheLookups, { result: 'miss' });
  }

  /**
   * Synchronous when the domain and the link are cached (the hot path allocates no promise); a promise
   * when either must be loaded. Errors (the JSON 404/410/401 answers) are thrown for the caller's
   * error handler.
   */
  follow(request: SlugRequest, reply: FastifyReply): Promise<void> | void {
    const domain = this.domains.resolve(request.host);
    if (domain instanceof Promise) return domain.then((resolved) => this.followOn(resolved, request, reply));
    return this.followOn(domain, request, reply);
  }

  /**
   * The common case, answered by RedirectFastPath before Fastify routes the request: a cached link of a cached domain
   * that a plain 302 answers at once. Records the click and returns the 302's Location; returns null, having done
   * nothing, when the link needs more (not cached or not found, expired, protected by a password, an A/B winner to
   * pick, an app destination, a social preview for a crawler, a full click buffer to wait for): `follow` answers
   * those, through Fastify. The same steps as `follow` → `answer` → `redirectNow`, for what it keeps.
   */
  followCached(host: string | undefined, slug: string, request: RedirectRequest, ip: string): CachedRedirect | null {
    const domain = this.domains.peek(host);
    if (!domain) return null;
    const link = this.links.peek(domain.domain, slug);
    if (!link || isExpired(link) || link.passwordHash || link.iosApp || link.androidApp) return null;
    const now = Date.now();
    if (link.abTest && needsWinnerPick(link.abTest, now)) return null;
    const userAgent = request.headers['user-agent'];
    if ((link.previewPage !== null && isPreviewCrawler(userAgent)) || this.clicks.holdsRedirects()) return null;
    this.cacheHits.inc();
    const clickId = newClickId(now);
    const visit = link.abTest ? abTestVisit(link.abTest, link.id, ip, userAgent, now) : null;
    const { location, type } = this.destination(request, link, ip, userAgent, clickId, visit);
    this.recordClick(request, link, clickId, location, ip, userAgent, visit?.variant, type);
    return { location, noIndex: domain.noIndex };
  }

  private followOn(domain: ShortDomain | null, request: SlugRequest, reply: FastifyReply): Promise<void> | void {
    if (domain?.noIndex) reply.header('x-robots-tag', 'noindex');
    if (!domain) return this.sendNotFound(request, reply, null);
    const link = this.findLink(domain, request.params.slug);
    if (link instanceof Promise) return link.then((found) => this.answer(request, reply, domain, found));
    return this.answer(request, reply, domain, link);
  }

  private answer(
    request: SlugRequest,
    reply: FastifyReply,
    domain: ShortDomain,
    link: RedirectLink | null,
  ): Promise<void> | void {
    if (!link) return this.sendNotFound(request, reply, domain);
    if (isExpired(link)) return this.sendExpired(request, reply, link, domain);
    if (link.passwordHash) return this.sendPasswordForm(request, reply, HttpStatus.OK);
    if (link.abTest && needsWinnerPick(link.abTest, Date.now()))
      return this.winners.pick(link).then(() => this.redirect(request, reply, link));
    return this.redirect(request, reply, link);
  }

  /** The password form's POST: the right password redirects (and counts the click), a wrong one shows the form again. */
  async unlock(request: SlugRequest, reply: FastifyReply): Promise<void> {
    const domain = await this.domains.resolve(request.host);
    if (domain?.noIndex) reply.header('x-robots-tag', 'noindex');
    const link = domain && (await this.findLink(domain, request.params.slug));
    if (!link) return this.sendNotFound(request, reply, domain);
    if (isExpired(link)) return this.sendExpired(request, reply, link, domain!);
    if (link.passwordHash) {
      const password = submittedPassword(request.body);
      if (password === null)
        return this.sendPasswordForm(request, reply, HttpStatus.UNAUTHORIZED, 'Incorrect password, try again.');
      // Counted before the hash, per client IP and per link: guessing costs the guesser time, not the server.
      const retryAfter = await this.attempts.take(
        { limit: ATTEMPT_LIMITS.linkPasswordPerIp, key: request.ip },
        { limit: ATTEMPT_LIMITS.linkPasswordPerLink, key: link.id },
      );
      if (retryAfter > 0) return this.sendTooManyGuesses(request, reply, retryAfter);
      if (!(await this.passwords.verify(link.passwordHash, password)))
        return this.sendPasswordForm(request, reply, HttpStatus.UNAUTHORIZED, 'Incorrect password, try again.');
    }
    if (link.abTest && needsWinnerPick(link.abTest, Date.now())) await this.winners.pick(link);
    await this.redirect(request, reply, link);
  }

  private sendTooManyGuesses(request: SlugRequest, reply: FastifyReply, retryAfter: number): void {
    const minutes = Math.ceil(retryAfter / 60);
    const message = `Too many password attempts; try again in ${minutes} minute(s)`;
    if (wantsJson(request)) throw AppException.tooManyRequests(message, retryAfter);
    reply.header('retry-after', retryAfter);
    sendPage(reply, HttpStatus.TOO_MANY_REQUESTS, passwordPage(`${message}.`));
  }

  /** `/` of a short domain: its rootUrl (the dashboard on the default short domain), otherwise the not-found answer. */
  async root(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const domain = await this.domains.resolve(request.host);
    if (domain?.noIndex) reply.header('x-robots-tag', 'noindex');
    if (domain?.rootUrl) return sendRedirect(reply, domain.rootUrl);
    this.sendNotFound(request, reply, domain);
  }

  /**
   * `/.well-known/apple-app-site-association` and `/.well-known/assetlinks.json` of a short domain: generated from
   * its apps, served as JSON (never redirected; Apple fetches through its CDN and refuses redirects), 404 without.
   */
  async appAssociation(request: FastifyRequest, reply: FastifyReply, file: 'apple' | 'android'): Promise<void> {
    const domain = await this.domains.resolve(request.host);
    const apps = domain?.apps ?? null;
    const body = file === 'apple' ? appleAppSiteAssociation(apps) : assetLinks(apps);
    if (!body)
      throw AppException.notFound(`This domain has no ${file === 'apple' ? 'iOS' : 'Android'} app associated with it`);
    reply
      .code(HttpStatus.OK)
      .header('content-type', 'application/json')
      .header('cache-control', ASSOCIATION_CACHE_CONTROL)
      // A buffer, so Fastify adds no charset to the content type: Apple's and Google's checkers expect it bare.
      .send(Buffer.from(JSON.stringify(body)));
  }

  private findLink(domain: ShortDomain, slug: string): Promise<RedirectLink | null> | RedirectLink | null {
    // No slug holds a NUL (`/%00`): PostgreSQL would refuse the lookup.
    if (!isStorableText(slug)) return null;
    const cached = this.links.peek(domain.domain, slug);
    if (cached !== undefined) {
      this.cacheHits.inc();
      return cached;
    }
    this.cacheMisses.inc();
    return this.links.get(domain.domain, slug);
  }

  /**
   * Answers once the click can be recorded: at once, unless the click buffer is full while the writer is
   * working (ClickRecorder.roomForClick), when the redirect waits for room rather than lose its click.
   */
  private redirect(request: SlugRequest, reply: FastifyReply, link: RedirectLink): Promise<void> | void {
    // Read while the connection is surely open: once the client has gone (during a hold, say), Fastify's
    // `ip` is the closed socket's address, undefined.
    const ip = (request.ip as string | undefined) ?? '';
    const room = this.clicks.roomForClick();
    if (room) return room.then(() => this.redirectNow(request, reply, link, ip));
    this.redirectNow(request, reply, link, ip);
  }

  private redirectNow(request: SlugRequest, reply: FastifyReply, link: RedirectLink, ip: string): void {
    const clickId = newClickId();
    const userAgent = request.headers['user-agent'];
    // Only a link with a social preview looks for crawlers: a plain link's redirect does no extra work.
    if (link.previewPage !== null && isPreviewCrawler(userAgent)) {
      sendPreviewPage(reply, link.previewPage);
      return this.recordClick(request, link, clickId, link.destination, ip, userAgent);
    }
    const visit = link.abTest ? abTestVisit(link.abTest, link.id, ip, userAgent, Date.now()) : null;
    const { location, type } = this.destination(request, link, ip, userAgent, clickId, visit);
    if (type === 'app') {
      // The web URL the page falls back to: what a visitor without the device targeting would get.
      const webUrl = this.withRequestQuery(request, link, visit?.destination ?? link.destination, clickId);
      sendPage(reply, HttpStatus.OK, appOpenerPage(location, webUrl), APP_OPENER_CONTENT_SECURITY_POLICY);
    } else {
      reply
        .code(HttpStatus.FOUND)
        .header('location', location)
        .header('cache-control', CACHE_CONTROL)
        .header('referrer-policy', REFERRER_POLICY)
        .send();
    }
    this.recordClick(request, link, clickId, location, ip, userAgent, visit?.variant, type);
  }

  private recordClick(
    request: RedirectRequest,
    link: RedirectLink,
    clickId: string,
    url: string,
    ip: string,
    userAgent: string | undefined,
    variant?: string | null,
    destinationType?: DestinationType,
  ): void {
    this.clicks.record({
      clickId,
      time: Date.now(),
      workspaceId: link.workspaceId,
      linkId: link.id,
      domain: link.domain,
      url,
      ip,
      userAgent,
      referrer: request.headers.referer,
      head: request.method === 'HEAD',
      variant,
      destinationType,
    });
  }

  /**
   * Device targeting first (iOS, Android), then the visitor's country, then the A/B test's variant or winner
   * (a visitor that targeting sends elsewhere records no variant: `visit.variant` is cleared); then the request's
   * query string (its parameters replace the destination's and the link's UTM ones); then the conversion click id.
   */
  private destination(
    request: RedirectRequest,
    link: RedirectLink,
    ip: string,
    userAgent: string | undefined,
    clickId: string,
    visit: AbTestVisit | null,
  ): { location: string; type: DestinationType } {
    const untargeted = visit?.destination ?? link.destination;
    let destination = untargeted;
    let type: DestinationType = 'web';
    const device = link.iosDestination || link.androidDestination ? targetedDevice(userAgent) : null;
    if (device === 'ios' && link.iosDestination) {
      destination = link.iosDestination;
      type = link.iosApp ? 'app' : 'ios';
    } else if (device === 'android' && link.androidDestination) {
      destination = link.androidDestination;
      type = link.androidApp ? 'app' : 'android';
    } else if (link.geoDestinations) {
      const country = this.geoIp.lookup(ip)?.country;
      const geoDestination = country && link.geoDestinations.get(country);
      if (geoDestination) [destination, type] = [geoDestination, 'geo'];
    }
    if (visit && destination !== untargeted) visit.variant = null;
    return { location: this.withRequestQuery(request, link, destination, clickId), type };
  }

  /** The request's query string merged into a destination, then the conversion click id. */
  private withRequestQuery(request: RedirectRequest, link: RedirectLink, destination: string, clickId: string): string {
    const query = rawQueryOf(request.url);
    if (query !== '') destination = asHeaderValue(mergeQuery(destination, splitQuery(query)));
    if (link.trackConversion) destination = mergeQuery(destination, [`${CONVERSION_PARAMETER}=${clickId}`]);
    return destination;
  }

  private sendNotFound(request: FastifyRequest, reply: FastifyReply, domain: ShortDomain | null): void {
    if (domain?.notFoundUrl) return sendRedirect(reply, domain.notFoundUrl);
    if (wantsJson(request)) throw AppException.notFound('Link not found');
    sendPage(reply, HttpStatus.NOT_FOUND, NOT_FOUND_PAGE);
  }

  private sendExpired(request: SlugRequest, reply: FastifyReply, link: RedirectLink, domain: ShortDomain): void {
    const expiredUrl = link.expiredUrl ?? domain.expiredUrl;
    if (expiredUrl) return sendRedirect(reply, expiredUrl);
    if (wantsJson(request)) throw new AppException(HttpStatus.GONE, ErrorCode.linkExpired, 'This link has expired');
    sendPage(reply, HttpStatus.GONE, EXPIRED_PAGE);
  }

  private sendPasswordForm(request: SlugRequest, reply: FastifyReply, status: HttpStatus, error?: string): void {
    if (wantsJson(request)) {
      if (error) throw AppException.unauthorized('Incorrect link password', ErrorCode.invalidCredentials);
      throw AppException.unauthorized(
        'This link is protected: POST its password as the `password` form field',
        ErrorCode.passwordRequired,
      );
    }
    sendPage(reply, status, passwordPage(error));
  }
}

/** A domain's or link's fallback URL; encoded for the header in case one was stored before URLs were checked strictly. */
function sendRedirect(reply: FastifyReply, location: string): void {
  reply
    .code(HttpStatus.FOUND)
    .header('location', asHeaderValue(location))
    .header('cache-control', CACHE_CONTROL)
    .header('referrer-policy', REFERRER_POLICY)
    .send();
}

function isExpired(link: RedirectLink): boolean {
  return link.expiresAt !== null && link.expiresAt <= Date.now();
}

/** The form's `password` field, or null when there is none worth hashing. */
function submittedPassword(body: unknown): string | null {
  const password = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).password : undefined;
  return typeof password === 'string' && password !== '' && password.length <= 1_000 ? password : null;
}

/** True when the client asks for JSON and not for HTML (API clients, not browsers). */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return accept !== undefined && accept.includes('application/json') && !accept.includes('text/html');
}

function sendPage(
  reply: FastifyReply,
  status: number,
  html: string,
  contentSecurityPolicy = PAGE_CONTENT_SECURITY_POLICY,
): void {
  reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', contentSecurityPolicy)
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .send(html);
}

/** A link's social preview, for a link-preview crawler: the page of tags, counted as the (bot) click it is. */
function sendPreviewPage(reply: FastifyReply, html: string): void {
  reply
    .code(HttpStatus.OK)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', CACHE_CONTROL)
    .header('content-security-policy', PREVIEW_CONTENT_SECURITY_POLICY)
    .header('referrer-policy', REFERRER_POLICY)
    .send(html);
}
