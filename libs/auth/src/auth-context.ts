import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { PlanName, Role } from '@app/database';
import type { FastifyRequest } from 'fastify';

/** Who is calling, for which workspace, with what rights. Resolved once per request by the AuthGuard. */
export interface AuthContext {
  via: 'session' | 'api_key';
  /** The acting user: a person, or the machine user a key belongs to. */
  userId: string;
  workspaceId: string;
  role: Role;
  plan: PlanName;
  /** Grants of the key; null for a session (a session may use every route its role allows). */
  scopes: string[] | null;
  /** The key of a key request; a key it mints or rotates may not outlive or outpace it. */
  apiKey?: { id: string; type: 'secret' | 'publishable'; rateLimit: number | null; expiresAt: Date | null };
  sessionId?: string;
  allowedHostnames: string[];
}

/** A session may be signed in before any workspace exists for it (or after leaving the last one). */
export interface SessionUser {
  userId: string;
  sessionId: string;
}

export interface AuthenticatedRequest extends FastifyRequest {
  auth?: AuthContext;
  sessionUser?: SessionUser;
}

/** Injects the caller's AuthContext into a handler. */
export const Auth = createParamDecorator((_data: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new Error('@Auth() used on a route without @Authenticated()');
  return auth;
});

/** Injects the signed-in user of a session-only route that does not need a workspace. */
export const CurrentSession = createParamDecorator((_data: unknown, context: ExecutionContext): SessionUser => {
  const sessionUser = context.switchToHttp().getRequest<AuthenticatedRequest>().sessionUser;
  if (!sessionUser) throw new Error('@CurrentSession() used on a route without a session');
  return sessionUser;
});
