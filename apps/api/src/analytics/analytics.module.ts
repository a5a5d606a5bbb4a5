import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { AnalyticsCompactionJob } from './analytics-compaction.job';
import { PairRollupsRepository } from './pair-rollups.repository';
import { BlockRollupsRepository } from './block-rollups.repository';

/** Workspace analytics read from the click rollups and the conversion events, and the compaction job building the pair and block rollups. */
@Module({
  controllers: [AnalyticsController],
  providers: [
    AnalyticsService,
    AnalyticsRepository,
    PairRollupsRepository,
    BlockRollupsRepository,
    AnalyticsCompactionJob,
  ],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
