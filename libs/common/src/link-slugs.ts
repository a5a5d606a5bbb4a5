/**
 * Slug rules shared by the links API (which refuses them) and the redirect (which must never shadow
 * the server's own paths). The one place the reserved words live.
 */

/** Paths the server itself answers on the short domain, or may soon: a link there would hide them. */
export const RESERVED_SLUGS: readonly string[] = [
  'api',
  'docs',
  'app',
  'admin',
  'metrics',
  'health',
  'static',
  'assets',
  'favicon.ico',
  'robots.txt',
];

/** Prefixes kept for the server (`/api…` routes, `/_…` internals). */
export const RESERVED_SLUG_PREFIXES: readonly string[] = ['api', '_'];

export const SLUG_MAX_LENGTH = 190;

/** Letters, digits, `_` and `-`; no `/`, so a slug is always exactly one path segment. */
export const SLUG_PATTERN = /^[A-Za-z0-9_-]+$/;

/** Reserved words match case-insensitively: `/Docs` must not become a link that `/docs` users stumble on. */
export function isReservedSlug(slug: string): boolean {
  const lower = slug.toLowerCase();
  return RESERVED_SLUGS.includes(lower) || RESERVED_SLUG_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
