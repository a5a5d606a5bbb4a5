import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig, AppException, ErrorCode } from '@app/common';
import { ACCESS_RULE_KEY, AccessRule, AuthenticatedOptions } from './access.decorator';
import type { AuthContext, AuthenticatedRequest } from './auth-context';
import { API_KEY_STRATEGY } from './api-key.strategy';
import { safeEqual } from './credentials';
import { authenticateWith } from './passport.util';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { grantsAccess, isReadMethod, missingScopeName } from './scopes';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, SessionsService } from './sessions.service';

const BEARER = /^Bearer ([^\s]+)$/;
const WORKSPACE_HEADER = 'x-workspace-id';

/**
 * The one global guard: resolves the session cookie or Bearer key into `request.auth`, takes a token from
 * the caller's rate-limit bucket, then applies the route's access rule, with every message and code of
 * docs/API.md (Authentication). Refusals (scope, role, CSRF, origin) are rate limited and carry the
 * `X-RateLimit-*` headers like any authenticated answer. Public routes cost one metadata read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly rateLimit: RateLimitGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw new Error(`${context.getClass().name}.${context.getHandler().name} declares no access rule`);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    switch (rule.kind) {
      case 'public':
        if (rule.identify) request.auth = await this.identify(request);
        return true;
      case 'admin':
        this.checkAdminToken(request);
        return true;
      case 'authenticated':
        if (request.headers.authorization !== undefined) {
          request.auth = await this.verifyBearer(request);
          await this.rateLimit.canActivate(context);
          this.authorizeKey(request, request.auth, rule);
        } else {
          await this.authenticateSession(request, rule, context);
        }
        return true;
    }
  }

  /** Optional identification on public routes: a bad credential is ignored, never an error. */
  private async identify(request: AuthenticatedRequest): Promise<AuthContext | undefined> {
    try {
      if (request.headers.authorization !== undefined) return await this.verifyBearer(request);
      await this.authenticateSession(request, { session: true, workspace: false }, null);
      return request.auth;
    } catch {
      return undefined;
    }
  }

  private async verifyBearer(request: AuthenticatedRequest): Promise<AuthContext> {
    if (!BEARER.test(request.headers.authorization ?? ''))
      throw AppException.unauthorized('Missing or invalid API key');
    return authenticateWith<AuthContext>(API_KEY_STRATEGY, request, () =>
      AppException.unauthorized('Missing or invalid API key'),
    );
  }

  private authorizeKey(request: AuthenticatedRequest, auth: AuthContext, rule: AuthenticatedOptions): void {
    if (rule.session)
      throw AppException.forbidden('This route requires a dashboard session', ErrorCode.sessionRequired);
    const workspaceHeader = request.headers[WORKSPACE_HEADER];
    if (typeof workspaceHeader === 'string' && workspaceHeader !== auth.workspaceId) throw AppException.forbidden();
    if (auth.apiKey?.type === 'publishable') {
      if (!rule.publishable) {
        throw AppException.forbidden(
          'Publishable keys can only write conversion events',
          ErrorCode.publishableKeyNotAllowed,
        );
      }
      this.checkOrigin(request, auth);
    } else if (!rule.anyScope && !grantsAccess(auth.scopes ?? [], rule.scopes ?? [], request.method)) {
      throw AppException.forbidden(
        `Missing required scope: ${missingScopeName(rule.scopes ?? [], request.method)}`,
        ErrorCode.insufficientScope,
      );
    }
    this.checkRole(auth, rule);
  }

  /**
   * Sets request.sessionUser and, when a workspace is selected, request.auth. With a `rateLimited` context
   * (authenticated routes) the caller's bucket is charged before CSRF and role checks; without one (public
   * routes that only identify) neither CSRF nor rate limit applies.
   */
  private async authenticateSession(
    request: AuthenticatedRequest,
    rule: AuthenticatedOptions,
    rateLimited: ExecutionContext | null,
  ): Promise<void> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) {
      throw AppException.unauthorized(rule.session ? 'Log in to use this route' : 'Missing or invalid API key');
    }
    const workspaceHeader = request.headers[WORKSPACE_HEADER];
    const requestedWorkspace =
      typeof workspaceHeader === 'string' && workspaceHeader.length > 0 ? workspaceHeader.slice(0, 64) : null;
    const session = await this.sessions.resolve(token, requestedWorkspace);
    if (!session) throw AppException.unauthorized('Session expired or invalid; log in again');
    request.sessionUser = { userId: session.userId, sessionId: session.sessionId };
    if (session.workspaceId && session.role && session.plan) {
      request.auth = {
        via: 'session',
        userId: session.userId,
        workspaceId: session.workspaceId,
        role: session.role,
        plan: session.plan,
        scopes: null,
        sessionId: session.sessionId,
        allowedHostnames: session.allowedHostnames ?? [],
      };
    }
    if (rateLimited) {
      await this.rateLimit.canActivate(rateLimited);
      if (
        !isReadMethod(request.method) &&
        !this.sessions.csrfMatches(session, request.cookies?.[CSRF_COOKIE], headerValue(request, CSRF_HEADER))
      ) {
        throw AppException.forbidden('Missing or invalid CSRF token', ErrorCode.csrfInvalid);
      }
    }
    if (requestedWorkspace && !session.workspaceId) throw AppException.forbidden();
    if (request.auth) this.checkRole(request.auth, rule);
    else if (rule.workspace !== false) throw AppException.forbidden('No workspace selected; create a workspace first');
  }

  private checkRole(auth: AuthContext, rule: AuthenticatedOptions): void {
    if (rule.roles && !rule.roles.includes(auth.role)) {
      throw AppException.forbidden(`This action requires the ${rule.roles.join(' or ')} role`);
    }
  }

  /** Publishable keys run in browsers: when the workspace lists host names, the Origin must be one of them. */
  private checkOrigin(request: AuthenticatedRequest, auth: AuthContext): void {
    if (auth.allowedHostnames.length === 0) return;
    let hostname: string | null = null;
    try {
      hostname = request.headers.origin ? new URL(request.headers.origin).hostname : null;
    } catch {
      hostname = null;
    }
    const allowed =
      hostname !== null &&
      auth.allowedHostnames.some(
        (pattern) => pattern === hostname || (pattern.startsWith('*.') && hostname!.endsWith(pattern.slice(1))),
      );
    if (!allowed)
      throw AppException.forbidden(
        'This origin is not allowed to use this publishable key',
        ErrorCode.originNotAllowed,
      );
  }

  private checkAdminToken(request: AuthenticatedRequest): void {
    const adminToken = this.config.ADMIN_TOKEN;
    if (!adminToken)
      throw new AppException(
        HttpStatus.FORBIDDEN,
        ErrorCode.forbidden,
        'The admin API is disabled: ADMIN_TOKEN is not set',
      );
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match || !safeEqual(match[1], adminToken)) throw AppException.unauthorized('Invalid admin token');
  }
}

function headerValue(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
