import { Global, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { LinkChangesService } from '../link-changes/link-changes.service';
import { MetricsService } from '../metrics/metrics.service';
import { InjectRedis, REDIS_CLIENT } from './redis.tokens';

export { InjectRedis, REDIS_CLIENT } from './redis.tokens';

@Global()
@Module({
  providers: [
    LinkChangesService,
    MetricsService,
    {
      provide: REDIS_CLIENT,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<Redis | null> => {
        if (!config.REDIS_URL) return null;
        const client = new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          lazyConnect: true,
        });
        client.on('error', (error) => new Logger('Redis').warn(`Redis error: ${error.message}`));
        await client.connect();
        return client;
      },
    },
  ],
  exports: [REDIS_CLIENT, LinkChangesService, MetricsService],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
