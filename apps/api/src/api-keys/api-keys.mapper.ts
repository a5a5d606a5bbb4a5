import type { ApiKeyEntity } from '@app/database';
import type { ApiKeyDto } from './dto/api-key.dto';

export function toApiKeyDto(key: ApiKeyEntity, canManage: boolean): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    type: key.type,
    keyPrefix: key.keyPrefix,
    scopes: key.scopes,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    rateLimit: key.rateLimit,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
    revokesAt: key.revokedAt?.toISOString() ?? null,
    owner: { id: key.ownerId, name: key.owner?.name ?? null, type: key.owner?.isMachine ? 'machine' : 'user' },
    canManage,
  };
}
