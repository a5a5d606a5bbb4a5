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
    const [error] = await this.findLoops([destinations], alsoOwn);
    if (error) throw error;
  }

  /** For each request of many (a bulk or an import), its 400 as `assertNone` would throw it, or null: one query. */
  async findLoops(requests: Destination[][], alsoOwn: string[] = []): Promise<(AppException | null)[]> {
    const present = requests.map((destinations) =>
      destinations.filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
    const hostnames = [...new Set(present.flat().map(([, url]) => hostOf(url).hostname))];
    if (hostnames.length === 0) return requests.map(() => null);
    const own: OwnOrigins = {
      hosts: [...this.ownHosts, ...alsoOwn, ...(await this.repository.claimedAmong(hostnames))],
      loopbackPorts: this.loopbackPorts,
    };
    return present.map((destinations) => {
      const errors: FieldError[] = destinations
        .filter(([, url]) => pointsToOwnOrigin(url, own))
        .map(([field]) => ({
          field,
          message: `${field} points to this server (a short link domain or a loopback address); a redirect there would loop`,
        }));
      return errors.length > 0 ? AppException.badRequest('Validation failed', errors) : null;
    });
  }
}
