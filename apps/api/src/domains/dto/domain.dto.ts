import type { DomainStatus } from '@app/database';
import { DomainAppsViewDto } from './domain-apps.dto';

export class DnsRecordDto {
  type: 'TXT' | 'CNAME' | 'A';
  name: string;
  value: string;
}

export class DnsCheckDto extends DnsRecordDto {
  /** What DNS answered. */
  found: string[];
  ok: boolean;
}

export class DomainDto {
  /** `dom_…` */
  id: string;
  /** The host name (punycode for IDN). */
  domain: string;
  /** `pending` until DNS verifies it; `failing` when a daily re-check stops finding the records. */
  status: DomainStatus;
  verified: boolean;
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  lastCheckError: string | null;
  /** The records to create at your DNS provider: the TXT challenge, and a CNAME (or, for an apex domain, an A record). */
  dnsRecords: DnsRecordDto[];
  notFoundUrl: string | null;
  rootUrl: string | null;
  expiredUrl: string | null;
  noIndex: boolean;
  /** The apps that open the domain's links (deep links); null when none. */
  apps: DomainAppsViewDto | null;
  createdAt: string;
  updatedAt: string;
}

export class DomainVerificationDto {
  verified: boolean;
  /** Each record checked and what DNS answered. */
  checks: DnsCheckDto[];
  /** What is missing or wrong, one sentence per problem. */
  problems: string[];
  domain: DomainDto;
}

export class DomainAvailabilityDto {
  /** The normalised host name. */
  domain: string;
  /** False when another workspace has verified it, or this workspace already added it. */
  available: boolean;
  reason: string | null;
}

export class DomainPageDto {
  data: DomainDto[];
  nextCursor: string | null;
}
