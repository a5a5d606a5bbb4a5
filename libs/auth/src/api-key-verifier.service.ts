import { Injectable, Logger } from '@nestjs/common';
import { AppException, ErrorCode } from '@app/common';
import type { AuthContext } from './auth-context';
import { CredentialsRepository } from './credentials.repository';
import { API_KEY_PATTERN, sha256Hex } from './credentials';

const TOUCH_INTERVAL_MS = 60_000;

/** Turns a presented key into an AuthContext, or throws the exact 401 of docs/API.md (Authentication). */
@Injectable()
export class ApiKeyVerifier {
  private readonly logger = new Logger(ApiKeyVerifier.name);

  constructor(private readonly repository: CredentialsRepository) {}

  async verify(token: string): Promise<AuthContext> {
    if (!API_KEY_PATTERN.test(token)) throw AppException.unauthorized('Invalid API key', ErrorCode.invalidApiKey);
    const key = await this.repository.findKeyByHash(sha256Hex(token));
    if (!key) throw AppException.unauthorized('Invalid API key', ErrorCode.invalidApiKey);
    const now = Date.now();
    if ((key.revokedAt && key.revokedAt.getTime() <= now) || !key.role) {
      throw AppException.unauthorized('API key has been deleted or revoked', ErrorCode.apiKeyRevoked);
    }
    if (key.expiresAt && key.expiresAt.getTime() <= now)
      throw AppException.unauthorized('API key has expired', ErrorCode.apiKeyExpired);

    // The database re-checks the minute, so instances racing here still write at most once a minute.
    if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      this.repository
        .touchKey(key.id)
        .catch((error: Error) => this.logger.warn(`lastUsedAt not written: ${error.message}`));
    }
    return {
      via: 'api_key',
      userId: key.ownerId,
      workspaceId: key.workspaceId,
      role: key.role,
      plan: key.plan,
      scopes: key.type === 'publishable' ? ['conversions'] : key.scopes,
      apiKey: { id: key.id, type: key.type, rateLimit: key.rateLimit, expiresAt: key.expiresAt },
      allowedHostnames: key.allowedHostnames,
    };
  }
}
