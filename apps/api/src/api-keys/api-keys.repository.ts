import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CursorPosition } from '@app/common';
import { ApiKeyEntity, findPage, MembershipEntity, Positioned, UserEntity } from '@app/database';
import { DataSource } from 'typeorm';

export type NewApiKey = Omit<
  ApiKeyEntity,
  'createdAt' | 'lastUsedAt' | 'revokedAt' | 'workspace' | 'owner' | 'createdBy'
>;

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get keys() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  /** Inserts a key; with `machineUser`, first creates that user and its membership, all in one transaction. */
  async create(key: NewApiKey, machineUser?: { id: string; name: string }): Promise<ApiKeyEntity> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (machineUser) {
        await manager.insert(UserEntity, {
          id: machineUser.id,
          name: machineUser.name,
          isMachine: true,
          email: null,
          passwordHash: null,
        });
        await manager.insert(MembershipEntity, {
          workspaceId: key.workspaceId,
          userId: machineUser.id,
          role: 'member',
        });
      }
      await manager.insert(ApiKeyEntity, key);
      return key.id;
    });
    return this.findById(id) as Promise<ApiKeyEntity>;
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOne({ where: { id }, relations: { owner: true } });
  }

  /** Keys not yet revoked (including those a rotation will revoke later), newest first. */
  listActive(workspaceId: string, after: CursorPosition | null, limit: number): Promise<Positioned<ApiKeyEntity>[]> {
    const query = this.keys
      .createQueryBuilder('key')
      .leftJoinAndSelect('key.owner', 'owner')
      .where('key.workspace_id = :workspaceId', { workspaceId })
      .andWhere('(key.revoked_at IS NULL OR key.revoked_at > now())');
    return findPage(query, {
      column: 'key.created_at',
      idColumn: 'key.id',
      direction: 'DESC',
      kind: 'timestamp',
      after,
      limit,
    });
  }

  async rename(id: string, name: string): Promise<ApiKeyEntity> {
    await this.keys.update({ id }, { name });
    return this.findById(id) as Promise<ApiKeyEntity>;
  }

  async revoke(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND (revoked_at IS NULL OR revoked_at > now())`,
      [id],
    );
  }

  /**
   * The replacement key and the old key's revocation time, together. A revocation already set is only ever
   * brought forward: rotating a key in its grace period again never lengthens it.
   */
  async rotate(oldId: string, replacement: NewApiKey, revokeOldAt: Date): Promise<ApiKeyEntity> {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(ApiKeyEntity, replacement);
      await manager.query(`UPDATE api_keys SET revoked_at = LEAST(COALESCE(revoked_at, $2), $2) WHERE id = $1`, [
        oldId,
        revokeOldAt,
      ]);
    });
    return this.findById(replacement.id) as Promise<ApiKeyEntity>;
  }
}
