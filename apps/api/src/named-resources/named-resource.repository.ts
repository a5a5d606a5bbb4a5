import type { CursorPosition } from '@app/common';
import {
  escapeLikePattern,
  findPage,
  isUniqueViolation,
  lockWorkspaceForQuota,
  PlanName,
  Positioned,
} from '@app/database';
import { DataSource, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Columns every workspace-owned, uniquely named resource (folder, tag, UTM template) has. */
export interface NamedResourceRow {
  id: string;
  workspaceId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Writable columns; one left undefined is not written. */
export type NamedResourceChanges<Row extends NamedResourceRow> = Partial<
  Omit<Row, 'id' | 'workspaceId' | 'createdAt' | 'updatedAt' | 'workspace'>
>;
/** A new row: the columns it sets (the others take their default) plus what every row needs. */
export type NewNamedResource<Row extends NamedResourceRow> = NamedResourceChanges<Row> &
  Pick<NamedResourceRow, 'id' | 'workspaceId' | 'name'>;

export interface NamedResourceTable {
  /** The unique index on (workspace_id, lower(name)) of the hand-written migration. */
  nameIndex: string;
  /** Where links point at a row (SQL identifiers, constants of the subclass); omitted when links never do. */
  linkReferences?: { table: string; column: string };
}

/**
 * Queries shared by the folder, tag and UTM template repositories, which differ only in their table.
 * Holds no rules: the caller passes the quota check into `insertWithinQuota`.
 */
export abstract class NamedResourceRepository<Row extends NamedResourceRow> {
  protected constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<Row>,
    private readonly table: NamedResourceTable,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(this.entity);
  }

  findById(id: string): Promise<Row | null> {
    return this.rows.findOneBy({ id } as FindOptionsWhere<Row>);
  }

  /** The row of the workspace holding this name in any letter case (served by the unique index on lower(name)). */
  async findIdByName(workspaceId: string, name: string): Promise<string | null> {
    const holder = await this.rows
      .createQueryBuilder('resource')
      .select('resource.id', 'id')
      .where('resource.workspace_id = :workspaceId', { workspaceId })
      .andWhere('lower(resource.name) = lower(:name)', { name })
      .getRawOne<{ id: string }>();
    return holder?.id ?? null;
  }

  /** A page of the workspace's rows, oldest first, optionally filtered by a substring of the name. */
  async list(
    workspaceId: string,
    options: { search?: string; after: CursorPosition | null; limit: number },
  ): Promise<Positioned<Row>[]> {
    const query = this.rows
      .createQueryBuilder('resource')
      .where('resource.workspace_id = :workspaceId', { workspaceId });
    if (options.search)
      query.andWhere('resource.name ILIKE :pattern', { pattern: `%${escapeLikePattern(options.search)}%` });
    return findPage(query, {
      column: 'resource.created_at',
      idColumn: 'resource.id',
      direction: 'ASC',
      kind: 'timestamp',
      after: options.after,
      limit: options.limit,
    });
  }

  /** Links per row, for the given ids, in one grouped query; rows without links are absent from the map. */
  async countLinks(ids: string[]): Promise<Map<string, number>> {
    const references = this.table.linkReferences;
    if (!references || ids.length === 0) return new Map();
    const counts: { id: string; count: string | number }[] = await this.dataSource.query(
      `SELECT ${references.column} AS id, count(*) AS count FROM ${references.table} WHERE ${references.column} = ANY($1) GROUP BY ${references.column}`,
      [ids],
    );
    return new Map(counts.map(({ id, count }) => [id, Number(count)]));
  }

  /**
   * Lock the workspace, count its rows, let `assertRoom` refuse, insert — one transaction, so concurrent
   * creates queue on the workspace row and cannot both take the last slot of the quota.
   */
  insertWithinQuota(
    row: NewNamedResource<Row>,
    assertRoom: (plan: PlanName, currentCount: number) => void,
  ): Promise<Row> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockWorkspaceForQuota(manager, row.workspaceId);
      assertRoom(plan, await manager.countBy(this.entity, { workspaceId: row.workspaceId } as FindOptionsWhere<Row>));
      await manager.insert(this.entity, row as QueryDeepPartialEntity<Row>);
      return manager.findOneByOrFail(this.entity, { id: row.id } as FindOptionsWhere<Row>);
    });
  }

  async update(id: string, changes: NamedResourceChanges<Row>): Promise<Row> {
    if (Object.keys(changes).length > 0) await this.rows.update(id, changes as QueryDeepPartialEntity<Row>);
    return this.rows.findOneByOrFail({ id } as FindOptionsWhere<Row>);
  }

  /** Deletes the row; the foreign keys detach or drop what referenced it (links themselves survive). */
  async delete(id: string): Promise<void> {
    await this.rows.delete(id);
  }

  /** Whether an insert or update failed because the workspace already has that name (in any letter case). */
  isNameTaken(error: unknown): boolean {
    return isUniqueViolation(error, this.table.nameIndex);
  }
}
