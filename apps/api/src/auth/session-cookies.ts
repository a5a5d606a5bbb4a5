import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, IssuedSession, SESSION_COOKIE } from '@app/auth';
import type { AppConfig } from '@app/common';

/** Secure when configured, or when the request came over HTTPS (directly or through a trusted proxy). */
function isSecure(config: AppConfig, request: FastifyRequest): boolean {
  return config.cookieSecure || request.protocol === 'https';
}

/**
 * The session cookie is HttpOnly; the CSRF cookie is readable by the dashboard, which echoes it in
 * X-CSRF-Token. Returns `body` so a handler can stay one expression.
 */
export function withSessionCookies<T>(
  config: AppConfig,
  request: FastifyRequest,
  reply: FastifyReply,
  signedIn: { body: T; session: IssuedSession },
): T {
  const common = {
    path: '/',
    sameSite: 'lax' as const,
    secure: isSecure(config, request),
    expires: signedIn.session.expiresAt,
  };
  reply.setCookie(SESSION_COOKIE, signedIn.session.token, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, signedIn.session.csrfToken, { ...common, httpOnly: false });
  return signedIn.body;
}

export function clearSessionCookies(config: AppConfig, request: FastifyRequest, reply: FastifyReply): void {
  const common = { path: '/', sameSite: 'lax' as const, secure: isSecure(config, request) };
  reply.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, common);
}
