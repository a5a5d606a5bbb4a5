import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@app/database';
import { PlanFeature } from '@app/plans';
import type { Scope } from './scopes';

export const ACCESS_RULE_KEY = 'linktrace:access';

export interface AuthenticatedOptions {
  /** Route groups whose scope opens the route (any of them); GET routes also accept `<scope>:read`. */
  scopes?: Scope[];
  /** Any secret key opens it, whatever its scopes (e.g. `GET /api/auth/me`). */
  anyScope?: boolean;
  /** Dashboard-only: a Bearer key gets 403 session_required. */
  session?: boolean;
  /** Publishable keys may call it (conversion writes). */
  publishable?: boolean;
  /** Plan feature gate (403 plan_upgrade_required). */
  plan?: PlanFeature;
  /** Membership roles allowed; default every role. */
  roles?: Role[];
  /** Set false for session routes that work before any workspace is chosen. */
  workspace?: boolean;
}

export type AccessRule =
  { kind: 'public'; identify: boolean } | { kind: 'admin' } | ({ kind: 'authenticated' } & AuthenticatedOptions);

export const SECURITY_SCHEMES = {
  session: 'session',
  apiKey: 'apiKey',
  publishableKey: 'publishableKey',
  admin: 'adminToken',
} as const;

/**
 * The one access decorator: metadata for the global AuthGuard, the plan gate, and the OpenAPI security,
 * `x-scopes` and `x-plan` entries — one place states who may call a route.
 */
export function Authenticated(options: AuthenticatedOptions = {}): MethodDecorator & ClassDecorator {
  if (!options.session && !options.anyScope && !options.scopes?.length) {
    throw new Error('@Authenticated() on a key-accessible route needs at least one scope (or session: true)');
  }
  const decorators = [
    SetMetadata(ACCESS_RULE_KEY, { kind: 'authenticated', ...options } satisfies AccessRule),
    ApiCookieAuth(SECURITY_SCHEMES.session),
  ];
  if (!options.session) decorators.push(ApiBearerAuth(SECURITY_SCHEMES.apiKey));
  if (options.publishable) decorators.push(ApiSecurity(SECURITY_SCHEMES.publishableKey));
  decorators.push(ApiExtension('x-scopes', options.session || options.anyScope ? [] : options.scopes));
  if (options.roles) decorators.push(ApiExtension('x-roles', options.roles));
  if (options.plan) decorators.push(PlanFeature(options.plan));
  return applyDecorators(...decorators);
}

/** `@Scopes('links')`: shorthand for `@Authenticated({ scopes: ['links'] })`. */
export function Scopes(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return Authenticated({ scopes });
}

/** No credential needed; with `identify`, a credential that is sent is still resolved (never refused). */
export function Public(options: { identify?: boolean } = {}): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_RULE_KEY, { kind: 'public', identify: options.identify ?? false } satisfies AccessRule);
}

/** Operator routes: `Authorization: Bearer $ADMIN_TOKEN`; disabled when ADMIN_TOKEN is unset. */
export function AdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE_KEY, { kind: 'admin' } satisfies AccessRule),
    ApiBearerAuth(SECURITY_SCHEMES.admin),
  );
}
