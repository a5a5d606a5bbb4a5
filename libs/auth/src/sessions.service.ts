import { Injectable } from '@nestjs/common';
import { AppConfig, newId } from '@app/common';
import { CredentialsRepository, SessionRow } from './credentials.repository';
import { generateToken, safeEqual, sha256Hex } from './credentials';

export const SESSION_COOKIE = 'lt_session';
export const CSRF_COOKIE = 'lt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side sessions: only hashes are stored; the CSRF token is bound to its session. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly config: AppConfig,
  ) {}

  async issue(userId: string, userAgent: string | undefined): Promise<IssuedSession> {
    const token = generateToken();
    const csrfToken = generateToken();
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_DAYS * 86_400_000);
    await this.repository.insertSession({
      id: newId('session'),
      tokenHash: sha256Hex(token),
      csrfHash: sha256Hex(csrfToken),
      userId,
      expiresAt,
      userAgent: userAgent?.slice(0, 500) ?? null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The live session for a cookie token, or null when unknown, expired or revoked. */
  async resolve(token: string, workspaceId: string | null): Promise<SessionRow | null> {
    const session = await this.repository.findSession(sha256Hex(token), workspaceId);
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return null;
    return session;
  }

  /** Double submit: the header must equal the cookie, and both must be this session's token. */
  csrfMatches(session: SessionRow, cookieToken: string | undefined, headerToken: string | undefined): boolean {
    if (!cookieToken || !headerToken || !safeEqual(cookieToken, headerToken)) return false;
    return safeEqual(sha256Hex(headerToken), session.csrfHash);
  }

  revoke(sessionId: string): Promise<void> {
    return this.repository.revokeSession(sessionId);
  }
}
