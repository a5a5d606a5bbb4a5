import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, RedisModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { AdminModule } from './admin/admin.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';
import { RedirectModule } from './redirect/redirect.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        DatabaseModule.forRoot(config),
        CoreModule,
        HealthModule,
        AuthModule,
        WorkspacesModule,
        ApiKeysModule,
        AdminModule,
        // Last: its `/:slug` catches what no other route does (Fastify prefers static segments anyway).
        RedirectModule,
      ],
    };
  }
}
