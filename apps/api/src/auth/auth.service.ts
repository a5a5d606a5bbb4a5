import { Injectable } from '@nestjs/common';
import {
  AttemptLimiter,
  AuthContext,
  IssuedSession,
  PasswordHasher,
  SessionsService,
  SessionUser,
  signupLimit,
} from '@app/auth';
import { AppConfig, AppException, newId } from '@app/common';
import { isUniqueViolation, UserEntity } from '@app/database';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { toWorkspaceDto } from '../workspaces/workspaces.mapper';
import { toUserDto } from './auth.mapper';
import { AuthRepository } from './auth.repository';
import type { SignupDto } from './dto/signup.dto';
import type { MeDto, SessionResponseDto } from './dto/user.dto';

export interface SignedIn {
  body: SessionResponseDto;
  session: IssuedSession;
}

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so both paths take the same time. */
  private readonly dummyHash: Promise<string>;
  private readonly signupLimit: ReturnType<typeof signupLimit>;

  constructor(
    private readonly passwords: PasswordHasher,
    private readonly attempts: AttemptLimiter,
    config: AppConfig,
    private readonly repository: AuthRepository,
    private readonly sessions: SessionsService,
    private readonly workspaces: WorkspacesService,
  ) {
    this.dummyHash = passwords.hash('linktrace-timing-equaliser');
    this.signupLimit = signupLimit(config.SIGNUPS_PER_IP_PER_HOUR);
  }

  /** Limited per client IP before the hash: each signup costs an argon2 hash. */
  async signup(dto: SignupDto, ip: string, userAgent: string | undefined): Promise<SignedIn> {
    await this.attempts.assert('Too many signups from this address; try again later', {
      limit: this.signupLimit,
      key: ip,
    });
    const passwordHash = await this.passwords.hash(dto.password);
    const displayName = dto.name ?? dto.email.split('@')[0];
    try {
      const { user, workspace } = await this.repository.createUserWithWorkspace(
        { id: newId('user'), email: dto.email, passwordHash, name: dto.name ?? null },
        this.workspaces.newWorkspace(dto.workspaceName ?? `${displayName}'s workspace`),
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
      await this.passwords.verify(await this.dummyHash, password);
      return null;
    }
    return (await this.passwords.verify(user.passwordHash, password)) ? user : null;
  }

  /** Whether anyone has signed up yet (the startup banner shows the first-account steps until then). */
  hasAccount(): Promise<boolean> {
    return this.repository.hasPerson();
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
      machineUser: user.isMachine,
      ...(auth?.via === 'api_key' && { scopes: auth.scopes ?? [] }),
    };
  }
}
