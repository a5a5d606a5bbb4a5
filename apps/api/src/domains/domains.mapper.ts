import type { DomainApps, DomainEntity } from '@app/database';
import type { DomainAppsDto } from './dto/domain-apps.dto';
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
    apps: domain.apps ? { ios: domain.apps.ios ?? null, android: domain.apps.android ?? null } : null,
    createdAt: domain.createdAt.toISOString(),
    updatedAt: domain.updatedAt.toISOString(),
  };
}

/** The request's apps as stored: defaults filled in, null when neither platform is set. */
export function toDomainApps(dto: DomainAppsDto | null): DomainApps | null {
  const apps: DomainApps = {};
  if (dto?.ios)
    apps.ios = {
      appId: dto.ios.appId,
      teamId: dto.ios.teamId,
      paths: dto.ios.paths ?? ['*'],
      webCredentials: dto.ios.webCredentials ?? false,
    };
  if (dto?.android)
    apps.android = {
      packageName: dto.android.packageName,
      sha256CertFingerprints: dto.android.sha256CertFingerprints,
      paths: dto.android.paths ?? ['*'],
    };
  return apps.ios || apps.android ? apps : null;
}
