import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler/dist/throttler.guard.interface';
import { AppException, MetricsService } from '@app/common';
import type { AuthContext, AuthenticatedRequest } from '../auth-context';

export const DEFAULT_REQUESTS_PER_MINUTE = 100;
/** Time an empty bucket takes to refill; with capacity = 2 × the per-minute rate, that rate is sustained. */
export const BUCKET_FILL_MS = 120_000;

/** Bucket capacity for a caller: twice its sustained per-minute rate (200 by default). */
export function bucketCapacity(context: ExecutionContext): number {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  return 2 * (auth?.apiKey?.rateLimit ?? DEFAULT_REQUESTS_PER_MINUTE);
}

function tracker(auth: AuthContext): string {
  return auth.apiKey ? `key:${auth.apiKey.id}` : `user:${auth.userId}`;
}

/**
 * Per-key (or per-user, for sessions) token bucket of DESIGN.md §6. Runs after the AuthGuard; public
 * routes are skipped, so the redirect path pays nothing. Every authenticated response gets the headers.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  @Inject(MetricsService) private readonly metrics!: MetricsService;

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || !context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  }

  protected override async handleRequest({ context, limit, ttl, blockDuration, throttler }: ThrottlerRequest): Promise<boolean> {
    const { req, res } = this.getRequestResponse(context);
    const auth = (req as AuthenticatedRequest).auth!;
    const record = await this.storageService.increment(`${tracker(auth)}`, ttl, limit, blockDuration, throttler.name ?? 'default');
    res.header('X-RateLimit-Limit', limit);
    res.header('X-RateLimit-Remaining', Math.max(0, limit - record.totalHits));
    res.header('X-RateLimit-Reset', record.timeToExpire);
    if (record.isBlocked) {
      this.metrics.rateLimitRejections.inc();
      throw AppException.tooManyRequests(`Rate limit exceeded: ${limit / 2} requests per minute, bursts of ${limit}`, record.timeToBlockExpire);
    }
    return true;
  }
}
