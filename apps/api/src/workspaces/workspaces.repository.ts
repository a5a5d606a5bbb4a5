import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipEntity, PlanName, Role, WorkspaceEntity } from '@app/database';
import { DataSource } from 'typeorm';

export interface WorkspaceWithRole {
  workspace: WorkspaceEntity;
  role: Role;
}

@Injectable()
export class WorkspacesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A workspace and its first owner, in one transaction. */
  async createWithOwner(
    workspace: Pick<WorkspaceEntity, 'id' | 'name' | 'plan'>,
    ownerId: string,
  ): Promise<WorkspaceEntity> {
    return this.dataSource.transaction(async (manager) => {
      const created = await manager.save(WorkspaceEntity, manager.create(WorkspaceEntity, workspace));
      await manager.insert(MembershipEntity, { workspaceId: created.id, userId: ownerId, role: 'owner' });
      return created;
    });
  }

  async listForUser(userId: string): Promise<WorkspaceWithRole[]> {
    const memberships = await this.dataSource.getRepository(MembershipEntity).find({
      where: { userId },
      relations: { workspace: true },
      order: { createdAt: 'ASC', workspaceId: 'ASC' },
    });
    return memberships.map((membership) => ({ workspace: membership.workspace!, role: membership.role }));
  }

  findById(id: string): Promise<WorkspaceEntity | null> {
    return this.dataSource.getRepository(WorkspaceEntity).findOneBy({ id });
  }

  async findRole(workspaceId: string, userId: string): Promise<Role | null> {
    const membership = await this.dataSource.getRepository(MembershipEntity).findOneBy({ workspaceId, userId });
    return membership?.role ?? null;
  }

  async update(
    id: string,
    changes: Partial<Pick<WorkspaceEntity, 'name' | 'allowedHostnames' | 'timeZone' | 'plan'>>,
  ): Promise<WorkspaceEntity> {
    await this.dataSource.getRepository(WorkspaceEntity).update({ id }, changes);
    return this.dataSource.getRepository(WorkspaceEntity).findOneByOrFail({ id });
  }

  setPlan(id: string, plan: PlanName): Promise<WorkspaceEntity> {
    return this.update(id, { plan });
  }
}
