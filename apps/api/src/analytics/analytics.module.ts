import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { ANALYTICS_STORE } from './analytics-store';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { RealtimeRepository } from './realtime.repository';
import { AnalyticsDatabase } from './store/analytics-database';
import { AnalyticsProjection } from './store/analytics-projection';
import { AnalyticsProjectionRepository } from './store/analytics-projection.repository';
import { DuckDbAnalyticsStore } from './store/duckdb-analytics.store';

/**
 * Workspace analytics: the routes, and the analytics store they read (the AnalyticsStore port; on DuckDB, fed
 * from PostgreSQL's click events by this instance's projection). Other modules read clicks through the port too.
 */
@Module({
  controllers: [AnalyticsController],
  providers: [
    AnalyticsService,
    AnalyticsRepository,
    RealtimeRepository,
    AnalyticsDatabase,
    AnalyticsProjection,
    AnalyticsProjectionRepository,
    { provide: ANALYTICS_STORE, useClass: DuckDbAnalyticsStore },
  ],
  exports: [AnalyticsService, ANALYTICS_STORE, AnalyticsProjection],
})
export class AnalyticsModule {}
