import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, MaxLength } from 'class-validator';
import type { Role } from '@app/database';

const ROLES: Role[] = ['owner', 'admin', 'member'];

export class MemberDto {
  userId: string;
  email: string | null;
  name: string | null;
  role: Role;
  /** `machine` for machine users (they act only through their API keys). */
  type: 'user' | 'machine';
  joinedAt: string;
}

export class MemberListDto {
  data: MemberDto[];
}

export class UpdateMemberDto {
  /** owner, admin or member. Only owners grant or take away the owner role. */
  @IsIn(ROLES, { message: 'role must be one of: owner, admin, member' })
  role: Role;
}

export class CreateInvitationDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(320)
  email: string;

  @IsIn(ROLES, { message: 'role must be one of: owner, admin, member' })
  role: Role;
}

export class InvitationDto {
  /** `inv_…` */
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
}

export class CreatedInvitationDto extends InvitationDto {
  /** Shown once: the invitee accepts with it (POST /api/invitations/accept) after signing up or in with this email. */
  token: string;
  /** The dashboard page that accepts it. */
  acceptUrl: string;
}

export class InvitationListDto {
  data: InvitationDto[];
}

export class AcceptInvitationDto {
  @IsString()
  @MaxLength(200)
  token: string;
}
