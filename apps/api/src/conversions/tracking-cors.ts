import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '@app/auth';

const ALLOWED_HEADERS = 'Authorization, Content-Type';
const EXPOSED_HEADERS = 'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS preflight of the conversion writes. A preflight carries no Authorization header, so the workspace —
 * and its allowed host names — is unknown here: every origin may send the actual request, which the guard
 * refuses (403 origin_not_allowed, without CORS headers, so the page cannot even read it) when the key's
 * workspace does not list the origin.
 */
export function answerTrackingPreflight(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  reply.header('Vary', 'Origin');
  if (origin) {
    reply
      .header('Access-Control-Allow-Origin', origin)
      .header('Access-Control-Allow-Methods', 'POST')
      .header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
      .header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
  }
  reply.code(HttpStatus.NO_CONTENT).send();
}

/**
 * CORS headers of the actual conversion write, for publishable keys only: the guard has already checked
 * the origin against the workspace's allowed host names. Set before the handler runs, so validation and
 * other errors reach the page's script readable. Secret keys are for servers: no CORS.
 */
@Injectable()
export class TrackingCorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const origin = request.headers.origin;
    if (origin && request.auth?.apiKey?.type === 'publishable') {
      context
        .switchToHttp()
        .getResponse<FastifyReply>()
        .header('Access-Control-Allow-Origin', origin)
        .header('Access-Control-Expose-Headers', EXPOSED_HEADERS)
        .header('Vary', 'Origin');
    }
    return next.handle();
  }
}
