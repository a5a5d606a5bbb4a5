import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { BulkCreateLinksDto, BulkDeleteLinksDto, BulkLinkResultsDto, BulkUpdateLinksDto } from './dto/bulk-links.dto';
import { CreateLinkDto } from './dto/create-link.dto';
import { LinkDto, LinkPageDto } from './dto/link.dto';
import { LinkQrQueryDto } from './dto/link-qr-query.dto';
import { ListLinksQueryDto } from './dto/list-links-query.dto';
import { ExportLinkEventsQueryDto } from './dto/export-link-events-query.dto';
import { LinkDetailDto } from './dto/link-detail.dto';
import { UpdateLinkDto } from './dto/update-link.dto';
import { LinkActivityService } from './link-activity.service';
import { toStreamableFile } from './link-qr';
import { LinksService } from './links.service';

@ApiTags('Links')
@Controller('api/v1/links')
export class LinksController {
  constructor(
    private readonly links: LinksService,
    private readonly activity: LinkActivityService,
  ) {}

  /** Links of the workspace, newest (or most clicked) first, with filters and a case-insensitive search. */
  @Get()
  @Authenticated({ scopes: ['links'] })
  listLinks(@Auth() auth: AuthContext, @Query() query: ListLinksQueryDto): Promise<LinkPageDto> {
    return this.links.list(auth, query);
  }

  /**
   * Creates a short link. Counts against the plan's monthly new links (403 quota_exceeded); password,
   * expiry, device or geo targeting and a social preview (`og`) need the starter plan, an A/B test
   * (`testVariants`…) the creator plan (403 plan_upgrade_required).
   */
  @Post()
  @Authenticated({ scopes: ['links'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded, ErrorCode.planUpgradeRequired)
  createLink(@Auth() auth: AuthContext, @Body() dto: CreateLinkDto): Promise<LinkDto> {
    return this.links.create(auth, dto);
  }

  /**
   * Creates 1–100 links in one transaction, each as `POST /links` would: one result per item, in request
   * order (`status` 201 with the link, or the item's error). Items refused alone — invalid, plan, quota,
   * conflict — do not stop the others.
   */
  @Post('bulk')
  @HttpCode(200)
  @Authenticated({ scopes: ['links'] })
  bulkCreateLinks(
    @Auth() auth: AuthContext,
    @Req() request: FastifyRequest,
    @Body() dto: BulkCreateLinksDto,
  ): Promise<BulkLinkResultsDto> {
    return this.links.bulkCreate(auth, dto.links, String(request.id));
  }

  /** Applies one change to 1–100 links (by `ids` or `externalIds`), each as `PATCH /links/{id}` would. */
  @Patch('bulk')
  @Authenticated({ scopes: ['links'] })
  bulkUpdateLinks(
    @Auth() auth: AuthContext,
    @Req() request: FastifyRequest,
    @Body() dto: BulkUpdateLinksDto,
  ): Promise<BulkLinkResultsDto> {
    return this.links.bulkUpdate(auth, dto, String(request.id));
  }

  /** Deletes 1–100 links, each as `DELETE /links/{id}` would (`status` 204, or the item's error). */
  @Delete('bulk')
  @Authenticated({ scopes: ['links'] })
  bulkDeleteLinks(
    @Auth() auth: AuthContext,
    @Req() request: FastifyRequest,
    @Body() dto: BulkDeleteLinksDto,
  ): Promise<BulkLinkResultsDto> {
    return this.links.bulkDelete(auth, dto.ids, String(request.id));
  }

  /**
   * Creates the link (201) or updates the one with the same key (200): `externalId` when given, else
   * `domain` + `slug`. Fields left out of an update stay as they are. Concurrent upserts of one key make one link.
   */
  @Put('upsert')
  @Authenticated({ scopes: ['links'] })
  @ApiCreatedResponse({ type: LinkDto, description: 'Created' })
  @ApiOkResponse({ type: LinkDto, description: 'Updated' })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded, ErrorCode.planUpgradeRequired)
  async upsertLink(
    @Auth() auth: AuthContext,
    @Body() dto: CreateLinkDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LinkDto> {
    const { created, link } = await this.links.upsert(auth, dto);
    void reply.status(created ? 201 : 200);
    return link;
  }

  /** A link by id (`link_…`) or by your own id (`ext_<externalId>`). */
  @Get(':id')
  @Authenticated({ scopes: ['links'] })
  getLink(@Auth() auth: AuthContext, @Param('id') id: string): Promise<LinkDto> {
    return this.links.get(auth, id);
  }

  /** A QR code that opens the link's short link: `format=png|svg`, `size` 64–2048 pixels (default 512). */
  @Get(':id/qr')
  @Authenticated({ scopes: ['links'] })
  @Header('Cache-Control', 'private, max-age=300')
  @ApiProduces('image/png', 'image/svg+xml')
  @ApiOkResponse({ description: 'The QR code image', schema: { type: 'string', format: 'binary' } })
  getLinkQr(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: LinkQrQueryDto,
  ): Promise<StreamableFile> {
    return this.links.qrCode(auth, id, query).then(toStreamableFile);
  }

  /** Changes the fields sent; the redirect picks the change up at once, on every instance. */
  @Patch(':id')
  @Authenticated({ scopes: ['links'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.planUpgradeRequired)
  updateLink(@Auth() auth: AuthContext, @Param('id') id: string, @Body() dto: UpdateLinkDto): Promise<LinkDto> {
    return this.links.update(auth, id, dto);
  }

  /** Deletes a link for good; its short link stops redirecting at once. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['links'] })
  deleteLink(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.links.delete(auth, id);
  }

  /** The link with its totals, last 7 and 30 days, top countries, referrers and devices, and its 20 latest clicks. */
  @Get(':id/detail')
  @ApiErrors(ErrorCode.analyticsRebuilding, ErrorCode.analyticsTimeout)
  @Authenticated({ scopes: ['links'], plan: 'linkDetail' })
  getLinkDetail(@Auth() auth: AuthContext, @Param('id') id: string): Promise<LinkDetailDto> {
    return this.activity.detail(auth, id);
  }

  /** Every click of the link as CSV or NDJSON, streamed in time order (a key with `links` or `analytics` may read it). */
  @Get(':id/events/export')
  @Authenticated({ scopes: ['links', 'analytics'], plan: 'linkDetail' })
  exportLinkEvents(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: ExportLinkEventsQueryDto,
  ): Promise<StreamableFile> {
    return this.activity.export(auth, id, query);
  }
}
