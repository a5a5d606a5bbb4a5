import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { AppConfig, ConfigModule, RedisModule } from '@app/common';
import { DatabaseModule } from '@app/database';
import { AdminModule } from './admin/admin.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { ConversionsModule } from './conversions/conversions.module';
import { CoreModule } from './core/core.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DomainsModule } from './domains/domains.module';
import { FoldersModule } from './folders/folders.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { LinksModule } from './links/links.module';
import { MembersModule } from './members/members.module';
import { MetricsModule } from './metrics/metrics.module';
import { TagsModule } from './tags/tags.module';
import { UtmTemplatesModule } from './utm-templates/utm-templates.module';
import { RedirectModule } from './redirect/redirect.module';
import { WorkspacesModule } from './workspaces/workspaces.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(
    config: AppConfig,
    extraImports: NonNullable<ModuleMetadata['imports']> = [],
    embeddedInitialData?: Blob,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        RedisModule,
        DatabaseModule.forRoot(config, embeddedInitialData),
        CoreModule,
        HealthModule,
        MetricsModule.forRoot(config),
        AuthModule,
        WorkspacesModule,
        MembersModule,
        ApiKeysModule,
        DomainsModule,
        LinksModule,
        ImportsModule,
        AdminModule,
        FoldersModule,
        TagsModule,
        UtmTemplatesModule,
        ConversionsModule,
        AnalyticsModule,
        DashboardModule,
        WebhooksModule,
        ...extraImports,
        // Last: its `/:slug` catches what no other route does (Fastify prefers static segments anyway).
        RedirectModule,
      ],
    };
  }
}
