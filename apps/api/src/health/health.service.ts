import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthContext } from '@app/auth';
import { AppException, ErrorCode, InjectRedis } from '@app/common';
import type Redis from 'ioredis';
import { AnalyticsProjection } from '../analytics/store/analytics-projection';
import type { HealthDto, ReadinessDto } from './dto/health.dto';
import { HealthRepository } from './health.repository';

const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    @InjectRedis() private readonly redis: Redis | null,
    private readonly analytics: AnalyticsProjection,
  ) {}

  /** Names the caller: the person (with email) or machine user, and the key; a publishable key names only itself. */
  async liveness(auth: AuthContext | undefined): Promise<HealthDto> {
    const health: HealthDto = { status: 'ok', timestamp: new Date().toISOString() };
    if (!auth) return health;
    if (auth.apiKey) health.apiKey = { id: auth.apiKey.id, type: auth.apiKey.type, workspaceId: auth.workspaceId };
    // Publishable keys are public (they ship in web pages), so they must not reveal who created them.
    if (auth.apiKey?.type === 'publishable') return health;
    const user = await this.repository.findUser(auth.userId);
    if (user) {
      health.user = {
        id: auth.userId,
        workspaceId: auth.workspaceId,
        email: user.email,
        name: user.name,
        machineUser: user.isMachine,
      };
    }
    return health;
  }

  /**
   * 200 when the database (and Redis, when configured) answer within 2 s; 503 otherwise. A stopped analytics
   * projection is reported (status `degraded`) without failing readiness: redirects and the API still serve.
   */
  async readiness(): Promise<ReadinessDto> {
    const checks: Record<string, () => Promise<unknown>> = { database: () => this.repository.ping() };
    if (this.redis) checks.redis = () => this.redis!.ping();
    const failed: string[] = [];
    await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
        } catch {
          failed.push(name);
        }
      }),
    );
    if (failed.length > 0) {
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.serviceUnavailable,
        `Not ready: ${failed.sort().join(', ')} unavailable`,
      );
    }
    const analytics = this.analytics.state();
    return {
      status: analytics === 'failing' ? 'degraded' : 'ok',
      checks: { ...Object.fromEntries(Object.keys(checks).map((name) => [name, 'ok' as const])), analytics },
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
