import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { AnalyticsService } from './analytics.service';
import { AnalyticsQueryDto, PanelQueryDto, ReportQueryDto } from './dto/analytics-query.dto';
import {
  AcquisitionPanelDto,
  AnalyticsChartDto,
  AnalyticsOverviewDto,
  AnalyticsReportDto,
  GeoPanelDto,
  TechnologyPanelDto,
  TrafficPanelDto,
} from './dto/analytics-response.dto';
import { AnalyticsRealtimeDto } from './dto/realtime.dto';

/** Every answer comes from the analytics store: it may be rebuilding, or a query may run out of time. */
const ANALYTICS_ERRORS = [ErrorCode.analyticsRebuilding, ErrorCode.analyticsTimeout];

@ApiTags('Analytics')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  /** Clicks of the last 30 minutes, per minute, and the latest of them (read from PostgreSQL as they are stored). */
  @Get('realtime')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'] })
  getAnalyticsRealtime(@Auth() auth: AuthContext): Promise<AnalyticsRealtimeDto> {
    return this.analytics.realtime(auth.workspaceId, new Date());
  }

  /** Clicks, unique visitors, leads, sales and revenue over the window, with the period of the same length before it. */
  @Get('overview')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'] })
  getAnalyticsOverview(@Auth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<AnalyticsOverviewDto> {
    return this.analytics.overview(auth, query);
  }

  /** A time series in hour, day, week or month buckets cut in the given time zone, empty buckets included. */
  @Get('chart')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  getAnalyticsChart(@Auth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<AnalyticsChartDto> {
    return this.analytics.chart(auth, query);
  }

  /** A table grouped by link, domain, folder, tag or a click dimension, sorted and limited. */
  @Get('report')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  getAnalyticsReport(@Auth() auth: AuthContext, @Query() query: ReportQueryDto): Promise<AnalyticsReportDto> {
    return this.analytics.report(auth, query);
  }

  /** Top referrers, top links and top A/B test variants. */
  @Get('traffic_panel')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  getTrafficPanel(@Auth() auth: AuthContext, @Query() query: PanelQueryDto): Promise<TrafficPanelDto> {
    return this.analytics.trafficPanel(auth, query);
  }

  /** Top values of each UTM parameter. */
  @Get('acquisition_panel')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  getAcquisitionPanel(@Auth() auth: AuthContext, @Query() query: PanelQueryDto): Promise<AcquisitionPanelDto> {
    return this.analytics.acquisitionPanel(auth, query);
  }

  /** Top countries, regions and cities. */
  @Get('geo_panel')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  getGeoPanel(@Auth() auth: AuthContext, @Query() query: PanelQueryDto): Promise<GeoPanelDto> {
    return this.analytics.geoPanel(auth, query);
  }

  /** Top devices, browsers and operating systems. */
  @Get('technology_panel')
  @ApiErrors(...ANALYTICS_ERRORS)
  @Authenticated({ scopes: ['analytics'], plan: 'advancedAnalytics' })
  getTechnologyPanel(@Auth() auth: AuthContext, @Query() query: PanelQueryDto): Promise<TechnologyPanelDto> {
    return this.analytics.technologyPanel(auth, query);
  }
}
