import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { DomainsService } from '../domains/domains.service';
import { serverShortLink } from './link-rules';

/** Which short domains links may use, and what their short links look like. */
@Injectable()
export class LinkDomainsService {
  readonly defaultDomain: string;

  constructor(
    private readonly config: AppConfig,
    private readonly domains: DomainsService,
  ) {
    this.defaultDomain = config.SHORT_DOMAIN.toLowerCase();
  }

  /** The domain a link of this workspace gets: the default, or one of its verified custom domains (else 400). */
  async resolve(workspaceId: string, requested: string | undefined): Promise<string> {
    if (requested === undefined) return this.defaultDomain;
    const domain = requested.trim().toLowerCase().replace(/\.$/, '');
    if (domain === this.defaultDomain) return domain;
    return this.domains.usableForLinks(workspaceId, domain);
  }

  shortLink(domain: string, slug: string): string {
    return serverShortLink(this.config, domain, slug);
  }
}
