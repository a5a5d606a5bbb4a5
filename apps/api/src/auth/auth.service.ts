import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AuthContext, IssuedSession, SessionsService, SessionUser } from '@app/auth';
import { AppException, newId } from '@app/common';
import { isUniqueViolation, UserEntity } from '@app/database';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { toWorkspaceDto } from '../workspaces/workspaces.mapper';
import { toUserDto } from './auth.mapper';
import { AuthRepository } from './auth.repository';
import type { SignupDto } from './dto/signup.dto';
import type { MeDto, SessionResponseDto } from './dto/user.dto';

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended floor. */
const HASH_OPTIONS = { type: argon2.argon2id } as const;

export interface SignedIn {
  body: SessionResponseDto;
  session: IssuedSession;
}

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both paths take the same time. */
  private readonly dummyHash = argon2.hash('linktrace-timing-equaliser', HASH_OPTIONS);

  constructor(
    private readonly repository: AuthRepository,
    private readonly sessions: SessionsService,
    private readonly workspaces: WorkspacesService,
  ) {}

  async signup(dto: SignupDto, userAgent: string | undefined): Promise<SignedIn> {
    const passwordHash = await argon2.hash(dto.password, HASH_OPTIONS);
    const displayName = dto.name ?? dto.email.split('@')[0];
    try {
      const { user, workspace } = await this.repository.createUserWithWorkspace(
        { id: newId('user'), email: dto.email, passwordHash, name: dto.name ?? null },
        { id: newId('workspace'), name: dto.workspaceName ?? `${displayName}'s workspace` },
      );
      const session = await this.sessions.issue(user.id, userAgent);
      return { body: { user: toUserDto(user), workspace: toWorkspaceDto(workspace, 'owner') }, session };
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_key'))
        throw AppException.conflict('An account with this email already exists');
      throw error;
    }
  }

  /** The person with these credentials, or null. Used by the passport-local strategy. */
  async verifyCredentials(email: string, password: string): Promise<UserEntity | null> {
    const user = await this.repository.findPersonByEmail(email);
    if (!user?.passwordHash) {
      await argon2.verify(await this.dummyHash, password);
      return null;
    }
    return (await argon2.verify(user.passwordHash, password)) ? user : null;
  }

  async login(user: UserEntity, userAgent: string | undefined): Promise<SignedIn> {
    const session = await this.sessions.issue(user.id, userAgent);
    const { data } = await this.workspaces.list(user.id);
    return { body: { user: toUserDto(user), workspace: data[0] ?? null }, session };
  }

  logout(session: SessionUser): Promise<void> {
    return this.sessions.revoke(session.sessionId);
  }

  async me(auth: AuthContext | undefined, session: SessionUser | undefined): Promise<MeDto> {
    const userId = auth?.userId ?? session!.userId;
    const user = await this.repository.findUserById(userId);
    if (!user) throw AppException.unauthorized('Session expired or invalid; log in again');
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      workspaceId: auth?.workspaceId ?? null,
      role: auth?.role ?? null,
      via: auth?.via ?? 'session',
      ...(auth?.via === 'api_key' && { scopes: auth.scopes ?? [] }),
    };
  }
}
