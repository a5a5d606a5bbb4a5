import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';

/**
 * Which short domain a request is for. The one place that decides: today only the default short
 * domain (SHORT_DOMAIN) serves links; verified custom domains plug in here.
 */
@Injectable()
export class ShortDomainResolver {
  private readonly defaultDomain: string;
  private readonly keepPort: boolean;

  constructor(config: AppConfig) {
    this.defaultDomain = config.SHORT_DOMAIN.toLowerCase();
    this.keepPort = hostWithoutPort(this.defaultDomain) !== this.defaultDomain;
  }

  /**
   * The domain (as stored on links) named by the request's Host, or null when no link is served there.
   * Lower-case; the port is kept only when SHORT_DOMAIN has one (`localhost:3000`), so `go.example.com:443`
   * is `go.example.com`.
   */
  resolve(host: string | undefined): string | null {
    if (!host) return null;
    const lower = host.toLowerCase();
    const domain = this.keepPort ? lower : hostWithoutPort(lower);
    return domain === this.defaultDomain ? domain : null;
  }
}

function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}
