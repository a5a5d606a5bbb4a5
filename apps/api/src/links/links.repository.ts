import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CursorPosition } from '@app/common';
import {
  enqueueWebhookEvent,
  escapeLikePattern,
  findPage,
  findTagsByLink,
  LinkEntity,
  LinkFolderEntity,
  LinkTagAssignmentEntity,
  LinkTagEntity,
  lockWorkspaceForQuota,
  PlanName,
  UtmTemplateEntity,
  WebhookEventType,
} from '@app/database';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import type { LinkSort } from './dto/list-links-query.dto';

/** A link with what its response shows: folder and creator (joined) and its tags. */
export interface LinkRecord {
  link: LinkEntity;
  tags: LinkTagEntity[];
}

/** A listed link and the exact (microsecond) keyset position of its row. */
export interface ListedLink extends LinkRecord {
  position: CursorPosition;
}

export type NewLink = Omit<
  LinkEntity,
  'clicks' | 'lastClickedAt' | 'createdAt' | 'updatedAt' | 'workspace' | 'folder' | 'createdBy'
>;
export type LinkChanges = Partial<Omit<NewLink, 'id' | 'workspaceId' | 'createdById'>>;

/** The link as webhook events carry it (the REST representation), built from the row inside the transaction. */
export type LinkEventData = (record: LinkRecord) => unknown;

export interface LinkFilters {
  search?: string;
  domain?: string;
  folderId?: string;
  tagId?: string;
  archived?: boolean;
}

@Injectable()
export class LinksRepository {
  /** The transaction `inTransaction` opened for the current call chain, if any. */
  private readonly transaction = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The open transaction's manager when inside `inTransaction`, else the pool's. */
  private get manager(): EntityManager {
    return this.transaction.getStore() ?? this.dataSource.manager;
  }

  private get links() {
    return this.manager.getRepository(LinkEntity);
  }

  /**
   * Runs `work` in one transaction that every method of this repository called within it joins; called
   * again inside, it opens a savepoint, so one failing item of a bulk request is undone alone. Only this
   * repository's queries join: services reached from `work` must not query (PGlite has one connection).
   */
  async inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => this.transaction.run(manager, work));
  }

  /** Links by id with what their responses show, in no particular order. */
  async findManyByIds(ids: string[]): Promise<LinkRecord[]> {
    if (ids.length === 0) return [];
    const links = await this.links.find({ where: { id: In(ids) }, relations: { folder: true, createdBy: true } });
    const tags = await this.tagsByLink(links.map((link) => link.id));
    return links.map((link) => ({ link, tags: tags.get(link.id) ?? [] }));
  }

  async findBySlug(workspaceId: string, domain: string, slug: string): Promise<LinkRecord | null> {
    return this.withTags(
      await this.links.findOne({ where: { workspaceId, domain, slug }, relations: { folder: true, createdBy: true } }),
    );
  }

  async findById(id: string): Promise<LinkRecord | null> {
    return this.withTags(await this.links.findOne({ where: { id }, relations: { folder: true, createdBy: true } }));
  }

  async findByExternalId(workspaceId: string, externalId: string): Promise<LinkRecord | null> {
    return this.withTags(
      await this.links.findOne({ where: { workspaceId, externalId }, relations: { folder: true, createdBy: true } }),
    );
  }

  /** Whether another link than `exceptId` has this short link. */
  async slugTaken(domain: string, slug: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      'SELECT 1 FROM links WHERE domain = $1 AND slug = $2 AND id IS DISTINCT FROM $3',
      [domain, slug, exceptId],
    );
    return rows.length > 0;
  }

  /** Whether another link than `exceptId` of the workspace has this external id. */
  async externalIdTaken(workspaceId: string, externalId: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      'SELECT 1 FROM links WHERE workspace_id = $1 AND external_id = $2 AND id IS DISTINCT FROM $3',
      [workspaceId, externalId, exceptId],
    );
    return rows.length > 0;
  }

  findFolder(id: string): Promise<LinkFolderEntity | null> {
    return this.manager.getRepository(LinkFolderEntity).findOneBy({ id });
  }

  findTags(ids: string[]): Promise<LinkTagEntity[]> {
    return this.manager.getRepository(LinkTagEntity).findBy({ id: In(ids) });
  }

  findUtmTemplate(id: string): Promise<UtmTemplateEntity | null> {
    return this.manager.getRepository(UtmTemplateEntity).findOneBy({ id });
  }

  /**
   * Locks the workspace, reads how many links it created this calendar month (UTC; deleted ones still
   * count), lets `checkQuota` refuse, then inserts the link and its tags and counts it — one transaction,
   * so concurrent creates cannot overshoot the quota. The `link.created` webhook event is written with it.
   */
  async createWithinQuota(
    link: NewLink,
    tagIds: string[],
    checkQuota: (plan: PlanName, linksThisMonth: number) => void,
    eventData: LinkEventData,
  ): Promise<void> {
    await this.manager.transaction(async (manager) => {
      const plan = await lockWorkspaceForQuota(manager, link.workspaceId);
      const usage: { links_created: number }[] = await manager.query(
        `SELECT links_created FROM workspace_usage WHERE workspace_id = $1 AND month = date_trunc('month', now() AT TIME ZONE 'UTC')::date`,
        [link.workspaceId],
      );
      checkQuota(plan, usage[0]?.links_created ?? 0);
      await manager.insert(LinkEntity, link);
      await this.insertTagAssignments(manager, link.id, tagIds);
      await manager.query(
        `INSERT INTO workspace_usage (workspace_id, month, links_created) VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, 1)
         ON CONFLICT (workspace_id, month) DO UPDATE SET links_created = workspace_usage.links_created + 1`,
        [link.workspaceId],
      );
      await this.enqueueEvent(manager, link.workspaceId, link.id, 'link.created', eventData);
    });
  }

  /** Updates the row and, when `tagIds` is given, replaces its tags, together with the `link.updated` event. */
  async update(
    workspaceId: string,
    id: string,
    changes: LinkChanges,
    tagIds: string[] | undefined,
    eventData: LinkEventData,
  ): Promise<void> {
    await this.manager.transaction(async (manager) => {
      // Always touched, so updatedAt moves even when only the tags change.
      await manager.update(LinkEntity, { id }, { ...changes, updatedAt: () => 'now()' });
      if (tagIds) {
        await manager.delete(LinkTagAssignmentEntity, { linkId: id });
        await this.insertTagAssignments(manager, id, tagIds);
      }
      await this.enqueueEvent(manager, workspaceId, id, 'link.updated', eventData);
    });
  }

  /**
   * Deletes the link (its tag assignments go with it: ON DELETE CASCADE) and writes the `link.deleted` event.
   * False, with nothing written, when it was already gone.
   */
  async delete(workspaceId: string, id: string, eventData: LinkEventData): Promise<boolean> {
    return this.manager.transaction(async (manager) => {
      // Locked first: a concurrent delete of the same link waits, then finds it gone.
      const rows: unknown[] = await manager.query('SELECT 1 FROM links WHERE id = $1 FOR UPDATE', [id]);
      if (rows.length === 0) return false;
      // Before the delete: the event carries the link as it was, and the filters see its folder and tags.
      await this.enqueueEvent(manager, workspaceId, id, 'link.deleted', eventData);
      await manager.delete(LinkEntity, { id });
      return true;
    });
  }

  /** The webhook event of a link write, read back inside its transaction (only when a webhook wants it). */
  private enqueueEvent(
    manager: EntityManager,
    workspaceId: string,
    linkId: string,
    type: WebhookEventType,
    eventData: LinkEventData,
  ): Promise<void> {
    return enqueueWebhookEvent(manager, { workspaceId, type, linkId }, async () => {
      const link = await manager.findOneOrFail(LinkEntity, {
        where: { id: linkId },
        relations: { folder: true, createdBy: true },
      });
      return eventData({ link, tags: (await this.tagsByLink([linkId], manager)).get(linkId) ?? [] });
    });
  }

  /** One page of a workspace's links, `limit` rows after `after`, by `sort` then id (both descending). */
  async list(
    workspaceId: string,
    filters: LinkFilters,
    sort: LinkSort,
    after: CursorPosition | null,
    limit: number,
  ): Promise<ListedLink[]> {
    const query = this.links
      .createQueryBuilder('link')
      .leftJoinAndSelect('link.folder', 'folder')
      .leftJoinAndSelect('link.createdBy', 'creator')
      .where('link.workspace_id = :workspaceId', { workspaceId });

    if (filters.domain !== undefined) query.andWhere('link.domain = :domain', { domain: filters.domain.toLowerCase() });
    if (filters.folderId !== undefined) query.andWhere('link.folder_id = :folderId', { folderId: filters.folderId });
    if (filters.archived !== undefined) query.andWhere('link.archived = :archived', { archived: filters.archived });
    if (filters.tagId !== undefined) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM link_tag_assignments assignment WHERE assignment.link_id = link.id AND assignment.tag_id = :tagId)',
        {
          tagId: filters.tagId,
        },
      );
    }
    if (filters.search) {
      const pattern = `%${escapeLikePattern(filters.search)}%`;
      query.andWhere(
        new Brackets((where) =>
          where
            .where('link.slug ILIKE :pattern', { pattern })
            .orWhere('link.url ILIKE :pattern')
            .orWhere('link.title ILIKE :pattern'),
        ),
      );
    }

    const rows = await findPage(query, {
      column: sort === 'clicks' ? 'link.clicks' : 'link.created_at',
      idColumn: 'link.id',
      direction: 'DESC',
      kind: sort === 'clicks' ? 'integer' : 'timestamp',
      after,
      limit,
    });
    const tags = await this.tagsByLink(rows.map(({ entity }) => entity.id));
    return rows.map(({ entity, position }) => ({ link: entity, tags: tags.get(entity.id) ?? [], position }));
  }

  private async withTags(link: LinkEntity | null): Promise<LinkRecord | null> {
    if (!link) return null;
    return { link, tags: (await this.tagsByLink([link.id])).get(link.id) ?? [] };
  }

  /** Tags of many links in one query, each list sorted by name. */
  private tagsByLink(linkIds: string[], manager: EntityManager = this.manager): Promise<Map<string, LinkTagEntity[]>> {
    return findTagsByLink(manager, linkIds);
  }

  private async insertTagAssignments(manager: EntityManager, linkId: string, tagIds: string[]): Promise<void> {
    if (tagIds.length > 0)
      await manager.insert(
        LinkTagAssignmentEntity,
        tagIds.map((tagId) => ({ linkId, tagId })),
      );
  }
}
