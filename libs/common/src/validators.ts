import { BlockList, isIP } from 'node:net';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';

export const MAX_URL_LENGTH = 8192;

const ALLOWED_SCHEMES = /^https?:\/\//i;
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Why `value` cannot be a destination a redirect sends to (a link's url, ios, android, geo and expiredUrl, a
 * domain's rootUrl, notFoundUrl and expiredUrl), or null: an absolute http(s) URL without credentials, spaces or
 * control characters (they would break the `Location` header), at most 8192 characters. The one rule for all.
 */
export function destinationUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'must not be empty';
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
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

/** class-validator: a destination URL (destinationUrlProblem), said in the OpenAPI schema too. */
export function IsDestinationUrl(options: ValidationOptions = {}): PropertyDecorator {
  const validate = (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDestinationUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => destinationUrlProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${destinationUrlProblem(args?.value)}`,
      },
    });
  // The swagger plugin cannot see into the validator.
  return applyDecorators(validate, ApiProperty({ type: String, format: 'uri', maxLength: MAX_URL_LENGTH }));
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

/** Host of a URL as the short-link router sees it: lower-case, no trailing dot, port only when not the default. */
export function hostOf(url: string): { host: string; hostname: string } {
  const parsed = new URL(url);
  const hostname = parsed.hostname.replace(/\.$/, '');
  return { hostname, host: parsed.port ? `${hostname}:${parsed.port}` : hostname };
}

/** What this server answers as: its host names (`host` or `host:port`) and the ports it is reached on locally. */
export interface OwnOrigins {
  /** Short domains. One with a port matches that port only; one without, any port. */
  hosts: readonly string[];
  /** Ports on which a loopback address (localhost, 127.x, ::1, ::ffff:127.x, 0.0.0.0) reaches this server. */
  loopbackPorts: ReadonlySet<number>;
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('0.0.0.0', 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addAddress('::', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
LOOPBACK.addAddress('::ffff:0.0.0.0', 'ipv6');

/** localhost, *.localhost and loopback or unspecified IP literals, in any spelling the URL parser normalises. */
export function isLoopbackHost(hostname: string): boolean {
  const name = hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Whether a destination leads back to this server, so a redirect there would loop: one of its host names,
 * or a loopback address on a port it answers on (`http://[::ffff:127.0.0.1]:3000/x` for a server on 3000).
 */
export function pointsToOwnOrigin(url: string, own: OwnOrigins): boolean {
  const parsed = new URL(url);
  const { host, hostname } = hostOf(url);
  if (own.hosts.some((domain) => (domain.includes(':') ? domain === host : domain === hostname))) return true;
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  return isLoopbackHost(hostname) && own.loopbackPorts.has(port);
}

/** Longer than any ISO 8601 time a client sends (`2026-01-31T23:59:59.999+05:30` is 29). */
export const MAX_DATE_TIME_LENGTH = 40;

/**
 * class-validator: an ISO 8601 time (strict: a real date; `strictSeparator`: a `T` between date and time), at most
 * MAX_DATE_TIME_LENGTH characters, and so documented in the OpenAPI schema.
 */
export function IsIsoDateTime({ strictSeparator = true } = {}): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator }),
    MaxLength(MAX_DATE_TIME_LENGTH),
    ApiProperty({ type: String, format: 'date-time', maxLength: MAX_DATE_TIME_LENGTH }),
  );
}

/** An IANA zone name the runtime knows (Region/City, UTC). */
export function isTimeZone(value: unknown): boolean {
  // Names only: offsets like +01:00 mean the opposite sign to PostgreSQL (POSIX).
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** class-validator: an IANA time zone (isTimeZone), named in the message. */
export function IsTimeZone(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: isTimeZone,
        defaultMessage: () => `${String(propertyName)} must be an IANA time zone, e.g. Europe/Paris`,
      },
    });
}
