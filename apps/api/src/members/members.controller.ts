import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentSession, SessionUser } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { WorkspaceDto } from '../workspaces/dto/workspace.dto';
import {
  AcceptInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationListDto,
  MemberListDto,
  UpdateMemberDto,
} from './dto/member.dto';
import { MembersService } from './members.service';

@ApiTags('Workspaces')
@Controller('api')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  /** Members of a workspace with their roles (any member may see them). */
  @Get('workspaces/:id/members')
  @Authenticated({ session: true, workspace: false })
  listMembers(@CurrentSession() session: SessionUser, @Param('id') workspaceId: string): Promise<MemberListDto> {
    return this.members.list(session, workspaceId);
  }

  /**
   * Changes a member's role (owner or admin; only owners touch the owner role; the last owner stays). Made
   * `member`, a person loses the keys they created or rotated that act as someone else (members hold only their own).
   */
  @Patch('workspaces/:id/members/:userId')
  @Authenticated({ session: true, workspace: false })
  @ApiErrors(ErrorCode.conflict)
  updateMember(
    @CurrentSession() session: SessionUser,
    @Param('id') workspaceId: string,
    @Param('userId') userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberListDto> {
    return this.members.updateRole(session, workspaceId, userId, dto);
  }

  /**
   * Removes a member (owner or admin), or leaves (yourself). Every key whose secret they were shown is revoked at
   * once: keys they own, keys they created for machine users, keys they rotated. Rotate such keys first to keep them.
   */
  @Delete('workspaces/:id/members/:userId')
  @HttpCode(204)
  @Authenticated({ session: true, workspace: false })
  @ApiErrors(ErrorCode.conflict)
  removeMember(
    @CurrentSession() session: SessionUser,
    @Param('id') workspaceId: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    return this.members.remove(session, workspaceId, userId);
  }

  /** Invites an email with a role (owner or admin); answers the token once, to share with the invitee. Valid 7 days. */
  @Post('workspaces/:id/invitations')
  @Authenticated({ session: true, workspace: false })
  @ApiErrors(ErrorCode.conflict)
  createInvitation(
    @CurrentSession() session: SessionUser,
    @Param('id') workspaceId: string,
    @Body() dto: CreateInvitationDto,
  ): Promise<CreatedInvitationDto> {
    return this.members.invite(session, workspaceId, dto);
  }

  /** Pending invitations (owner or admin). */
  @Get('workspaces/:id/invitations')
  @Authenticated({ session: true, workspace: false })
  listInvitations(
    @CurrentSession() session: SessionUser,
    @Param('id') workspaceId: string,
  ): Promise<InvitationListDto> {
    return this.members.listInvitations(session, workspaceId);
  }

  /** Withdraws an invitation (owner or admin). */
  @Delete('workspaces/:id/invitations/:invitationId')
  @HttpCode(204)
  @Authenticated({ session: true, workspace: false })
  revokeInvitation(
    @CurrentSession() session: SessionUser,
    @Param('id') workspaceId: string,
    @Param('invitationId') invitationId: string,
  ): Promise<void> {
    return this.members.revokeInvitation(session, workspaceId, invitationId);
  }

  /** Joins the workspace of an invitation made out to the signed-in person's email. */
  @Post('invitations/accept')
  @HttpCode(200)
  @Authenticated({ session: true, workspace: false })
  @ApiErrors(ErrorCode.notFound)
  acceptInvitation(@CurrentSession() session: SessionUser, @Body() dto: AcceptInvitationDto): Promise<WorkspaceDto> {
    return this.members.accept(session, dto);
  }
}
