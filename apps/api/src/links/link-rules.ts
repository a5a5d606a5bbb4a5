import { isReservedSlug, SLUG_MAX_LENGTH, SLUG_PATTERN } from '@app/common';
import { isISO31661Alpha2 } from 'class-validator';

/**
 * The pure rules of a link's fields, shared by the request DTOs (so every problem of a request is
 * reported together) and the service. Each `…Problem` returns what is wrong, or null.
 */

export const URL_MAX_LENGTH = 8192;
export const GEO_MAX_ENTRIES = 250;
export const RANDOM_SLUG_LENGTH = 7;

const ALLOWED_SCHEMES = /^https?:\/\//i;
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/** Why `value` cannot be a destination: an absolute http(s) URL, without credentials, at most 8192 characters. */
export function destinationUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'must not be empty';
  if (value.length > URL_MAX_LENGTH) return `must be at most ${URL_MAX_LENGTH} characters`;
  if (hasSpaceOrControlCharacter(value)) return 'must not contain spaces or control characters';
  if (!ALLOWED_SCHEMES.test(value)) {
    const otherScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^https?:/i.test(value);
    return otherScheme ? 'must use http or https' : 'must be an absolute http(s) URL, e.g. https://example.com/page';
  }
  const url = authorityOf(value) === '' ? null : parseUrl(value);
  if (!url) return 'must be a valid URL';
  if (url.username || url.password || authorityOf(value).includes('@'))
    return 'must not contain credentials (user:password@)';
  if (!isValidHost(url.hostname)) return 'must have a valid host name';
  return null;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** WHATWG URL parsing silently drops tabs and newlines ("java\nscript:"), so they are refused before parsing. */
function hasSpaceOrControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The raw `user:pass@host:port` part, so an empty `@` (which the parser drops) is still seen. */
function authorityOf(value: string): string {
  const afterScheme = value.slice(value.indexOf('//') + 2);
  const end = afterScheme.search(/[/?#\\]/);
  return end === -1 ? afterScheme : afterScheme.slice(0, end);
}

function isValidHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return true; // IPv6 literal, already validated by the URL parser
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label));
}

/** Why `value` cannot be a custom slug. */
export function slugProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0 || value.length > SLUG_MAX_LENGTH) return `must be 1 to ${SLUG_MAX_LENGTH} characters`;
  if (!SLUG_PATTERN.test(value)) return 'may only contain letters, digits, "_" and "-"';
  if (isReservedSlug(value)) return `"${value}" is reserved (as are slugs starting with "api" or "_")`;
  return null;
}

/** Why `value` cannot be a geo-targeting map: `{ "US": "https://…" }`, at most 250 entries. */
export function geoProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'must be an object of country code → URL';
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > GEO_MAX_ENTRIES) return `must have at most ${GEO_MAX_ENTRIES} entries`;
  for (const [country, url] of entries) {
    if (!/^[A-Z]{2}$/.test(country) || !isISO31661Alpha2(country))
      return `key "${country}" is not an upper-case ISO 3166-1 alpha-2 country code`;
    const problem = destinationUrlProblem(url);
    if (problem) return `${country} ${problem}`;
  }
  return null;
}

/** Host of a URL as the short-link router sees it: lower-case, no trailing dot, port only when not the default. */
export function hostOf(url: string): { host: string; hostname: string } {
  const parsed = new URL(url);
  const hostname = parsed.hostname.replace(/\.$/, '');
  return { hostname, host: parsed.port ? `${hostname}:${parsed.port}` : hostname };
}

/**
 * Whether a destination points back at a short domain (it would redirect to itself). A short domain
 * configured with a port matches that port only; one without a port matches the host on any port.
 */
export function pointsToShortDomain(url: string, shortDomains: readonly string[]): boolean {
  const { host, hostname } = hostOf(url);
  return shortDomains.some((domain) => (domain.includes(':') ? domain === host : domain === hostname));
}

/**
 * Adds `name=value` to a URL's query unless the URL already has that parameter; the rest of the
 * query string is kept byte for byte (URLSearchParams would re-encode it).
 */
export function withQueryParameter(url: string, name: string, value: string): string {
  const hashIndex = url.indexOf('#');
  const beforeHash = hashIndex === -1 ? url : url.slice(0, hashIndex);
  const hash = hashIndex === -1 ? '' : url.slice(hashIndex);
  if (new URL(url).searchParams.has(name)) return url;
  const separator = beforeHash.includes('?') ? (beforeHash.endsWith('?') || beforeHash.endsWith('&') ? '' : '&') : '?';
  return `${beforeHash}${separator}${encodeURIComponent(name)}=${encodeURIComponent(value)}${hash}`;
}

/**
 * The public short link. The default short domain takes PUBLIC_URL's scheme (plain http in local
 * setups); other domains are served over https, except localhost and hosts with an explicit port,
 * which are development setups without TLS.
 */
export function shortLinkUrl(
  domain: string,
  slug: string,
  defaultDomain: string,
  defaultScheme: 'http' | 'https',
): string {
  const isDevelopmentHost = domain.includes(':') || domain === 'localhost' || domain.endsWith('.localhost');
  const scheme = domain === defaultDomain ? defaultScheme : isDevelopmentHost ? 'http' : 'https';
  return `${scheme}://${domain}/${slug}`;
}
