import { Inject } from '@nestjs/common';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Injects the shared ioredis client, or null when REDIS_URL is unset (single-instance mode). */
export const InjectRedis = () => Inject(REDIS_CLIENT);
