import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { MetricsScrapeService } from './metrics-scrape.service';

@Controller('metrics')
export class MetricsController {
  constructor(private readonly scrape: MetricsScrapeService) {}

  /** Prometheus text format, for a scraper sending `Authorization: Bearer $METRICS_TOKEN`. */
  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  getMetrics(@Req() request: FastifyRequest): Promise<string> {
    return this.scrape.render(request.headers.authorization, false);
  }
}
