import { HttpStatus, Injectable } from '@nestjs/common';
import type { AuthContext } from '@app/auth';
import { AppException, ErrorCode, InjectRedis } from '@app/common';
import type Redis from 'ioredis';
import type { HealthDto, ReadinessDto } from './dto/health.dto';
import { HealthRepository } from './health.repository';

const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    @InjectRedis() private readonly redis: Redis | null,
  ) {}

  liveness(auth: AuthContext | undefined): HealthDto {
    return {
      status: 'ok',
      timestamp: new Date().toISOString(),
      ...(auth && { user: { id: auth.userId, workspaceId: auth.workspaceId } }),
    };
  }

  /** 200 when the database (and Redis, when configured) answer within 2 s; 503 otherwise. */
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
    return { status: 'ok', checks: Object.fromEntries(Object.keys(checks).map((name) => [name, 'ok' as const])) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
