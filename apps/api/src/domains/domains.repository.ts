import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CursorPosition } from '@app/common';
import {
  DomainEntity,
  enqueueWebhookEvent,
  findPage,
  findTagsByLink,
  LinkEntity,
  LinkTagEntity,
  lockWorkspaceForQuota,
  PlanName,
  Positioned,
} from '@app/database';
import { DataSource, In } from 'typeorm';

/** A link with its folder, creator and tags: what its REST representation is built from. */
export interface LinkWithTags {
  link: LinkEntity;
  tags: LinkTagEntity[];
}

export type NewDomain = Pick<DomainEntity, 'id' | 'workspaceId' | 'hostname' | 'verificationToken' | 'apps'>;

@Injectable()
export class DomainsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get domains() {
    return this.dataSource.getRepository(DomainEntity);
  }

  /** Inserts after `assertAllowed(plan, count)` passes, with the workspace row locked so concurrent adds queue. */
  async insertWithinQuota(
    domain: NewDomain,
    assertAllowed: (plan: PlanName, count: number) => void,
  ): Promise<DomainEntity> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockWorkspaceForQuota(manager, domain.workspaceId);
      assertAllowed(plan, await manager.countBy(DomainEntity, { workspaceId: domain.workspaceId }));
      return manager.save(DomainEntity, manager.create(DomainEntity, domain));
    });
  }

  findById(id: string): Promise<DomainEntity | null> {
    return this.domains.findOneBy({ id });
  }

  findByHostname(hostname: string): Promise<DomainEntity[]> {
    return this.domains.findBy({ hostname });
  }

  /** Which of these host names some workspace has verified (and so this server answers for). */
  async claimedAmong(hostnames: string[]): Promise<string[]> {
    if (hostnames.length === 0) return [];
    const rows: { hostname: string }[] = await this.dataSource.query(
      `SELECT hostname FROM domains WHERE status <> 'pending' AND hostname = ANY($1)`,
      [hostnames],
    );
    return rows.map((row) => row.hostname);
  }

  list(workspaceId: string, after: CursorPosition | null, limit: number): Promise<Positioned<DomainEntity>[]> {
    const query = this.domains
      .createQueryBuilder('domain')
      .where('domain.workspace_id = :workspaceId', { workspaceId });
    return findPage(query, {
      column: 'domain.created_at',
      idColumn: 'domain.id',
      direction: 'ASC',
      kind: 'timestamp',
      after,
      limit,
    });
  }

  /**
   * A check's outcome; when it moves the domain to verified or failing, the `domain.verified` / `domain.failing`
   * webhook event is written in the same transaction.
   */
  async recordCheck(
    domain: DomainEntity,
    changes: Partial<DomainEntity>,
    eventData: (domain: DomainEntity) => unknown,
  ): Promise<DomainEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.update(DomainEntity, { id: domain.id }, changes);
      const updated = await manager.findOneByOrFail(DomainEntity, { id: domain.id });
      if (updated.status !== domain.status && updated.status !== 'pending') {
        const type = updated.status === 'verified' ? 'domain.verified' : 'domain.failing';
        await enqueueWebhookEvent(manager, { workspaceId: domain.workspaceId, type, linkId: null }, () =>
          eventData(updated),
        );
      }
      return updated;
    });
  }

  async update(id: string, changes: Partial<DomainEntity>): Promise<DomainEntity> {
    await this.domains.update({ id }, changes);
    return this.domains.findOneByOrFail({ id });
  }

  countLinks(workspaceId: string, hostname: string): Promise<number> {
    return this.dataSource
      .query(`SELECT count(*)::int AS count FROM links WHERE workspace_id = $1 AND domain = $2 AND NOT archived`, [
        workspaceId,
        hostname,
      ])
      .then((rows: { count: number }[]) => rows[0].count);
  }

  /**
   * Archives the domain's links and deletes the domain, together, with a `link.updated` event per archived link in
   * the same transaction (as any link change writes one). Returns the archived links' slugs.
   */
  async deleteArchivingLinks(
    domain: DomainEntity,
    linkEventData: (record: LinkWithTags) => unknown,
  ): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const result: unknown[] = await manager.query(
        `UPDATE links SET archived = true, updated_at = now() WHERE workspace_id = $1 AND domain = $2 AND NOT archived
         RETURNING id, slug`,
        [domain.workspaceId, domain.hostname],
      );
      // An UPDATE … RETURNING through TypeORM's postgres driver answers [rows, affected count].
      const archived = (Array.isArray(result[0]) ? result[0] : result) as { id: string; slug: string }[];
      for (const { id } of archived) {
        await enqueueWebhookEvent(
          manager,
          { workspaceId: domain.workspaceId, type: 'link.updated', linkId: id },
          async () => {
            const link = await manager.findOneOrFail(LinkEntity, {
              where: { id },
              relations: { folder: true, createdBy: true },
            });
            return linkEventData({ link, tags: (await findTagsByLink(manager, [id])).get(id) ?? [] });
          },
        );
      }
      await manager.delete(DomainEntity, { id: domain.id });
      return archived.map((row) => row.slug);
    });
  }

  /**
   * Claims up to `limit` verified (or failing) domains not checked for a day. Claiming writes
   * last_checked_at with SKIP LOCKED, so instances running the same job never check one domain twice.
   */
  async claimDueForRecheck(limit: number): Promise<DomainEntity[]> {
    const claimed: { id: string }[] = await this.dataSource.query(
      `UPDATE domains SET last_checked_at = now()
        WHERE id IN (SELECT id FROM domains
                      WHERE status <> 'pending' AND (last_checked_at IS NULL OR last_checked_at < now() - interval '1 day')
                      ORDER BY last_checked_at NULLS FIRST LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit],
    );
    const ids = (Array.isArray(claimed[0]) ? (claimed[0] as { id: string }[]) : claimed).map((row) => row.id);
    return ids.length === 0 ? [] : this.domains.findBy({ id: In(ids) });
  }
}
