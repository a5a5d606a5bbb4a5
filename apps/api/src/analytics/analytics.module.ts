import { Module } from '@nestjs/common';
import { AnalyticsController } from './analytics.controller';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { PairRollupsJob } from './pair-rollups.job';
import { PairRollupsRepository } from './pair-rollups.repository';

/** Workspace analytics read from the click rollups and the conversion events, and the job building the pair rollups. */
@Module({
  controllers: [AnalyticsController],
  providers: [AnalyticsService, AnalyticsRepository, PairRollupsRepository, PairRollupsJob],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
