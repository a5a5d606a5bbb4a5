import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvitationEntity, MembershipEntity, Role, UserEntity, WorkspaceEntity } from '@app/database';
import { DataSource } from 'typeorm';

export interface MemberRow {
  userId: string;
  email: string | null;
  name: string | null;
  role: Role;
  isMachine: boolean;
  joinedAt: Date;
}

@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  workspaceExists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(WorkspaceEntity).existsBy({ id });
  }

  async findRole(workspaceId: string, userId: string): Promise<Role | null> {
    return (await this.dataSource.getRepository(MembershipEntity).findOneBy({ workspaceId, userId }))?.role ?? null;
  }

  listMembers(workspaceId: string): Promise<MemberRow[]> {
    return this.dataSource.query(
      `SELECT m.user_id AS "userId", u.email, u.name, m.role, u.is_machine AS "isMachine", m.created_at AS "joinedAt"
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = $1 ORDER BY m.created_at, m.user_id`,
      [workspaceId],
    );
  }

  /**
   * Changes a role, or removes the membership (`role` null), unless that would leave the workspace
   * without an owner. The owners are counted under a lock of the workspace row, so two concurrent
   * demotions cannot both pass. Returns false when the last owner would go.
   *
   * Keys go with the rights: a person removed loses every key whose secret they were shown (keys they own,
   * created for a machine user, or rotated); a person made `member` loses those that act as someone else.
   */
  async changeMembership(workspaceId: string, userId: string, role: Role | null): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
      const [{ owners }]: { owners: number }[] = await manager.query(
        `SELECT count(*)::int AS owners FROM memberships WHERE workspace_id = $1 AND role = 'owner' AND user_id <> $2`,
        [workspaceId, userId],
      );
      const current = await manager.findOneBy(MembershipEntity, { workspaceId, userId });
      if (current?.role === 'owner' && role !== 'owner' && owners === 0) return false;
      if (role === null) await manager.delete(MembershipEntity, { workspaceId, userId });
      else await manager.update(MembershipEntity, { workspaceId, userId }, { role });
      if (role === null || role === 'member') {
        await manager.query(
          `UPDATE api_keys SET revoked_at = now()
            WHERE workspace_id = $1 AND (revoked_at IS NULL OR revoked_at > now())
              AND (owner_id = $2 OR created_by_id = $2) AND ($3 OR owner_id <> $2)`,
          [workspaceId, userId, role === null],
        );
      }
      return true;
    });
  }

  findUser(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  async isMemberByEmail(workspaceId: string, email: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND u.email = $2`,
      [workspaceId, email],
    );
    return rows.length > 0;
  }

  /** A new invitation for the email, replacing any earlier one (a fresh token and expiry). */
  async replaceInvitation(
    invitation: Omit<InvitationEntity, 'createdAt' | 'workspace' | 'invitedBy'>,
  ): Promise<InvitationEntity> {
    return this.dataSource.transaction(async (manager) => {
      await manager.delete(InvitationEntity, { workspaceId: invitation.workspaceId, email: invitation.email });
      return manager.save(InvitationEntity, manager.create(InvitationEntity, invitation));
    });
  }

  listInvitations(workspaceId: string): Promise<InvitationEntity[]> {
    return this.dataSource
      .getRepository(InvitationEntity)
      .find({ where: { workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findInvitation(id: string): Promise<InvitationEntity | null> {
    return this.dataSource.getRepository(InvitationEntity).findOneBy({ id });
  }

  findInvitationByTokenHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.dataSource.getRepository(InvitationEntity).findOneBy({ tokenHash });
  }

  async deleteInvitation(id: string): Promise<void> {
    await this.dataSource.getRepository(InvitationEntity).delete({ id });
  }

  /** Joins the workspace with the invited role (an existing membership is kept) and uses up the invitation. */
  async accept(invitation: InvitationEntity, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (workspace_id, user_id) DO NOTHING`,
        [invitation.workspaceId, userId, invitation.role],
      );
      await manager.delete(InvitationEntity, { id: invitation.id });
    });
  }
}
