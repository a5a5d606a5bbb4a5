import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig, AppException, ErrorCode, MetricsService } from '@app/common';
import { safeEqual } from '@app/auth';

const BEARER = /^Bearer ([^\s]+)$/;

/**
 * Who may read the metrics: they describe the traffic (routes, volumes, errors), so nobody by default. With
 * METRICS_TOKEN a scraper sends it as a Bearer token; with METRICS_PORT they are served on a listener of
 * their own (for the private network), and also need the token there when one is set.
 */
@Injectable()
export class MetricsScrapeService {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  render(authorization: string | undefined, onMetricsPort: boolean): Promise<string> {
    const token = this.config.METRICS_TOKEN;
    if (!token && !onMetricsPort) {
      throw new AppException(
        HttpStatus.FORBIDDEN,
        ErrorCode.forbidden,
        'Metrics are disabled: set METRICS_TOKEN (Bearer token) or METRICS_PORT (a listener of their own)',
      );
    }
    if (token) {
      const match = BEARER.exec(authorization ?? '');
      if (!match || !safeEqual(match[1], token)) throw AppException.unauthorized('Invalid metrics token');
    }
    return this.metrics.render();
  }
}
