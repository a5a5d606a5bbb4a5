import { Injectable } from '@nestjs/common';
import { assertWorkspaceAccess, AuthContext, PasswordHasher } from '@app/auth';
import {
  AppException,
  decodeCursor,
  type ErrorBody,
  ErrorCode,
  isReservedSlug,
  LinkChangesService,
  newId,
  Page,
  randomBase62,
  toErrorResponse,
  toPage,
  validateItem,
} from '@app/common';
import {
  isUniqueViolation,
  type LinkEntity,
  type LinkSocialPreview,
  type PlanName,
  type UtmTemplateEntity,
} from '@app/database';
import { assertPlanIncludes, quotaExceeded, quotaLeft } from '@app/plans';
import type { BulkLinkResultDto, BulkLinkResultsDto, BulkUpdateLinksDto } from './dto/bulk-links.dto';
import { CreateLinkDto } from './dto/create-link.dto';
import type { LinkDto } from './dto/link.dto';
import type { LinkFieldsDto } from './dto/link-fields.dto';
import type { LinkQrQueryDto } from './dto/link-qr-query.dto';
import type { SocialPreviewDto } from './dto/social-preview.dto';
import type { ListLinksQueryDto } from './dto/list-links-query.dto';
import type { UpdateLinkDto } from './dto/update-link.dto';
import { Destination, DestinationLoopsService } from '../domains/destination-loops.service';
import { LinkDomainsService } from './link-domains.service';
import { QrImage, renderQrCode } from './link-qr';
import { RANDOM_SLUG_LENGTH, withQueryParameter } from './link-rules';
import { toLinkDto } from './links.mapper';
import {
  CandidateOutcome,
  KeyHolder,
  LinkCandidate,
  LinkChanges,
  LinkRecord,
  LinksRepository,
  NewLink,
} from './links.repository';

const NOT_FOUND = 'Link not found';
/** `GET /links/ext_<externalId>` addresses a link by the caller's own id. */
const EXTERNAL_ID_PREFIX = 'ext_';
const SLUG_CONSTRAINT = 'links_domain_slug_key';
const EXTERNAL_ID_CONSTRAINT = 'links_workspace_external_id_key';
const FOREIGN_KEY_VIOLATION = '23503';
/** A key taken by a concurrent upsert is found on the next attempt; more than a few means something else is wrong. */
const UPSERT_ATTEMPTS = 3;

/** Request fields that need the `linkControls` plan feature when they carry a value. */
const LINK_CONTROL_FIELDS = ['password', 'expiresAt', 'expiredUrl', 'ios', 'android', 'geo'] as const;

/** Request UTM field → entity column; one list so create, update and templates cannot drift apart. */
const UTM_FIELDS = [
  ['utm_source', 'utmSource'],
  ['utm_medium', 'utmMedium'],
  ['utm_campaign', 'utmCampaign'],
  ['utm_term', 'utmTerm'],
  ['utm_content', 'utmContent'],
] as const;
type UtmColumns = Pick<LinkEntity, (typeof UTM_FIELDS)[number][1]>;
const NO_UTM: UtmColumns = { utmSource: null, utmMedium: null, utmCampaign: null, utmTerm: null, utmContent: null };

/** Request fields of an A/B test: they need the `abTesting` plan feature when they carry a value. */
const AB_TEST_FIELDS = ['testVariants', 'testEndsAt', 'winnerUrl', 'testPickWinner'] as const;
type AbTestColumns = Pick<LinkEntity, 'testVariants' | 'testEndsAt' | 'winnerUrl' | 'testPickWinner'>;
const NO_AB_TEST: AbTestColumns = { testVariants: null, testEndsAt: null, winnerUrl: null, testPickWinner: false };

@Injectable()
export class LinksService {
  constructor(
    private readonly repository: LinksRepository,
    private readonly domains: LinkDomainsService,
    private readonly linkChanges: LinkChangesService,
    private readonly passwords: PasswordHasher,
    private readonly loops: DestinationLoopsService,
  ) {}

  async list(auth: AuthContext, query: ListLinksQueryDto): Promise<Page<LinkDto>> {
    const limit = query.limit ?? 50;
    const sort = query.sort ?? 'createdAt';
    const after = decodeCursor(query.cursor, sort === 'clicks' ? 'integer' : 'timestamp');
    const filters = {
      search: query.search,
      domain: query.domain,
      folderId: query.folderId,
      tagId: query.tagId,
      archived: query.archived,
    };
    const rows = await this.repository.list(auth.workspaceId, filters, sort, after, limit + 1);
    return toPage(
      rows,
      limit,
      (row) => row.position,
      (row) => this.toDto(row),
    );
  }

  async get(auth: AuthContext, id: string): Promise<LinkDto> {
    return this.toDto(await this.findAccessible(auth, id));
  }

  /** A QR code of the link's short link (what a printed code must open: the redirect records the scan). */
  async qrCode(auth: AuthContext, id: string, query: LinkQrQueryDto): Promise<QrImage> {
    const { link } = await this.findAccessible(auth, id);
    return renderQrCode(this.domains.shortLink(link.domain, link.slug), query.format ?? 'png', query.size ?? 512);
  }

  async create(auth: AuthContext, dto: CreateLinkDto): Promise<LinkDto> {
    const [outcome] = await this.createMany(auth, [{ ok: true, value: dto }]);
    if (!outcome.ok) throw outcome.error;
    return this.get(auth, outcome.value.id);
  }

  /**
   * Creates the links of many requests at once, set-based (the single route is a request of one): every rule
   * and lookup of all items first, then one transaction of a few multi-row statements. One outcome per item,
   * in order; an item already failed stays as it is.
   */
  async createMany(
    auth: AuthContext,
    items: Outcome<CreateLinkDto>[],
    options: NewLinkOptions = {},
  ): Promise<Outcome<CreatedLink>[]> {
    const created = await this.insertPrepared(auth, await this.prepareNewLinks(auth, items, options));
    this.publishCreated(created);
    return created;
  }

  /** Redirect caches may remember a new short link as unknown (404): tell them, once the links are committed. */
  publishCreated(outcomes: Outcome<CreatedLink>[]): void {
    for (const outcome of outcomes)
      if (outcome.ok) this.linkChanges.publish({ domain: outcome.value.domain, slug: outcome.value.slug });
  }

  /**
   * Every rule and lookup of each new link, before anything is written (reads only, outside any transaction):
   * a handful of queries for the whole batch, whatever its size.
   */
  async prepareNewLinks(
    auth: AuthContext,
    items: Outcome<CreateLinkDto>[],
    { replaceUnusableDomain = false }: NewLinkOptions = {},
  ): Promise<Outcome<PreparedLink>[]> {
    const dtos = items.flatMap((item) => (item.ok ? [item.value] : []));
    const domains = await this.resolveDomains(auth, dtos, replaceUnusableDomain);
    const loops = new Map(
      (await this.loops.findLoops(dtos.map((dto) => this.destinations(dto)))).map((error, index) => [
        dtos[index],
        error,
      ]),
    );
    const folders = new Map(
      (await this.repository.findFolders(unique(dtos.flatMap((dto) => dto.folderId ?? [])))).map((folder) => [
        folder.id,
        folder,
      ]),
    );
    const tags = new Map(
      (await this.repository.findTags(unique(dtos.flatMap((dto) => dto.tagIds ?? [])))).map((tag) => [tag.id, tag]),
    );
    const templates = new Map(
      (await this.repository.findUtmTemplates(unique(dtos.flatMap((dto) => dto.utmTemplateId ?? [])))).map(
        (template) => [template.id, template],
      ),
    );

    return Promise.all(
      items.map((item) =>
        !item.ok
          ? item
          : settle(
              (async (): Promise<PreparedLink> => {
                const dto = item.value;
                this.assertLinkControlsAllowed(auth, dto);
                if (dto.og) assertPlanIncludes(auth.plan, 'socialPreviews');
                this.assertAbTestAllowed(auth, dto);
                const domain = domains.get(dto.domain);
                if (!domain?.ok) throw domain?.error;
                const loop = loops.get(dto);
                if (loop) throw loop;
                const folderId = dto.folderId
                  ? this.ownedBy(auth, folders.get(dto.folderId), 'folderId', `Folder ${dto.folderId} not found`).id
                  : null;
                const tagIds = unique(dto.tagIds ?? []);
                const missingTags = tagIds.filter((tagId) => !tags.has(tagId));
                if (missingTags.length > 0)
                  throw AppException.invalidField('tagIds', `Tag ${missingTags.join(', ')} not found`);
                for (const tagId of tagIds) this.ownedBy(auth, tags.get(tagId), 'tagIds', '');
                const template = dto.utmTemplateId
                  ? this.ownedBy(
                      auth,
                      templates.get(dto.utmTemplateId),
                      'utmTemplateId',
                      `UTM template ${dto.utmTemplateId} not found`,
                    )
                  : null;
                const link: Omit<NewLink, 'id' | 'slug'> = {
                  workspaceId: auth.workspaceId,
                  domain: domain.value.domain,
                  url: template?.ref ? withQueryParameter(dto.url, 'ref', template.ref) : dto.url,
                  title: dto.title ?? null,
                  description: dto.description ?? null,
                  og: toSocialPreview(dto.og),
                  externalId: dto.externalId ?? null,
                  folderId,
                  ...NO_UTM,
                  ...this.utmColumns(dto, template),
                  expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
                  expiredUrl: dto.expiredUrl ?? null,
                  passwordHash: dto.password ? await this.passwords.hash(dto.password) : null,
                  ios: dto.ios ?? null,
                  android: dto.android ?? null,
                  geo: dto.geo ?? null,
                  trackConversion: dto.trackConversion ?? false,
                  archived: dto.archived ?? false,
                  createdById: auth.userId,
                  ...NO_AB_TEST,
                  ...this.abTestColumns(dto, NO_AB_TEST),
                };
                return { link, tagIds, slug: dto.slug, domainReplaced: domain.value.replaced };
              })(),
            ),
      ),
    );
  }

  /**
   * Inserts the prepared links in one transaction, or within the caller's TransactionScope (see
   * LinksRepository.insertWithinQuota): slug and external id conflicts, a folder or tag deleted meanwhile, and
   * the monthly quota are reported per item. The caller publishes the new short links once committed.
   */
  async insertPrepared(auth: AuthContext, prepared: Outcome<PreparedLink>[]): Promise<Outcome<CreatedLink>[]> {
    const valid = prepared.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
    if (valid.length === 0) return prepared as Outcome<never>[];
    const candidates: LinkCandidate[] = valid.map((item) => ({
      link: { ...item.link, id: newId('link'), slug: item.slug ?? this.randomSlug() },
      tagIds: item.tagIds,
      redrawSlug: item.slug === undefined,
    }));
    const { plan, outcomes } = await this.repository.insertWithinQuota(
      auth.workspaceId,
      candidates,
      (workspacePlan, linksThisMonth) => quotaLeft(workspacePlan, 'linksPerMonth', linksThisMonth),
      () => this.randomSlug(),
      (record) => this.toDto(record),
    );
    const created = new Map(
      candidates.map((candidate, index): [PreparedLink, Outcome<CreatedLink>] => {
        const outcome = outcomes[index];
        const { link } = candidate;
        if (outcome.inserted) {
          return [
            valid[index],
            {
              ok: true,
              value: {
                id: link.id,
                domain: link.domain,
                slug: outcome.slug,
                domainReplaced: valid[index].domainReplaced,
              },
            },
          ];
        }
        return [valid[index], { ok: false, error: this.candidateError(outcome.reason, plan, link) }];
      }),
    );
    return prepared.map((outcome) => (outcome.ok ? created.get(outcome.value)! : outcome));
  }

  private candidateError(reason: CandidateFailure, plan: PlanName, link: NewLink): AppException {
    switch (reason) {
      case 'slug':
        return slugConflict(link.domain, link.slug);
      case 'externalId':
        return externalIdConflict(link.externalId);
      case 'removedReference':
        return AppException.conflict('A folder or tag of this link was deleted meanwhile; retry');
      case 'quota':
        return quotaExceeded(plan, 'linksPerMonth');
    }
  }

  /**
   * Each requested domain once: the default, or one of the workspace's verified domains (else 400, or the
   * default when `replaceUnusable`: an import keeps its links, saying so).
   */
  private async resolveDomains(
    auth: AuthContext,
    dtos: CreateLinkDto[],
    replaceUnusable: boolean,
  ): Promise<Map<string | undefined, Outcome<{ domain: string; replaced: boolean }>>> {
    const resolved = new Map<string | undefined, Outcome<{ domain: string; replaced: boolean }>>();
    for (const requested of new Set(dtos.map((dto) => dto.domain))) {
      const outcome = await settle(this.domains.resolve(auth.workspaceId, requested));
      resolved.set(
        requested,
        outcome.ok
          ? { ok: true, value: { domain: outcome.value, replaced: false } }
          : replaceUnusable
            ? { ok: true, value: { domain: this.domains.defaultDomain, replaced: true } }
            : outcome,
      );
    }
    return resolved;
  }

  /**
   * For each prepared link, the link already holding its key — its external id in the workspace, else its short
   * link — if any: an import reports it as a conflict, or updates it.
   */
  async findKeyHolders(auth: AuthContext, prepared: PreparedLink[]): Promise<(KeyHolder | null)[]> {
    const holders = await this.repository.findKeyHolders(
      auth.workspaceId,
      prepared.flatMap((item) => item.link.externalId ?? []),
      prepared.flatMap((item) => (item.slug === undefined ? [] : [{ domain: item.link.domain, slug: item.slug }])),
    );
    const byExternalId = new Map(
      holders.filter((holder) => holder.workspaceId === auth.workspaceId).map((holder) => [holder.externalId, holder]),
    );
    const byShortLink = new Map(holders.map((holder) => [`${holder.domain}/${holder.slug}`, holder]));
    return prepared.map(
      (item) =>
        (item.link.externalId ? byExternalId.get(item.link.externalId) : undefined) ??
        (item.slug === undefined ? undefined : byShortLink.get(`${item.link.domain}/${item.slug}`)) ??
        null,
    );
  }

  /** How many more links the workspace's plan lets it create this month (Infinity: unlimited). */
  async linksLeftThisMonth(auth: AuthContext): Promise<number> {
    return quotaLeft(auth.plan, 'linksPerMonth', await this.repository.linksCreatedThisMonth(auth.workspaceId));
  }

  shortLink(domain: string, slug: string): string {
    return this.domains.shortLink(domain, slug);
  }

  /** The change `update` would make to the link (reads only): for writing later inside a caller's transaction. */
  async prepareUpdate(auth: AuthContext, id: string, dto: UpdateLinkDto): Promise<PreparedChange> {
    return this.prepareChange(auth, await this.findAccessible(auth, id), dto);
  }

  /** Writes a prepared change (within the caller's TransactionScope, if any); publish it once committed. */
  async writeUpdate(change: PreparedChange): Promise<void> {
    await this.writeChange(change);
  }

  publishUpdated(change: PreparedChange): void {
    this.publishChanged(change.current, change.domain, change.slug);
  }

  async update(auth: AuthContext, id: string, dto: UpdateLinkDto): Promise<LinkDto> {
    const change = await this.prepareChange(auth, await this.findAccessible(auth, id), dto);
    await this.writeChange(change);
    this.publishChanged(change.current, change.domain, change.slug);
    return this.get(auth, change.current.id);
  }

  /** Every rule and lookup of a change to `record`, before anything is written. */
  private async prepareChange(
    auth: AuthContext,
    { link: current }: LinkRecord,
    dto: UpdateLinkDto,
  ): Promise<PreparedChange> {
    this.assertLinkControlsAllowed(auth, dto);
    if (dto.og) assertPlanIncludes(auth.plan, 'socialPreviews');
    this.assertAbTestAllowed(auth, dto);
    const domain = dto.domain === undefined ? current.domain : await this.domains.resolve(auth.workspaceId, dto.domain);
    await this.assertNoSelfRedirect(dto);
    const template = dto.utmTemplateId ? await this.findUtmTemplate(auth, dto.utmTemplateId) : null;
    const tagIds = dto.tagIds === undefined ? undefined : await this.resolveTagIds(auth, dto.tagIds);

    const changes: LinkChanges = this.utmColumns(dto, template);
    if (domain !== current.domain) changes.domain = domain;
    if (dto.slug !== undefined) changes.slug = dto.slug;
    const url = dto.url ?? current.url;
    if (dto.url !== undefined || template?.ref)
      changes.url = template?.ref ? withQueryParameter(url, 'ref', template.ref) : url;
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.og !== undefined) changes.og = toSocialPreview(dto.og);
    if (dto.externalId !== undefined) changes.externalId = dto.externalId;
    if (dto.folderId !== undefined) changes.folderId = await this.resolveFolderId(auth, dto.folderId);
    if (dto.expiresAt !== undefined) changes.expiresAt = dto.expiresAt === null ? null : new Date(dto.expiresAt);
    if (dto.expiredUrl !== undefined) changes.expiredUrl = dto.expiredUrl;
    if (dto.password !== undefined)
      changes.passwordHash = dto.password === null ? null : await this.passwords.hash(dto.password);
    if (dto.ios !== undefined) changes.ios = dto.ios;
    if (dto.android !== undefined) changes.android = dto.android;
    if (dto.geo !== undefined) changes.geo = dto.geo;
    if (dto.trackConversion !== undefined) changes.trackConversion = dto.trackConversion;
    if (dto.archived !== undefined) changes.archived = dto.archived;
    Object.assign(changes, this.abTestColumns(dto, current));

    const slug = changes.slug ?? current.slug;
    const movesShortLink = changes.slug !== undefined || changes.domain !== undefined;
    await this.assertAvailable(auth, domain, movesShortLink ? slug : undefined, changes.externalId, current.id);
    return { current, changes, tagIds, domain, slug };
  }

  private async writeChange({ current, changes, tagIds, domain, slug }: PreparedChange): Promise<void> {
    try {
      await this.repository.update(current.workspaceId, current.id, changes, tagIds, (record) => this.toDto(record));
    } catch (error) {
      throw this.toConflict(error, domain, slug, changes.externalId ?? null);
    }
  }

  async delete(auth: AuthContext, id: string): Promise<void> {
    const { link } = await this.findAccessible(auth, id);
    await this.deleteFound(link);
    this.linkChanges.publish({ domain: link.domain, slug: link.slug });
  }

  /** 404 when a concurrent request (or an earlier item of the same bulk request) deleted it first. */
  private async deleteFound(link: LinkEntity): Promise<void> {
    if (!(await this.repository.delete(link.workspaceId, link.id, (record) => this.toDto(record))))
      throw AppException.notFound(NOT_FOUND);
  }

  /** Creates each link as `create` would, set-based in one transaction; a refused item is reported alone. */
  async bulkCreate(auth: AuthContext, items: object[], requestId: string): Promise<BulkLinkResultsDto> {
    const dtos = await Promise.all(items.map((item) => settle(validateItem(CreateLinkDto, item))));
    return this.bulkResults(await this.createMany(auth, dtos), 201, requestId, (created) => created.id);
  }

  /** Applies the same change to each link (by id or by external id), as `update` would, one transaction. */
  async bulkUpdate(auth: AuthContext, dto: BulkUpdateLinksDto, requestId: string): Promise<BulkLinkResultsDto> {
    if (dto.ids && dto.externalIds) throw AppException.invalidField('externalIds', 'Send ids or externalIds, not both');
    const ids = dto.ids ?? (dto.externalIds ?? []).map((externalId) => EXTERNAL_ID_PREFIX + externalId);
    const steps = await sequentially(
      ids.map((id) => ({ ok: true as const, value: id })),
      async (id) => this.prepareChange(auth, await this.findAccessible(auth, id), dto.data),
    );
    const written = await this.repository.inTransaction(() =>
      sequentially(steps, async (change) => {
        await this.writeChange(change);
        return change;
      }),
    );
    for (const outcome of written)
      if (outcome.ok) this.publishChanged(outcome.value.current, outcome.value.domain, outcome.value.slug);
    return this.bulkResults(written, 200, requestId, (change) => change.current.id);
  }

  /** Deletes each link as `delete` would, one transaction. */
  async bulkDelete(auth: AuthContext, ids: string[], requestId: string): Promise<BulkLinkResultsDto> {
    const steps = await sequentially(
      ids.map((id) => ({ ok: true as const, value: id })),
      (id) => this.findAccessible(auth, id),
    );
    const written = await this.repository.inTransaction(() =>
      sequentially(steps, async (record) => {
        await this.deleteFound(record.link);
        return record.link;
      }),
    );
    for (const outcome of written)
      if (outcome.ok) this.linkChanges.publish({ domain: outcome.value.domain, slug: outcome.value.slug });
    return {
      results: written.map((outcome, index) =>
        outcome.ok ? { index, status: 204 } : { index, ...errorResult(outcome.error, requestId) },
      ),
    };
  }

  /**
   * Creates the link, or updates the one with the same key: `externalId` when given, else `domain` +
   * `slug`. Two concurrent upserts of one key make one link: the unique index lets one insert win and
   * the other, finding the key taken, updates it.
   */
  async upsert(auth: AuthContext, dto: CreateLinkDto): Promise<{ created: boolean; link: LinkDto }> {
    if (!dto.externalId && dto.slug === undefined)
      throw AppException.invalidField('externalId', 'externalId or slug is required to upsert');
    const findExisting = async () =>
      dto.externalId
        ? this.repository.findByExternalId(auth.workspaceId, dto.externalId)
        : this.repository.findBySlug(
            auth.workspaceId,
            await this.domains.resolve(auth.workspaceId, dto.domain),
            dto.slug!,
          );
    for (let attempt = 1; ; attempt++) {
      const existing = await findExisting();
      if (existing) return { created: false, link: await this.update(auth, existing.link.id, dto) };
      try {
        return { created: true, link: await this.create(auth, dto) };
      } catch (error) {
        // Taken meanwhile by a concurrent upsert of the same key: update that link instead.
        const raced = error instanceof AppException && error.code === ErrorCode.conflict;
        if (!raced || attempt >= UPSERT_ATTEMPTS || !(await findExisting())) throw error;
      }
    }
  }

  /** Results in request order; written links are read back in one query. */
  private async bulkResults<T>(
    outcomes: Outcome<T>[],
    status: number,
    requestId: string,
    idOf: (value: T) => string,
  ): Promise<BulkLinkResultsDto> {
    const written = outcomes.flatMap((outcome) => (outcome.ok ? [idOf(outcome.value)] : []));
    const records = new Map((await this.repository.findManyByIds(written)).map((record) => [record.link.id, record]));
    const results = outcomes.map((outcome, index): BulkLinkResultDto => {
      if (!outcome.ok) return { index, ...errorResult(outcome.error, requestId) };
      const record = records.get(idOf(outcome.value));
      // Deleted by a concurrent request between the commit and the read.
      if (!record) return { index, ...errorResult(AppException.notFound(NOT_FOUND), requestId) };
      return { index, status, link: this.toDto(record) };
    });
    return { results };
  }

  /** By id (403 for another workspace's link) or by `ext_<externalId>` within the caller's workspace. */
  private async findAccessible(auth: AuthContext, id: string): Promise<LinkRecord> {
    if (id.startsWith(EXTERNAL_ID_PREFIX)) {
      const record = await this.repository.findByExternalId(auth.workspaceId, id.slice(EXTERNAL_ID_PREFIX.length));
      if (!record) throw AppException.notFound(NOT_FOUND);
      return record;
    }
    const record = await this.repository.findById(id);
    assertWorkspaceAccess(auth, record?.link, NOT_FOUND);
    return record!;
  }

  /** Password, expiry and device or geo targeting are paid features; clearing one (null) is always allowed. */
  private assertLinkControlsAllowed(auth: AuthContext, dto: LinkFieldsDto): void {
    if (LINK_CONTROL_FIELDS.some((field) => dto[field] !== undefined && dto[field] !== null))
      assertPlanIncludes(auth.plan, 'linkControls');
  }

  /** A/B tests are a paid feature; ending one (null, or `testPickWinner: false`) is always allowed. */
  private assertAbTestAllowed(auth: AuthContext, dto: LinkFieldsDto): void {
    if (AB_TEST_FIELDS.some((field) => dto[field] !== undefined && dto[field] !== null && dto[field] !== false))
      assertPlanIncludes(auth.plan, 'abTesting');
  }

  /**
   * The A/B test columns to write for `dto` over the link's `current` test (none on creation): the rules that
   * span fields — a winner among the variants, an end in the future, nothing without variants — are checked
   * against the test as it will be. Ending the test (variants null) clears the rest of it.
   */
  private abTestColumns(dto: LinkFieldsDto, current: AbTestColumns): Partial<AbTestColumns> {
    const columns: Partial<AbTestColumns> = {};
    if (dto.testVariants !== undefined)
      columns.testVariants = dto.testVariants?.map(({ url, weight }) => ({ url, weight })) ?? null;
    if (dto.testEndsAt !== undefined) {
      columns.testEndsAt = dto.testEndsAt === null ? null : new Date(dto.testEndsAt);
      if (columns.testEndsAt && columns.testEndsAt.getTime() <= Date.now())
        throw AppException.invalidField('testEndsAt', 'testEndsAt must be in the future');
    }
    if (dto.winnerUrl !== undefined) columns.winnerUrl = dto.winnerUrl;
    if (dto.testPickWinner !== undefined) columns.testPickWinner = dto.testPickWinner;

    const variants = columns.testVariants === undefined ? current.testVariants : columns.testVariants;
    if (variants === null) {
      for (const field of ['testEndsAt', 'winnerUrl'] as const)
        if (columns[field]) throw AppException.invalidField(field, `${field} needs testVariants`);
      if (columns.testPickWinner)
        throw AppException.invalidField('testPickWinner', 'testPickWinner needs testVariants');
      return columns.testVariants === null ? { ...NO_AB_TEST } : columns;
    }
    const winnerUrl = columns.winnerUrl === undefined ? current.winnerUrl : columns.winnerUrl;
    if (winnerUrl !== null && !variants.some((variant) => variant.url === winnerUrl)) {
      if (columns.winnerUrl !== undefined)
        throw AppException.invalidField('winnerUrl', 'winnerUrl must be the URL of one of testVariants');
      // The variants changed under a winner that is no longer one of them: the new test has none yet.
      columns.winnerUrl = null;
    }
    return columns;
  }

  /** Every destination of the request, checked together so one 400 names every looping field. */
  private assertNoSelfRedirect(dto: Partial<CreateLinkDto>): Promise<void> {
    return this.loops.assertNone(this.destinations(dto));
  }

  private destinations(dto: Partial<CreateLinkDto>): Destination[] {
    return [
      ['url', dto.url],
      ['expiredUrl', dto.expiredUrl],
      ['ios', dto.ios],
      ['android', dto.android],
      ...Object.entries(dto.geo ?? {}).map(([country, url]): Destination => [`geo.${country}`, url]),
      ...(dto.testVariants ?? []).map(({ url }, index): Destination => [`testVariants[${index}].url`, url]),
    ];
  }

  /** A folder, tag or template of the request: 400 when it does not exist, 403 when another workspace's. */
  private ownedBy<T extends { workspaceId: string }>(
    auth: AuthContext,
    found: T | undefined,
    field: string,
    notFound: string,
  ): T {
    if (!found) throw AppException.invalidField(field, notFound);
    if (found.workspaceId !== auth.workspaceId) throw AppException.forbidden();
    return found;
  }

  /**
   * Clear 409s before writing (a unique violation would also be logged as a failed query); the unique
   * indexes still decide races, through toConflict.
   */
  private async assertAvailable(
    auth: AuthContext,
    domain: string,
    slug: string | undefined,
    externalId: string | null | undefined,
    exceptId: string | null,
  ): Promise<void> {
    if (slug !== undefined && (await this.repository.slugTaken(domain, slug, exceptId)))
      throw slugConflict(domain, slug);
    if (externalId && (await this.repository.externalIdTaken(auth.workspaceId, externalId, exceptId)))
      throw externalIdConflict(externalId);
  }

  private async resolveFolderId(auth: AuthContext, folderId: string | null | undefined): Promise<string | null> {
    if (folderId === undefined || folderId === null) return null;
    const folder = await this.repository.findFolder(folderId);
    if (!folder) throw AppException.invalidField('folderId', `Folder ${folderId} not found`);
    if (folder.workspaceId !== auth.workspaceId) throw AppException.forbidden();
    return folder.id;
  }

  private async resolveTagIds(auth: AuthContext, requested: string[]): Promise<string[]> {
    const tagIds = [...new Set(requested)];
    if (tagIds.length === 0) return [];
    const tags = await this.repository.findTags(tagIds);
    const missing = tagIds.filter((tagId) => !tags.some((tag) => tag.id === tagId));
    if (missing.length > 0) throw AppException.invalidField('tagIds', `Tag ${missing.join(', ')} not found`);
    if (tags.some((tag) => tag.workspaceId !== auth.workspaceId)) throw AppException.forbidden();
    return tagIds;
  }

  private async findUtmTemplate(auth: AuthContext, id: string): Promise<UtmTemplateEntity> {
    const template = await this.repository.findUtmTemplate(id);
    if (!template) throw AppException.invalidField('utmTemplateId', `UTM template ${id} not found`);
    if (template.workspaceId !== auth.workspaceId) throw AppException.forbidden();
    return template;
  }

  /**
   * UTM columns to write: a field sent in the request (even null) wins, then the template's value when
   * it has one; other columns are left out (null on creation, unchanged on update).
   */
  private utmColumns(dto: LinkFieldsDto, template: UtmTemplateEntity | null): Partial<UtmColumns> {
    const columns: Partial<UtmColumns> = {};
    for (const [field, column] of UTM_FIELDS) {
      if (dto[field] !== undefined) columns[column] = dto[field];
      else if (template?.[column]) columns[column] = template[column];
    }
    return columns;
  }

  private randomSlug(): string {
    let slug: string;
    do slug = randomBase62(RANDOM_SLUG_LENGTH);
    while (isReservedSlug(slug));
    return slug;
  }

  /** Redirect caches must drop the old short link, and the new one if it moved (it may be cached as unknown). */
  private publishChanged(previous: LinkEntity, domain: string, slug: string): void {
    this.linkChanges.publish({ domain: previous.domain, slug: previous.slug });
    if (domain !== previous.domain || slug !== previous.slug) this.linkChanges.publish({ domain, slug });
  }

  private toConflict(error: unknown, domain: string, slug: string, externalId: string | null): unknown {
    if (isUniqueViolation(error, SLUG_CONSTRAINT)) return slugConflict(domain, slug);
    if (isUniqueViolation(error, EXTERNAL_ID_CONSTRAINT)) return externalIdConflict(externalId);
    if (driverErrorCode(error) === FOREIGN_KEY_VIOLATION)
      return AppException.conflict('A folder or tag of this link was deleted meanwhile; retry');
    return error;
  }

  private toDto(record: LinkRecord): LinkDto {
    return toLinkDto(record, this.domains.shortLink(record.link.domain, record.link.slug));
  }
}

function slugConflict(domain: string, slug: string): AppException {
  return AppException.conflict(`Slug "${slug}" is already in use on ${domain}`);
}

function externalIdConflict(externalId: string | null): AppException {
  return AppException.conflict(`externalId "${externalId}" is already used by another link of this workspace`);
}

function driverErrorCode(error: unknown): string | undefined {
  const failure = error as { driverError?: { code?: string }; code?: string } | null;
  return failure?.driverError?.code ?? failure?.code;
}

/** A new link whose rules all passed: what `insertPrepared` inserts (a random slug when `slug` is undefined). */
export interface PreparedLink {
  link: Omit<NewLink, 'id' | 'slug'>;
  tagIds: string[];
  slug: string | undefined;
  /** The requested domain is not one of the workspace's, and the default domain was used instead. */
  domainReplaced: boolean;
}

export interface NewLinkOptions {
  /** Use the default domain instead of refusing a domain the workspace cannot use (imports). */
  replaceUnusableDomain?: boolean;
}

export interface CreatedLink {
  id: string;
  domain: string;
  slug: string;
  domainReplaced: boolean;
}

type CandidateFailure = Extract<CandidateOutcome, { inserted: false }>['reason'];

export interface PreparedChange {
  current: LinkEntity;
  changes: LinkChanges;
  tagIds: string[] | undefined;
  domain: string;
  slug: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The outcome of one item; an unexpected error (a bug, the database gone) still fails the whole request. */
export function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => {
      if (toErrorResponse(error, '').unexpected) throw error;
      return { ok: false as const, error };
    },
  );
}

/** Runs `step` on each successful outcome in order (never two at once), keeping earlier failures as they are. */
async function sequentially<T, R>(outcomes: Outcome<T>[], step: (value: T) => Promise<R>): Promise<Outcome<R>[]> {
  const results: Outcome<R>[] = [];
  for (const outcome of outcomes) results.push(outcome.ok ? await settle(step(outcome.value)) : outcome);
  return results;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** An item's error as the status and body the same error would have had on the single route. */
function errorResult(error: unknown, requestId: string): { status: number; error: ErrorBody } {
  const { body } = toErrorResponse(error, requestId);
  return { status: body.statusCode, error: body };
}

/** The social preview as stored: blank fields dropped to null, null when nothing is left to show. */
function toSocialPreview(dto: SocialPreviewDto | null | undefined): LinkSocialPreview | null {
  const preview: LinkSocialPreview = {
    title: dto?.title || null,
    description: dto?.description?.trim() || null,
    image: dto?.image || null,
  };
  return preview.title || preview.description || preview.image ? preview : null;
}
