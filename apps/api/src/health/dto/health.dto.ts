import type { ApiKeyType } from '@app/database';

/** The person or machine user a credential acts as. */
export class HealthUserDto {
  id: string;
  workspaceId: string;
  /** The person's email; null for a machine user. */
  email: string | null;
  name: string | null;
  /** True for a machine user, which acts only through its keys. */
  machineUser: boolean;
}

/** The key a request was sent with. */
export class HealthApiKeyDto {
  /** `key_…` */
  id: string;
  type: ApiKeyType;
  workspaceId: string;
}

export class HealthDto {
  status: 'ok';
  timestamp: string;
  /** Present when a valid session or secret key was sent; never for a publishable key (it ships in web pages). */
  user?: HealthUserDto;
  /** Present when a valid key was sent. */
  apiKey?: HealthApiKeyDto;
}

export class ReadinessDto {
  /** `degraded`: the instance serves, but its analytics store has stopped following PostgreSQL (answers may lag). */
  status: 'ok' | 'degraded';
  /** `database`, `redis` (when configured): `ok`; `analytics`: `ok`, `rebuilding` or `failing`. */
  checks: Record<string, 'ok' | 'rebuilding' | 'failing'>;
}
