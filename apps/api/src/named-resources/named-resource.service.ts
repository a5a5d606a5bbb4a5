import { assertWorkspaceAccess, AuthContext } from '@app/auth';
import { AppException, decodeCursor, IdKind, newId, Page, toPage } from '@app/common';
import { assertWithinQuota, QuotaResource } from '@app/plans';
import type { NamedResourceListQueryDto } from './dto/named-resource-list-query.dto';
import type {
  NamedResourceChanges,
  NamedResourceRepository,
  NamedResourceRow,
  NewNamedResource,
} from './named-resource.repository';

/** What tells one named resource from another; everything else about them is the same. */
export interface NamedResourceDefinition<Row extends NamedResourceRow, Dto, CreateDto, UpdateDto> {
  /** The resource as it reads in a sentence: `folder`, `tag`, `UTM template`. */
  noun: string;
  idKind: IdKind;
  quota: QuotaResource;
  toDto(row: Row, linkCount: number): Dto;
  /** Request fields → columns; a field left undefined is not written (PATCH) or takes the column default (POST). */
  toColumns(dto: CreateDto | UpdateDto): NamedResourceChanges<Row>;
}

/**
 * The rules folders, tags and UTM templates share: workspace ownership, the plan quota, names unique per
 * workspace in any letter case (enforced by the unique index, so concurrent writes cannot slip past it).
 */
export abstract class NamedResourceService<
  Row extends NamedResourceRow,
  Dto,
  CreateDto extends { name: string },
  UpdateDto extends { name?: string },
> {
  private readonly notFoundMessage: string;

  protected constructor(
    private readonly repository: NamedResourceRepository<Row>,
    private readonly definition: NamedResourceDefinition<Row, Dto, CreateDto, UpdateDto>,
  ) {
    this.notFoundMessage = `${definition.noun.charAt(0).toUpperCase()}${definition.noun.slice(1)} not found`;
  }

  async list(auth: AuthContext, query: NamedResourceListQueryDto): Promise<Page<Dto>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.list(auth.workspaceId, {
      search: query.search,
      after: decodeCursor(query.cursor),
      limit: limit + 1,
    });
    const linkCounts = await this.repository.countLinks(rows.map(({ entity }) => entity.id));
    return toPage(
      rows,
      limit,
      ({ position }) => position,
      ({ entity }) => this.definition.toDto(entity, linkCounts.get(entity.id) ?? 0),
    );
  }

  async create(auth: AuthContext, dto: CreateDto): Promise<Dto> {
    await this.assertNameFree(auth.workspaceId, dto.name);
    const row: NewNamedResource<Row> = {
      ...this.definition.toColumns(dto),
      name: dto.name,
      id: newId(this.definition.idKind),
      workspaceId: auth.workspaceId,
    };
    const created = await this.refusingTakenName(dto.name, () =>
      this.repository.insertWithinQuota(row, (plan, currentCount) =>
        assertWithinQuota(plan, this.definition.quota, currentCount),
      ),
    );
    return this.definition.toDto(created, 0);
  }

  async update(auth: AuthContext, id: string, dto: UpdateDto): Promise<Dto> {
    await this.findOwned(auth, id);
    if (dto.name !== undefined) await this.assertNameFree(auth.workspaceId, dto.name, id);
    const changes = Object.fromEntries(
      Object.entries(this.definition.toColumns(dto)).filter(([, value]) => value !== undefined),
    );
    const updated = await this.refusingTakenName(dto.name, () =>
      this.repository.update(id, changes as NamedResourceChanges<Row>),
    );
    const linkCounts = await this.repository.countLinks([id]);
    return this.definition.toDto(updated, linkCounts.get(id) ?? 0);
  }

  async delete(auth: AuthContext, id: string): Promise<void> {
    await this.findOwned(auth, id);
    await this.repository.delete(id);
  }

  private async findOwned(auth: AuthContext, id: string): Promise<Row> {
    return assertWorkspaceAccess(auth, await this.repository.findById(id), this.notFoundMessage);
  }

  /** The common case, answered before writing (a failed statement would be logged as a database error). */
  private async assertNameFree(workspaceId: string, name: string, ownId?: string): Promise<void> {
    const holderId = await this.repository.findIdByName(workspaceId, name);
    if (holderId !== null && holderId !== ownId) throw this.nameTaken(name);
  }

  /** A concurrent write can take the name between that check and ours: the unique index refuses it, and so do we. */
  private async refusingTakenName<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (this.repository.isNameTaken(error)) throw this.nameTaken(name ?? '');
      throw error;
    }
  }

  private nameTaken(name: string): AppException {
    return AppException.conflict(
      `A ${this.definition.noun} named "${name}" already exists in this workspace (names are compared ignoring case)`,
    );
  }
}
