import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@app/common';
import { MetricsController } from './metrics.controller';
import { MetricsListener } from './metrics-listener';
import { MetricsScrapeService } from './metrics-scrape.service';

/** `GET /metrics`: on the API port behind METRICS_TOKEN, or on METRICS_PORT only (see MetricsScrapeService). */
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MetricsModule,
      controllers: config.METRICS_PORT === undefined ? [MetricsController] : [],
      providers: [MetricsScrapeService, MetricsListener],
    };
  }
}
