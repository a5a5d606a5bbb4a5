import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler/dist/throttler.guard.interface';
import { AppException, MetricsService } from '@app/common';
import type { AuthenticatedRequest } from '../auth-context';

export const DEFAULT_REQUESTS_PER_MINUTE = 100;
/**
 * Publishable keys run in every visitor's browser, so their bucket is per key and visitor IP: one visitor
 * (or a script replaying the public key) cannot use up a site's conversion tracking for everybody else.
 * A real visitor sends a handful of conversions, hence the lower default.
 */
export const PUBLISHABLE_REQUESTS_PER_MINUTE = 30;
/** Time an empty bucket takes to refill; with capacity = 2 × the per-minute rate, that rate is sustained. */
export const BUCKET_FILL_MS = 120_000;

/** Bucket capacity for a caller: twice its sustained per-minute rate (200 by default, 60 for publishable keys). */
export function bucketCapacity(context: ExecutionContext): number {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  const defaultRate =
    auth?.apiKey?.type === 'publishable' ? PUBLISHABLE_REQUESTS_PER_MINUTE : DEFAULT_REQUESTS_PER_MINUTE;
  return 2 * (auth?.apiKey?.rateLimit ?? defaultRate);
}

/** The bucket of a caller: its key (with the visitor IP for publishable keys), else its user (sessions). */
function tracker(request: AuthenticatedRequest): string {
  const key = request.auth?.apiKey;
  if (key?.type === 'publishable') return `pub:${key.id}:${request.ip}`;
  return key ? `key:${key.id}` : `user:${request.auth?.userId ?? request.sessionUser!.userId}`;
}

/**
 * Per-key (per-user for sessions, per key and visitor IP for publishable keys) token bucket of docs/API.md
 * (Rate limits). Not a global guard of its own: the AuthGuard calls it once the caller is known and before
 * the route's access rule, so refusals are limited too. Public routes are never charged, so the redirect
 * path pays nothing. Every authenticated response gets the headers.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(MetricsService) private readonly metrics!: MetricsService;

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return context.getType() !== 'http' || (!request.auth && !request.sessionUser);
  }

  protected override async handleRequest({
    context,
    limit,
    ttl,
    blockDuration,
    throttler,
  }: ThrottlerRequest): Promise<boolean> {
    const { req, res } = this.getRequestResponse(context);
    const request = req as AuthenticatedRequest;
    const record = await this.storageService.increment(
      tracker(request),
      ttl,
      limit,
      blockDuration,
      throttler.name ?? 'default',
    );
    res.header('X-RateLimit-Limit', limit);
    res.header('X-RateLimit-Remaining', Math.max(0, limit - record.totalHits));
    res.header('X-RateLimit-Reset', record.timeToExpire);
    if (record.isBlocked) {
      this.metrics.rateLimitRejections.inc();
      throw AppException.tooManyRequests(
        `Rate limit exceeded: ${limit / 2} requests per minute, bursts of ${limit}`,
        record.timeToBlockExpire,
      );
    }
    return true;
  }
}
