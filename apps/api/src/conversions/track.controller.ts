import { Body, Controller, Get, HttpStatus, Options, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Auth, AuthContext, Authenticated, Public } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { sendClientScript } from './client-script';
import { toTrackedConversionDto } from './conversions.mapper';
import { TrackedConversionDto } from './dto/tracked-conversion.dto';
import { TrackLeadDto } from './dto/track-lead.dto';
import { TrackSaleDto } from './dto/track-sale.dto';
import { answerTrackingPreflight, TrackingCorsInterceptor } from './tracking-cors';
import { TrackingService, TrackResult } from './tracking.service';

const TRACKED = 'The event recorded by this request';
const ALREADY_TRACKED = 'A retry: the event an earlier request recorded with the same idempotency key, unchanged';

@ApiTags('Conversions')
@Controller('api/v1/track')
export class TrackController {
  constructor(private readonly tracking: TrackingService) {}

  /**
   * Records a lead: creates or updates the customer and attributes it to the link of the click (`lt_id`).
   * Publishable keys may call it from browsers on the workspace's allowed host names.
   */
  @Post('leads')
  @Authenticated({ scopes: ['conversions'], publishable: true, plan: 'conversionTracking' })
  @UseInterceptors(TrackingCorsInterceptor)
  @ApiCreatedResponse({ type: TrackedConversionDto, description: TRACKED })
  @ApiOkResponse({ type: TrackedConversionDto, description: ALREADY_TRACKED })
  @ApiErrors(ErrorCode.notFound, ErrorCode.conflict)
  async trackLead(@Auth() auth: AuthContext, @Body() dto: TrackLeadDto, @Res() reply: FastifyReply): Promise<void> {
    sendTracked(reply, await this.tracking.trackLead(auth, dto));
  }

  /** Records a sale of a customer known from a lead; the revenue goes to the customer's link. */
  @Post('sales')
  @Authenticated({ scopes: ['conversions'], publishable: true, plan: 'conversionTracking' })
  @UseInterceptors(TrackingCorsInterceptor)
  @ApiCreatedResponse({ type: TrackedConversionDto, description: TRACKED })
  @ApiOkResponse({ type: TrackedConversionDto, description: ALREADY_TRACKED })
  @ApiErrors(ErrorCode.notFound, ErrorCode.conflict)
  async trackSale(@Auth() auth: AuthContext, @Body() dto: TrackSaleDto, @Res() reply: FastifyReply): Promise<void> {
    sendTracked(reply, await this.tracking.trackSale(auth, dto));
  }

  // CORS preflight: browsers send it, nobody calls it, so it stays out of the API document.
  @Options(['leads', 'sales'])
  @Public()
  @ApiExcludeEndpoint()
  answerTrackPreflight(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    answerTrackingPreflight(request, reply);
  }

  /** The browser script (docs/API.md, Conversions): keeps `lt_id` in a first-party cookie, exposes `linktrace.trackLead` and `trackSale`. */
  @Get('client.js')
  @Public()
  @ApiProduces('text/javascript')
  @ApiOkResponse({ description: 'JavaScript, cacheable for an hour (ETag revalidation answers 304)' })
  @ApiResponse({ status: 304, description: 'Not modified: the If-None-Match ETag is current' })
  getTrackingScript(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    sendClientScript(request, reply);
  }
}

/** 201 for a new event, 200 for a retry (a status decided at run time, so the reply is sent here). */
function sendTracked(reply: FastifyReply, result: TrackResult): void {
  reply.code(result.created ? HttpStatus.CREATED : HttpStatus.OK).send(toTrackedConversionDto(result.event));
}
