import { Injectable } from '@nestjs/common';
import { generateToken, sha256Hex, SessionUser } from '@app/auth';
import { AppConfig, AppException, newId } from '@app/common';
import type { InvitationEntity, Role } from '@app/database';
import { WorkspacesService } from '../workspaces/workspaces.service';
import type { WorkspaceDto } from '../workspaces/dto/workspace.dto';
import type {
  AcceptInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationDto,
  InvitationListDto,
  MemberListDto,
  UpdateMemberDto,
} from './dto/member.dto';
import { MembersRepository } from './members.repository';

const INVITATION_LIFETIME_MS = 7 * 86_400_000;
const MANAGERS: Role[] = ['owner', 'admin'];

/** Who belongs to a workspace and with which role; invitations by email. */
@Injectable()
export class MembersService {
  constructor(
    private readonly repository: MembersRepository,
    private readonly workspaces: WorkspacesService,
    private readonly config: AppConfig,
  ) {}

  async list(session: SessionUser, workspaceId: string): Promise<MemberListDto> {
    await this.roleIn(session, workspaceId);
    const rows = await this.repository.listMembers(workspaceId);
    return {
      data: rows.map((row) => ({
        userId: row.userId,
        email: row.email,
        name: row.name,
        role: row.role,
        type: row.isMachine ? 'machine' : 'user',
        joinedAt: new Date(row.joinedAt).toISOString(),
      })),
    };
  }

  async updateRole(
    session: SessionUser,
    workspaceId: string,
    userId: string,
    dto: UpdateMemberDto,
  ): Promise<MemberListDto> {
    const role = await this.roleIn(session, workspaceId, MANAGERS);
    const target = await this.repository.findRole(workspaceId, userId);
    if (!target) throw AppException.notFound('Member not found');
    if ((target === 'owner' || dto.role === 'owner') && role !== 'owner')
      throw AppException.forbidden('Only owners can grant or take away the owner role');
    if (!(await this.repository.changeMembership(workspaceId, userId, dto.role)))
      throw AppException.conflict('A workspace needs at least one owner');
    return this.list(session, workspaceId);
  }

  /** Owners and admins remove members; anyone may leave. The last owner can do neither. */
  async remove(session: SessionUser, workspaceId: string, userId: string): Promise<void> {
    const leaving = userId === session.userId;
    const role = await this.roleIn(session, workspaceId, leaving ? undefined : MANAGERS);
    const target = await this.repository.findRole(workspaceId, userId);
    if (!target) throw AppException.notFound('Member not found');
    if (target === 'owner' && role !== 'owner') throw AppException.forbidden('Only owners can remove an owner');
    if (!(await this.repository.changeMembership(workspaceId, userId, null)))
      throw AppException.conflict('A workspace needs at least one owner');
  }

  async invite(session: SessionUser, workspaceId: string, dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    const role = await this.roleIn(session, workspaceId, MANAGERS);
    if (dto.role === 'owner' && role !== 'owner') throw AppException.forbidden('Only owners can invite owners');
    if (await this.repository.isMemberByEmail(workspaceId, dto.email))
      throw AppException.conflict(`${dto.email} is already a member of this workspace`);
    const token = generateToken();
    const invitation = await this.repository.replaceInvitation({
      id: newId('invitation'),
      workspaceId,
      email: dto.email,
      role: dto.role,
      tokenHash: sha256Hex(token),
      invitedById: session.userId,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
    });
    return {
      ...toInvitationDto(invitation),
      token,
      acceptUrl: `${this.config.PUBLIC_URL}/app/invitations/accept?token=${token}`,
    };
  }

  async listInvitations(session: SessionUser, workspaceId: string): Promise<InvitationListDto> {
    await this.roleIn(session, workspaceId, MANAGERS);
    return { data: (await this.repository.listInvitations(workspaceId)).map(toInvitationDto) };
  }

  async revokeInvitation(session: SessionUser, workspaceId: string, invitationId: string): Promise<void> {
    await this.roleIn(session, workspaceId, MANAGERS);
    const invitation = await this.repository.findInvitation(invitationId);
    if (!invitation || invitation.workspaceId !== workspaceId) throw AppException.notFound('Invitation not found');
    await this.repository.deleteInvitation(invitation.id);
  }

  /** The signed-in person joins, if the invitation was made out to their email and has not expired. */
  async accept(session: SessionUser, dto: AcceptInvitationDto): Promise<WorkspaceDto> {
    const invitation = await this.repository.findInvitationByTokenHash(sha256Hex(dto.token));
    if (!invitation) throw AppException.notFound('Invitation not found or already used');
    if (invitation.expiresAt.getTime() <= Date.now())
      throw AppException.invalidField('token', 'This invitation has expired; ask for a new one');
    const user = await this.repository.findUser(session.userId);
    if (user?.email !== invitation.email)
      throw AppException.forbidden(`This invitation is for ${invitation.email}; sign in with that email to accept it`);
    await this.repository.accept(invitation, session.userId);
    const joined = (await this.workspaces.list(session.userId)).data.find(
      (workspace) => workspace.id === invitation.workspaceId,
    );
    return joined!;
  }

  /** The caller's role in the workspace: 404 when it does not exist, 403 for non-members or a role not in `allowed`. */
  private async roleIn(session: SessionUser, workspaceId: string, allowed?: Role[]): Promise<Role> {
    if (!(await this.repository.workspaceExists(workspaceId))) throw AppException.notFound('Workspace not found');
    const role = await this.repository.findRole(workspaceId, session.userId);
    if (!role) throw AppException.forbidden();
    if (allowed && !allowed.includes(role))
      throw AppException.forbidden(`This action requires the ${allowed.join(' or ')} role`);
    return role;
  }
}

function toInvitationDto(invitation: InvitationEntity): InvitationDto {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}
