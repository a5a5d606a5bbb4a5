import { isIP } from 'node:net';
import {
  destinationUrlProblem,
  isLoopbackHost,
  isPublicAddress,
  isReservedSlug,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
} from '@app/common';
import { isISO31661Alpha2 } from 'class-validator';

/**
 * The pure rules of a link's fields, shared by the request DTOs (so every problem of a request is
 * reported together) and the service. Each `…Problem` returns what is wrong, or null.
 */

export const GEO_MAX_ENTRIES = 250;
export const RANDOM_SLUG_LENGTH = 7;

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

/** A custom scheme an app registers (`myapp`, `fb123`, `com.example.shop`): 2–32 characters, a letter first. */
const APP_SCHEME = /^([a-z][a-z0-9+.-]{1,31}):(.+)$/i;
/** Schemes that run code, read local data or are no app's: never a destination, whatever the pattern allows. */
const REFUSED_SCHEMES = new Set([
  'javascript',
  'vbscript',
  'data',
  'file',
  'blob',
  'about',
  'filesystem',
  'content',
  'chrome',
  'view-source',
  'intent',
  'jar',
  'resource',
  'ws',
  'wss',
  'ftp',
]);

/** Whether a (valid) destination is an app URL of a custom scheme (`myapp://product/42`) rather than http(s). */
export function isAppUrl(url: string): boolean {
  const match = APP_SCHEME.exec(url);
  return match !== null && !/^https?$/i.test(match[1]);
}

/**
 * Why `value` cannot be an iOS or Android destination: an http(s) destination (a web page or a universal / app link),
 * or an app URL of a custom scheme (`myapp://path`) that opens the installed app — not a scheme that runs code or
 * reads local data (`javascript:`, `data:`, `file:`, `vbscript:`, …); no spaces or control characters.
 */
export function deviceDestinationProblem(value: unknown): string | null {
  if (typeof value !== 'string' || /^https?:/i.test(value) || !APP_SCHEME.test(value))
    return destinationUrlProblem(value);
  if (value.length > 2048) return 'must be at most 2048 characters';
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code <= 0x20 || code === 0x7f) return 'must not contain spaces or control characters';
  }
  const scheme = APP_SCHEME.exec(value)![1].toLowerCase();
  if (REFUSED_SCHEMES.has(scheme))
    return `must not use the ${scheme}: scheme (an http(s) URL or an app URL such as myapp://path)`;
  try {
    new URL(value);
  } catch {
    return 'must be a valid URL';
  }
  return null;
}

/**
 * Why `value` cannot be a social preview image: the destination rule, and a public host, since every crawler that
 * previews the link fetches it (no private-network or loopback IP, no localhost, no single-label or .local name).
 */
export function previewImageProblem(value: unknown): string | null {
  const problem = destinationUrlProblem(value);
  if (problem) return problem;
  const hostname = new URL(value as string).hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const privateHost =
    isLoopbackHost(hostname) ||
    (isIP(hostname) !== 0
      ? !isPublicAddress(hostname)
      : !hostname.includes('.') || /\.(?:local|internal)$/.test(hostname));
  return privateHost ? 'must be on a public host, not a private or local address' : null;
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

/** The short link of `domain`/`slug` on this server: SHORT_DOMAIN is the default domain, PUBLIC_URL gives its scheme. */
export function serverShortLink(config: { SHORT_DOMAIN: string; PUBLIC_URL: string }, domain: string, slug: string) {
  const defaultScheme = config.PUBLIC_URL.startsWith('https://') ? 'https' : 'http';
  return shortLinkUrl(domain, slug, config.SHORT_DOMAIN.toLowerCase(), defaultScheme);
}
