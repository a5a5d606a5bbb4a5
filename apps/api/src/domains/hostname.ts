import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type HostnameCheck = { ok: true; hostname: string } | { ok: false; reason: string };

/**
 * Normalises what a user typed as a custom domain — case, a trailing dot, Unicode (IDN → punycode) — and
 * refuses what can never be one: URLs, IP addresses, bare public suffixes (`co.uk`, `github.io`), unknown
 * top-level domains, and our own hosts.
 */
export function checkHostname(input: string, ownHosts: string[]): HostnameCheck {
  const trimmed = input.trim().toLowerCase().replace(/\.$/, '');
  if (trimmed.length === 0) return { ok: false, reason: 'domain is required' };
  if (/[/:@?#\s]/.test(trimmed) && !isIP(trimmed.replace(/^\[|\]$/g, ''))) {
    return { ok: false, reason: 'domain must be a host name such as go.example.com, not a URL' };
  }
  if (isIP(trimmed) || isIP(trimmed.replace(/^\[|\]$/g, '')))
    return { ok: false, reason: 'domain must be a host name, not an IP address' };
  const hostname = domainToASCII(trimmed);
  if (!hostname || hostname.length > 253 || !hostname.split('.').every((label) => LABEL.test(label))) {
    return { ok: false, reason: 'domain is not a valid host name' };
  }
  const parsed = parse(hostname, { allowPrivateDomains: true });
  if (!parsed.isIcann && !parsed.isPrivate)
    return { ok: false, reason: `domain has an unknown top-level domain (.${parsed.publicSuffix})` };
  if (!parsed.domain) return { ok: false, reason: `${hostname} is a public suffix; use a domain registered under it` };
  if (ownHosts.includes(hostname)) return { ok: false, reason: `${hostname} is LinkTrace's own domain` };
  return { ok: true, hostname };
}
