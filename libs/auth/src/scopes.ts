/** The route groups a secret key can be granted (docs/API.md, Authentication). `<scope>:read` grants only GET routes. */
export const SCOPES = [
  'links',
  'analytics',
  'conversions',
  'domains',
  'folders',
  'tags',
  'utm_templates',
  'api_keys',
  'webhooks',
] as const;
export type Scope = (typeof SCOPES)[number];
export type ScopeGrant = Scope | `${Scope}:read`;

export const ALL_SCOPE_GRANTS: readonly ScopeGrant[] = SCOPES.flatMap((scope) => [scope, `${scope}:read` as const]);

export function isScopeGrant(value: string): value is ScopeGrant {
  return (ALL_SCOPE_GRANTS as readonly string[]).includes(value);
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toUpperCase());
}

/**
 * Whether a key's grants open a route that accepts any of `routeScopes`:
 * the full scope always does, `<scope>:read` only on read methods.
 */
export function grantsAccess(grants: readonly string[], routeScopes: readonly Scope[], method: string): boolean {
  const read = isReadMethod(method);
  return routeScopes.some((scope) => grants.includes(scope) || (read && grants.includes(`${scope}:read`)));
}

/** The scope named in "Missing required scope: …": the least grant that would open the route. */
export function missingScopeName(routeScopes: readonly Scope[], method: string): string {
  return isReadMethod(method) ? `${routeScopes[0]}:read` : routeScopes[0];
}

/** Whether `holder` may hand out `grant` (no escalation): `links` covers `links:read`, not the reverse. */
export function coversGrant(holder: readonly string[], grant: string): boolean {
  if (holder.includes(grant)) return true;
  return grant.endsWith(':read') && holder.includes(grant.slice(0, -':read'.length));
}
