import type { ApiKeyType } from '@app/database';

export class ApiKeyOwnerDto {
  id: string;
  name: string | null;
  /** `user` for a person, `machine` for a machine user. */
  type: 'user' | 'machine';
}

export class ApiKeyDto {
  /** `key_…` */
  id: string;
  name: string;
  type: ApiKeyType;
  /** First characters of the key, e.g. `lt_live_a1b2****`; the key itself is never shown again. */
  keyPrefix: string;
  scopes: string[];
  expiresAt: string | null;
  /** Sustained requests per minute; null = the default (100). */
  rateLimit: number | null;
  /** Updated at most once a minute. */
  lastUsedAt: string | null;
  createdAt: string;
  /** When a rotation's grace period ends and this key stops working. */
  revokesAt: string | null;
  owner: ApiKeyOwnerDto;
  /** Whether the caller may rename, rotate and delete it (members: only keys they own or created). */
  canManage: boolean;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The key. Shown once: store it now. */
  key: string;
}

export class ApiKeyPageDto {
  data: ApiKeyDto[];
  nextCursor: string | null;
}
