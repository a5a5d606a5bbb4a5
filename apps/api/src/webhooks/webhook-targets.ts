import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
// Files, not the @app/common index: this runs in the webhook delivery thread, which loads only what it needs.
import { AppConfig } from '@app/common/config/app-config';
import { isPublicAddress } from '@app/common/public-address';

/** An address a delivery may connect to, or why none may be. */
export type ResolvedTarget = { address: string; family: 4 | 6 } | { refused: string };

const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * Resolves webhook hosts once per delivery and says which address to connect to. The sender then connects to
 * exactly that address (with the URL's host in the Host header and TLS SNI), so DNS cannot answer one address to
 * this check and another to the connection. DNS_SERVERS, when set, are asked instead of the system resolver.
 */
@Injectable()
export class WebhookTargets {
  private readonly resolver: dns.Resolver | null;

  constructor(private readonly config: AppConfig) {
    const servers = config.dnsServers;
    this.resolver = servers.length > 0 ? new dns.Resolver({ timeout: RESOLVE_TIMEOUT_MS, tries: 2 }) : null;
    this.resolver?.setServers(servers);
  }

  /** Why a URL cannot be a webhook (scheme, form), before any DNS lookup; null when it may be. */
  refuseUrl(raw: string): string | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'url must be an absolute URL';
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.config.WEBHOOK_ALLOW_HTTP))
      return this.config.WEBHOOK_ALLOW_HTTP ? 'url must use http or https' : 'url must use https';
    if (url.username || url.password) return 'url must not contain credentials';
    return null;
  }

  /** The address to connect to for this URL's host, every address checked; refused when any is not public. */
  async resolve(raw: string): Promise<ResolvedTarget> {
    const refusedUrl = this.refuseUrl(raw);
    if (refusedUrl) return { refused: refusedUrl };
    const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
    let addresses: { address: string; family: 4 | 6 }[];
    try {
      addresses = await this.lookup(host);
    } catch (error) {
      return { refused: `could not resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
    }
    if (addresses.length === 0) return { refused: `${host} has no address` };
    if (!this.config.WEBHOOK_ALLOW_PRIVATE_TARGETS) {
      const internal = addresses.find(({ address }) => !isPublicAddress(address));
      if (internal) return { refused: `${host} resolves to ${internal.address}, which is not a public address` };
    }
    return addresses[0];
  }

  private async lookup(host: string): Promise<{ address: string; family: 4 | 6 }[]> {
    const literal = isIP(host);
    if (literal) return [{ address: host, family: literal as 4 | 6 }];
    if (!this.resolver) {
      const found = await dns.lookup(host, { all: true, verbatim: true });
      return found.map(({ address, family }) => ({ address, family: family as 4 | 6 }));
    }
    const [v4, v6] = await Promise.all([
      this.resolver.resolve4(host).catch(() => [] as string[]),
      this.resolver.resolve6(host).catch(() => [] as string[]),
    ]);
    return [
      ...v4.map((address) => ({ address, family: 4 as const })),
      ...v6.map((address) => ({ address, family: 6 as const })),
    ];
  }
}
