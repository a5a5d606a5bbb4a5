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
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
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
   * expiry and device or geo targeting need the starter plan (403 plan_upgrade_required).
   */
  @Post()
  @Authenticated({ scopes: ['links'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded, ErrorCode.planUpgradeRequired)
  createLink(@Auth() auth: AuthContext, @Body() dto: CreateLinkDto): Promise<LinkDto> {
    return this.links.create(auth, dto);
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
