import type { DomainEntity } from '@app/database';
import type { DnsRecord } from './dns-verifier.service';
import type { DomainDto } from './dto/domain.dto';

export function toDomainDto(domain: DomainEntity, dnsRecords: DnsRecord[]): DomainDto {
  return {
    id: domain.id,
    domain: domain.hostname,
    status: domain.status,
    verified: domain.status !== 'pending',
    verifiedAt: domain.verifiedAt?.toISOString() ?? null,
    lastCheckedAt: domain.lastCheckedAt?.toISOString() ?? null,
    lastCheckError: domain.lastCheckError,
    dnsRecords,
    notFoundUrl: domain.notFoundUrl,
    rootUrl: domain.rootUrl,
    expiredUrl: domain.expiredUrl,
    noIndex: domain.noIndex,
    createdAt: domain.createdAt.toISOString(),
    updatedAt: domain.updatedAt.toISOString(),
  };
}
