import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, FieldError, hostOf, OwnOrigins, pointsToOwnOrigin } from '@app/common';
import { DomainsRepository } from './domains.repository';

/** `[field, url]` of a request; absent and null URLs are skipped. */
export type Destination = [field: string, url: string | null | undefined];

/**
 * Refuses destinations that lead back to this server (a redirect loop): the default short domain, any claimed
 * custom domain, and loopback addresses (localhost, 127.x, ::1, ::ffff:127.0.0.1, in any spelling) on the ports
 * the server is reached on (PORT, PUBLIC_URL's, the short domain's). Used for every destination a redirect can send to: links' and domains' URLs.
 */
@Injectable()
export class DestinationLoopsService {
  private readonly ownHosts: string[];
  private readonly loopbackPorts: Set<number>;

  constructor(
    config: AppConfig,
    private readonly repository: DomainsRepository,
  ) {
    const publicUrl = new URL(config.PUBLIC_URL);
    // The PUBLIC_URL host is not among them: unless it is also the short domain it serves no short links, so a
    // link to the dashboard (`https://app.example.com/app`) redirects once and stops.
    this.ownHosts = [config.SHORT_DOMAIN.toLowerCase()];
    const shortDomainPort = config.SHORT_DOMAIN.split(':')[1];
    this.loopbackPorts = new Set([
      config.PORT,
      Number(publicUrl.port || (publicUrl.protocol === 'https:' ? 443 : 80)),
      // A short domain without a port is served on the standard ports, by this server or a proxy before it.
      ...(shortDomainPort ? [Number(shortDomainPort)] : [80, 443]),
    ]);
  }

  /** 400 naming every field whose URL leads back to this server. `alsoOwn`: hosts being configured right now. */
  async assertNone(destinations: Destination[], alsoOwn: string[] = []): Promise<void> {
    const present = destinations.filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    if (present.length === 0) return;
    const hostnames = [...new Set(present.map(([, url]) => hostOf(url).hostname))];
    const own: OwnOrigins = {
      hosts: [...this.ownHosts, ...alsoOwn, ...(await this.repository.claimedAmong(hostnames))],
      loopbackPorts: this.loopbackPorts,
    };
    const errors: FieldError[] = present
      .filter(([, url]) => pointsToOwnOrigin(url, own))
      .map(([field]) => ({
        field,
        message: `${field} points to this server (a short link domain or a loopback address); a redirect there would loop`,
      }));
    if (errors.length > 0) throw AppException.badRequest('Validation failed', errors);
  }
}
