import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { assertWorkspaceAccess, AuthContext } from '@app/auth';
import {
  AppConfig,
  AppException,
  decodeCursor,
  LinkChangesService,
  newId,
  Page,
  PageQueryDto,
  toPage,
} from '@app/common';
import { DomainEntity, isUniqueViolation } from '@app/database';
import { assertPlanIncludes, assertWithinQuota } from '@app/plans';
import { DestinationLoopsService } from './destination-loops.service';
import { DnsVerifier } from './dns-verifier.service';
import { toDomainApps, toDomainDto } from './domains.mapper';
import { DomainsRepository } from './domains.repository';
import type { CreateDomainDto } from './dto/create-domain.dto';
import type { DomainAvailabilityDto, DomainDto, DomainVerificationDto } from './dto/domain.dto';
import type { UpdateDomainDto } from './dto/update-domain.dto';
import { checkHostname } from './hostname';
import { serverShortLink } from '../links/link-rules';
import { toLinkDto } from '../links/links.mapper';

const NOT_FOUND = 'Domain not found';

@Injectable()
export class DomainsService {
  private readonly logger = new Logger(DomainsService.name);

  constructor(
    private readonly repository: DomainsRepository,
    private readonly dns: DnsVerifier,
    private readonly config: AppConfig,
    private readonly linkChanges: LinkChangesService,
    private readonly loops: DestinationLoopsService,
  ) {}

  async list(auth: AuthContext, query: PageQueryDto): Promise<Page<DomainDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.list(auth.workspaceId, decodeCursor(query.cursor), limit + 1);
    return toPage(
      rows,
      limit,
      (row) => row.position,
      (row) => this.toDto(row.entity),
    );
  }

  async check(auth: AuthContext, input: string): Promise<DomainAvailabilityDto> {
    const hostname = this.normalize(input);
    const unavailable = this.unavailableReason(auth, await this.repository.findByHostname(hostname));
    return { domain: hostname, available: unavailable === null, reason: unavailable };
  }

  async create(auth: AuthContext, dto: CreateDomainDto): Promise<DomainDto> {
    const hostname = this.normalize(dto.domain);
    if (dto.apps) assertPlanIncludes(auth.plan, 'deepLinks');
    const unavailable = this.unavailableReason(auth, await this.repository.findByHostname(hostname));
    if (unavailable) throw AppException.conflict(`${hostname}: ${unavailable}`);
    try {
      const domain = await this.repository.insertWithinQuota(
        {
          id: newId('domain'),
          workspaceId: auth.workspaceId,
          hostname,
          verificationToken: randomBytes(16).toString('hex'),
          apps: toDomainApps(dto.apps ?? null),
        },
        (plan, count) => assertWithinQuota(plan, 'domains', count),
      );
      return this.toDto(domain);
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict(`${hostname}: already added to this workspace`);
      throw error;
    }
  }

  async update(auth: AuthContext, id: string, dto: UpdateDomainDto): Promise<DomainDto> {
    if (dto.apps) assertPlanIncludes(auth.plan, 'deepLinks');
    const domain = assertWorkspaceAccess(auth, await this.repository.findById(id), NOT_FOUND);
    await this.loops.assertNone(
      [
        ['rootUrl', dto.rootUrl],
        ['notFoundUrl', dto.notFoundUrl],
        ['expiredUrl', dto.expiredUrl],
      ],
      [domain.hostname],
    );
    const { apps, ...metadata } = dto;
    const updated = await this.repository.update(domain.id, {
      ...metadata,
      ...(apps !== undefined && { apps: toDomainApps(apps) }),
    });
    this.linkChanges.publish({ domain: domain.hostname });
    return this.toDto(updated);
  }

  async verify(auth: AuthContext, id: string): Promise<DomainVerificationDto> {
    const domain = assertWorkspaceAccess(auth, await this.repository.findById(id), NOT_FOUND);
    const result = await this.dns.verify(domain.hostname, domain.verificationToken);
    let updated: DomainEntity;
    try {
      updated = await this.repository.recordCheck(
        domain,
        {
          lastCheckedAt: new Date(),
          lastCheckError: result.verified ? null : result.problems.join('; '),
          ...(result.verified && { status: 'verified', verifiedAt: domain.verifiedAt ?? new Date() }),
        },
        (changed) => this.toDto(changed),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'domains_hostname_claimed_key'))
        throw AppException.conflict(`${domain.hostname}: verified by another workspace`);
      throw error;
    }
    if (updated.status !== domain.status) this.linkChanges.publish({ domain: domain.hostname });
    return { verified: result.verified, checks: result.checks, problems: result.problems, domain: this.toDto(updated) };
  }

  /** 409 while links use the domain; with `force`, those links are archived (never deleted) first. */
  async delete(auth: AuthContext, id: string, force: boolean): Promise<void> {
    const domain = assertWorkspaceAccess(auth, await this.repository.findById(id), NOT_FOUND);
    const linkCount = await this.repository.countLinks(domain.workspaceId, domain.hostname);
    if (linkCount > 0 && !force) {
      throw AppException.conflict(
        `${domain.hostname} is used by ${linkCount} link(s); move them first or delete with ?force=true to archive them`,
      );
    }
    // The archived links' `link.updated` events carry them as GET /api/v1/links/:id returns them.
    const archivedSlugs = await this.repository.deleteArchivingLinks(domain, (record) =>
      toLinkDto(record, serverShortLink(this.config, record.link.domain, record.link.slug)),
    );
    this.linkChanges.publish({ domain: domain.hostname });
    for (const slug of archivedSlugs) this.linkChanges.publish({ domain: domain.hostname, slug });
  }

  /**
   * The custom domain a link of this workspace may use, or a 400 saying why not: it must be the
   * workspace's own and verified (a failing re-check does not stop existing use).
   */
  async usableForLinks(workspaceId: string, hostname: string): Promise<string> {
    const domain = (await this.repository.findByHostname(hostname)).find(
      (candidate) => candidate.workspaceId === workspaceId,
    );
    if (!domain)
      throw AppException.invalidField(
        'domain',
        `Domain ${hostname} is not one of this workspace's domains; add it with POST /api/v1/domains`,
      );
    if (domain.status === 'pending')
      throw AppException.invalidField(
        'domain',
        `Domain ${hostname} is not verified yet; verify it with POST /api/v1/domains/${domain.id}/verify`,
      );
    return domain.hostname;
  }

  /** The daily re-check: a verified domain whose records disappeared is marked failing (links untouched). */
  async recheckDue(batchSize = 50): Promise<number> {
    const due = await this.repository.claimDueForRecheck(batchSize);
    for (const domain of due) {
      const result = await this.dns.verify(domain.hostname, domain.verificationToken);
      await this.repository.recordCheck(
        domain,
        {
          status: result.verified ? 'verified' : 'failing',
          lastCheckError: result.verified ? null : result.problems.join('; '),
        },
        (changed) => this.toDto(changed),
      );
      if (!result.verified)
        this.logger.warn(`Domain ${domain.hostname} failed its re-check: ${result.problems.join('; ')}`);
    }
    return due.length;
  }

  private normalize(input: string): string {
    const ownHosts = [this.config.SHORT_DOMAIN.split(':')[0], new URL(this.config.PUBLIC_URL).hostname];
    const result = checkHostname(input, ownHosts);
    if (!result.ok) throw AppException.invalidField('domain', result.reason);
    return result.hostname;
  }

  private unavailableReason(auth: AuthContext, existing: DomainEntity[]): string | null {
    if (existing.some((domain) => domain.status !== 'pending' && domain.workspaceId !== auth.workspaceId))
      return 'verified by another workspace';
    if (existing.some((domain) => domain.workspaceId === auth.workspaceId)) return 'already added to this workspace';
    return null;
  }

  private toDto(domain: DomainEntity): DomainDto {
    return toDomainDto(domain, this.dns.requiredRecords(domain.hostname, domain.verificationToken));
  }
}
