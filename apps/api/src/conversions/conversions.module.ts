import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { ClicksModule } from '../clicks/clicks.module';
import { ConversionReportsService } from './conversion-reports.service';
import { ConversionsController } from './conversions.controller';
import { ConversionsRepository } from './conversions.repository';
import { TrackController } from './track.controller';
import { TrackingCorsInterceptor } from './tracking-cors';
import { TrackingService } from './tracking.service';

/** Conversion tracking: lead and sale writes (secret or publishable keys), client.js, and the reads. */
@Module({
  imports: [ClicksModule, AnalyticsModule],
  controllers: [TrackController, ConversionsController],
  providers: [TrackingService, ConversionReportsService, ConversionsRepository, TrackingCorsInterceptor],
})
export class ConversionsModule {}
