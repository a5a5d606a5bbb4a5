import { Injectable } from '@nestjs/common';
import type { CursorPosition } from '@app/common';
import {
  enqueueLinkEvents,
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
  TransactionScope,
  UtmTemplateEntity,
  WebhookEventType,
} from '@app/database';
import { Brackets, EntityManager, In } from 'typeorm';
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
> & {
  /** When the link was first created elsewhere (an import); now when absent. */
  createdAt?: Date | null;
};

/** A new link to insert, its tags, and whether its slug was drawn at random (drawn again on a collision). */
export interface LinkCandidate {
  link: NewLink;
  tagIds: string[];
  redrawSlug: boolean;
}

/** Why a candidate was not inserted: over the monthly quota, a short link or external id in use, a folder or tag deleted. */
export type CandidateOutcome =
  { inserted: true; slug: string } | { inserted: false; reason: 'quota' | 'slug' | 'externalId' | 'removedReference' };

/** A link holding an external id or a short link that new links ask for. */
export interface KeyHolder {
  id: string;
  workspaceId: string;
  domain: string;
  slug: string;
  externalId: string | null;
}

/** 62^7 slugs make a random collision rare; this many in a row means something else is wrong. */
const INSERT_ATTEMPTS = 5;
export type LinkChanges = Partial<Omit<NewLink, 'id' | 'workspaceId' | 'createdById' | 'createdAt'>>;

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
  constructor(private readonly transactions: TransactionScope) {}

  /** The open transaction's manager when inside `inTransaction` (or a caller's TransactionScope), else the pool's. */
  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  private get links() {
    return this.manager.getRepository(LinkEntity);
  }

  /**
   * Runs `work` in one transaction that every method of this repository called within it joins; called
   * again inside, it opens a savepoint, so one failing item of a bulk request is undone alone. Only this
   * repository's queries join: services reached from `work` must not query (PGlite has one connection).
   */
  inTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }

  /** Links by id with what their responses show, in no particular order. */
  async findManyByIds(ids: string[], manager: EntityManager = this.manager): Promise<LinkRecord[]> {
    if (ids.length === 0) return [];
    const links = await manager
      .getRepository(LinkEntity)
      .find({ where: { id: In(ids) }, relations: { folder: true, createdBy: true } });
    const tags = await this.tagsByLink(
      links.map((link) => link.id),
      manager,
    );
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

  /** Links holding any of these keys: an external id of the workspace, or a short link (of any workspace). */
  async findKeyHolders(
    workspaceId: string,
    externalIds: string[],
    shortLinks: { domain: string; slug: string }[],
  ): Promise<KeyHolder[]> {
    if (externalIds.length === 0 && shortLinks.length === 0) return [];
    return this.manager.query(
      `SELECT id, workspace_id AS "workspaceId", domain, slug, external_id AS "externalId" FROM links
       WHERE (workspace_id = $1 AND external_id = ANY($2::varchar[]))
          OR (domain, slug) IN (SELECT * FROM unnest($3::varchar[], $4::varchar[]))`,
      [workspaceId, externalIds, shortLinks.map((link) => link.domain), shortLinks.map((link) => link.slug)],
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

  findFolders(ids: string[]): Promise<LinkFolderEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager.getRepository(LinkFolderEntity).findBy({ id: In(ids) });
  }

  findUtmTemplates(ids: string[]): Promise<UtmTemplateEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager.getRepository(UtmTemplateEntity).findBy({ id: In(ids) });
  }

  findTags(ids: string[]): Promise<LinkTagEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager.getRepository(LinkTagEntity).findBy({ id: In(ids) });
  }

  findUtmTemplate(id: string): Promise<UtmTemplateEntity | null> {
    return this.manager.getRepository(UtmTemplateEntity).findOneBy({ id });
  }

  /** Links the workspace created this calendar month (UTC; deleted ones still count). */
  async linksCreatedThisMonth(workspaceId: string, manager: EntityManager = this.manager): Promise<number> {
    const usage: { links_created: number }[] = await manager.query(
      `SELECT links_created FROM workspace_usage WHERE workspace_id = $1 AND month = date_trunc('month', now() AT TIME ZONE 'UTC')::date`,
      [workspaceId],
    );
    return usage[0]?.links_created ?? 0;
  }

  /**
   * Inserts the candidates in request order within the monthly quota, in one transaction and a few multi-row
   * statements: locks the workspace (concurrent creates cannot overshoot the quota), reads how many links it
   * created this calendar month (UTC; deleted ones still count), then inserts at most as many as are left with
   * ON CONFLICT DO NOTHING. A candidate that did not insert is a slug or external id conflict, or a random slug
   * collision drawn again; when conflicts freed quota, the next candidates take it. Tags, the month's count and
   * the `link.created` webhook events are written in the same transaction.
   */
  async insertWithinQuota(
    workspaceId: string,
    candidates: LinkCandidate[],
    quotaLeft: (plan: PlanName, linksThisMonth: number) => number,
    newSlug: () => string,
    eventData: LinkEventData,
  ): Promise<{ plan: PlanName; outcomes: CandidateOutcome[] }> {
    return this.manager.transaction(async (manager) => {
      const plan = await lockWorkspaceForQuota(manager, workspaceId);
      let left = quotaLeft(plan, await this.linksCreatedThisMonth(workspaceId, manager));
      const outcomes: (CandidateOutcome | undefined)[] = await this.lockReferences(manager, candidates);
      const slugs = candidates.map((candidate) => candidate.link.slug);
      const attempts = candidates.map(() => 0);
      let pending = candidates.flatMap((_, index) => (outcomes[index] ? [] : [index]));

      while (pending.length > 0 && left > 0) {
        const batch = pending.slice(0, left);
        const rows = batch.map((index) => ({ ...candidates[index].link, slug: slugs[index] }));
        const inserted = new Set(await this.insertLinks(manager, rows));
        left -= inserted.size;
        const missed = batch.filter((index) => !inserted.has(candidates[index].link.id));
        for (const index of batch)
          if (inserted.has(candidates[index].link.id)) outcomes[index] = { inserted: true, slug: slugs[index] };
        const retried = new Set<number>();
        if (missed.length > 0) {
          const taken = await this.takenKeys(
            manager,
            workspaceId,
            missed.map((index) => ({ ...candidates[index].link, slug: slugs[index] })),
          );
          for (const index of missed) {
            const { link, redrawSlug } = candidates[index];
            attempts[index]++;
            if (!redrawSlug && taken.slugs.has(`${link.domain}/${slugs[index]}`))
              outcomes[index] = { inserted: false, reason: 'slug' };
            else if (link.externalId !== null && taken.externalIds.has(link.externalId))
              outcomes[index] = { inserted: false, reason: 'externalId' };
            else if (attempts[index] >= INSERT_ATTEMPTS) outcomes[index] = { inserted: false, reason: 'slug' };
            else {
              // A random slug drawn twice, or a conflicting link deleted meanwhile: try again.
              if (redrawSlug) slugs[index] = newSlug();
              retried.add(index);
            }
          }
        }
        pending = [...retried, ...pending.slice(batch.length)].sort((a, b) => a - b);
      }
      for (const index of pending) outcomes[index] = { inserted: false, reason: 'quota' };

      const created = candidates.filter((_, index) => outcomes[index]?.inserted);
      if (created.some((candidate) => candidate.tagIds.length > 0))
        await manager.query(
          `INSERT INTO link_tag_assignments (link_id, tag_id) SELECT * FROM unnest($1::varchar[], $2::varchar[])`,
          [
            created.flatMap((candidate) => candidate.tagIds.map(() => candidate.link.id)),
            created.flatMap((candidate) => candidate.tagIds),
          ],
        );
      if (created.length > 0)
        await manager.query(
          `INSERT INTO workspace_usage (workspace_id, month, links_created) VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, $2)
           ON CONFLICT (workspace_id, month) DO UPDATE SET links_created = workspace_usage.links_created + $2`,
          [workspaceId, created.length],
        );
      await enqueueLinkEvents(
        manager,
        workspaceId,
        'link.created',
        created.map(({ link, tagIds }) => ({ id: link.id, folderId: link.folderId, tagIds })),
        async (linkIds) =>
          new Map((await this.findManyByIds(linkIds, manager)).map((record) => [record.link.id, eventData(record)])),
      );
      return { plan, outcomes: outcomes as CandidateOutcome[] };
    });
  }

  /**
   * Locks the folders and tags the candidates use against deletion until the commit; a candidate whose folder
   * or tag was deleted since it was checked gets its outcome, the others none yet.
   */
  private async lockReferences(
    manager: EntityManager,
    candidates: LinkCandidate[],
  ): Promise<(CandidateOutcome | undefined)[]> {
    const folderIds = [...new Set(candidates.flatMap((candidate) => candidate.link.folderId ?? []))];
    const tagIds = [...new Set(candidates.flatMap((candidate) => candidate.tagIds))];
    const lock = async (table: string, ids: string[]): Promise<Set<string>> => {
      if (ids.length === 0) return new Set();
      const rows: { id: string }[] = await manager.query(
        `SELECT id FROM ${table} WHERE id = ANY($1::varchar[]) FOR KEY SHARE`,
        [ids],
      );
      return new Set(rows.map((row) => row.id));
    };
    const folders = await lock('link_folders', folderIds);
    const tags = await lock('link_tags', tagIds);
    return candidates.map(({ link, tagIds: ids }) =>
      (link.folderId !== null && !folders.has(link.folderId)) || ids.some((id) => !tags.has(id))
        ? { inserted: false, reason: 'removedReference' }
        : undefined,
    );
  }

  /** Inserts the rows that take no slug or external id already in use; returns the ids inserted. */
  private async insertLinks(manager: EntityManager, rows: NewLink[]): Promise<string[]> {
    const column = <K extends keyof NewLink>(key: K) => rows.map((row) => row[key]);
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO links (id, workspace_id, domain, slug, url, title, description, external_id, folder_id,
         utm_source, utm_medium, utm_campaign, utm_term, utm_content, expires_at, expired_url, password_hash,
         ios, android, geo, track_conversion, archived, created_by_id, created_at, updated_at,
         test_variants, test_ends_at, winner_url, test_pick_winner, og)
       SELECT id, workspace_id, domain, slug, url, title, description, external_id, folder_id,
         utm_source, utm_medium, utm_campaign, utm_term, utm_content, expires_at, expired_url, password_hash,
         ios, android, geo::jsonb, track_conversion, archived, created_by_id,
         coalesce(created_at, now()), coalesce(created_at, now()),
         test_variants::jsonb, test_ends_at, winner_url, test_pick_winner, og::jsonb
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::text[], $6::varchar[],
         $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::varchar[], $12::varchar[], $13::varchar[],
         $14::varchar[], $15::timestamptz[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[],
         $21::boolean[], $22::boolean[], $23::varchar[], $24::timestamptz[],
         $25::text[], $26::timestamptz[], $27::text[], $28::boolean[], $29::text[])
         AS row(id, workspace_id, domain, slug, url, title, description, external_id, folder_id, utm_source,
           utm_medium, utm_campaign, utm_term, utm_content, expires_at, expired_url, password_hash, ios, android,
           geo, track_conversion, archived, created_by_id, created_at,
           test_variants, test_ends_at, winner_url, test_pick_winner, og)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        column('id'),
        column('workspaceId'),
        column('domain'),
        column('slug'),
        column('url'),
        column('title'),
        column('description'),
        column('externalId'),
        column('folderId'),
        column('utmSource'),
        column('utmMedium'),
        column('utmCampaign'),
        column('utmTerm'),
        column('utmContent'),
        column('expiresAt'),
        column('expiredUrl'),
        column('passwordHash'),
        column('ios'),
        column('android'),
        rows.map((row) => (row.geo === null ? null : JSON.stringify(row.geo))),
        column('trackConversion'),
        column('archived'),
        column('createdById'),
        rows.map((row) => row.createdAt ?? null),
        rows.map((row) => (row.testVariants === null ? null : JSON.stringify(row.testVariants))),
        column('testEndsAt'),
        column('winnerUrl'),
        column('testPickWinner'),
        rows.map((row) => (row.og === null ? null : JSON.stringify(row.og))),
      ],
    );
    return inserted.map((row) => row.id);
  }

  /** Which of these short links and external ids are in use (by links other than these rows, not inserted). */
  private async takenKeys(
    manager: EntityManager,
    workspaceId: string,
    rows: NewLink[],
  ): Promise<{ slugs: Set<string>; externalIds: Set<string> }> {
    const slugs: { domain: string; slug: string }[] = await manager.query(
      `SELECT link.domain, link.slug FROM links link
       JOIN unnest($1::varchar[], $2::varchar[]) AS wanted(domain, slug) USING (domain, slug)`,
      [rows.map((row) => row.domain), rows.map((row) => row.slug)],
    );
    const externalIds = rows.flatMap((row) => row.externalId ?? []);
    const takenIds: { external_id: string }[] =
      externalIds.length === 0
        ? []
        : await manager.query(
            'SELECT external_id FROM links WHERE workspace_id = $1 AND external_id = ANY($2::varchar[])',
            [workspaceId, externalIds],
          );
    return {
      slugs: new Set(slugs.map((row) => `${row.domain}/${row.slug}`)),
      externalIds: new Set(takenIds.map((row) => row.external_id)),
    };
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
