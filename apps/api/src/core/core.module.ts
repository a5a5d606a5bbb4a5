import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import {
  AuthGuard,
  AuthLibModule,
  BUCKET_FILL_MS,
  bucketCapacity,
  MemoryTokenBucketStorage,
  RateLimitGuard,
  RedisTokenBucketStorage,
} from '@app/auth';
import { AllExceptionsFilter, AppConfig, createValidationPipe, REDIS_CLIENT } from '@app/common';
import type Redis from 'ioredis';
import { InputBoundary } from './input-boundary';

/**
 * The cross-cutting providers, registered once: the input boundary (before everything), the guard (auth
 * and rate limit), error filter, validation.
 */
@Module({
  imports: [
    AuthLibModule,
    ThrottlerModule.forRootAsync({
      inject: [REDIS_CLIENT, AppConfig],
      useFactory: (redis: Redis | null, config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: BUCKET_FILL_MS, limit: bucketCapacity }],
        storage: redis ? new RedisTokenBucketStorage(redis, config.REDIS_KEY_PREFIX) : new MemoryTokenBucketStorage(),
      }),
    }),
  ],
  providers: [
    // The AuthGuard charges the rate limit itself, between identifying the caller and checking access.
    RateLimitGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    InputBoundary,
  ],
})
export class CoreModule {}
