import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { AnalyticsCompactionJob } from './analytics-compaction.job';
import { PairRollupsRepository } from './pair-rollups.repository';
import { WeeklyRollupsRepository } from './weekly-rollups.repository';

/** Workspace analytics read from the click rollups and the conversion events, and the compaction job building the pair and weekly rollups. */
@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsService, AnalyticsRepository, PairRollupsRepository, WeeklyRollupsRepository, AnalyticsCompactionJob],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
