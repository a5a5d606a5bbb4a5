import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipEntity, UserEntity, WorkspaceEntity } from '@app/database';
import { DataSource } from 'typeorm';

@Injectable()
export class AuthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new person, their first workspace and their owner membership, all or nothing. */
  async createUserWithWorkspace(
    user: Pick<UserEntity, 'id' | 'email' | 'passwordHash' | 'name'>,
    workspace: Pick<WorkspaceEntity, 'id' | 'name' | 'plan'>,
  ): Promise<{ user: UserEntity; workspace: WorkspaceEntity }> {
    return this.dataSource.transaction(async (manager) => {
      const createdUser = await manager.save(UserEntity, manager.create(UserEntity, { ...user, isMachine: false }));
      const createdWorkspace = await manager.save(WorkspaceEntity, manager.create(WorkspaceEntity, workspace));
      await manager.insert(MembershipEntity, {
        workspaceId: createdWorkspace.id,
        userId: createdUser.id,
        role: 'owner',
      });
      return { user: createdUser, workspace: createdWorkspace };
    });
  }

  findPersonByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email, isMachine: false });
  }

  hasPerson(): Promise<boolean> {
    return this.dataSource.getRepository(UserEntity).existsBy({ isMachine: false });
  }

  findUserById(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }
}
