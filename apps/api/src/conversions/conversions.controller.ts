import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { ConversionReportsService } from './conversion-reports.service';
import { ConversionEventPageDto } from './dto/conversion-event.dto';
import { ConversionSummaryQueryDto } from './dto/conversion-summary-query.dto';
import { ConversionSummaryDto } from './dto/conversion-summary.dto';
import { ExportConversionEventsQueryDto } from './dto/export-conversion-events-query.dto';
import { ListConversionEventsQueryDto } from './dto/list-conversion-events-query.dto';

// Reads are not gated on conversion tracking: a workspace that moves to a smaller plan keeps reading the
// conversions it recorded (none can be written without the plan).
@ApiTags('Conversions')
@Controller('api/v1/conversions')
export class ConversionsController {
  constructor(private readonly reports: ConversionReportsService) {}

  /** Leads, sales, revenue by currency and conversion rates over a range, with the top links and a daily series (UTC). */
  @Get('summary')
  @ApiErrors(ErrorCode.analyticsRebuilding, ErrorCode.analyticsTimeout)
  @Authenticated({ scopes: ['conversions'] })
  getConversionSummary(
    @Auth() auth: AuthContext,
    @Query() query: ConversionSummaryQueryDto,
  ): Promise<ConversionSummaryDto> {
    return this.reports.summary(auth, query);
  }

  /** Leads and sales, newest first, with the dimensions of the click each is attributed to. */
  @Get('events')
  @Authenticated({ scopes: ['conversions'] })
  listConversionEvents(
    @Auth() auth: AuthContext,
    @Query() query: ListConversionEventsQueryDto,
  ): Promise<ConversionEventPageDto> {
    return this.reports.list(auth, query);
  }

  /** Every matching event, oldest first, streamed as CSV (header row) or NDJSON (one event per line, as in the list). */
  @Get('events/export')
  @Authenticated({ scopes: ['conversions'], plan: 'linkDetail' })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({ description: 'The events, streamed' })
  exportConversionEvents(@Auth() auth: AuthContext, @Query() query: ExportConversionEventsQueryDto): StreamableFile {
    return this.reports.export(auth, query);
  }
}
