import { Injectable } from '@nestjs/common';
import { AppConfig, AppException } from '@app/common';
import { shortLinkUrl } from './link-rules';

/**
 * Which short domains links may use, and what they look like. Only the default short domain exists
 * for now; custom domains (their own issue) plug in here: `resolve` will look the requested domain up
 * among the workspace's verified domains, and `shortDomains` will include every verified domain.
 */
@Injectable()
export class LinkDomainsService {
  readonly defaultDomain: string;
  private readonly defaultScheme: 'http' | 'https';

  constructor(config: AppConfig) {
    this.defaultDomain = config.SHORT_DOMAIN.toLowerCase();
    this.defaultScheme = config.PUBLIC_URL.startsWith('https://') ? 'https' : 'http';
  }

  /** The domain a link of this workspace gets: the requested one when the workspace may use it, else 400. */
  async resolve(_workspaceId: string, requested: string | undefined): Promise<string> {
    if (requested === undefined) return this.defaultDomain;
    const domain = requested.trim().toLowerCase().replace(/\.$/, '');
    if (domain === this.defaultDomain) return domain;
    throw AppException.invalidField(
      'domain',
      `Domain ${requested} is not available: links can only use the default short domain ${this.defaultDomain} until custom domains are supported`,
    );
  }

  /** Hosts whose links this server answers: a destination on one of them would redirect to itself. */
  shortDomains(): readonly string[] {
    return [this.defaultDomain];
  }

  shortLink(domain: string, slug: string): string {
    return shortLinkUrl(domain, slug, this.defaultDomain, this.defaultScheme);
  }
}
