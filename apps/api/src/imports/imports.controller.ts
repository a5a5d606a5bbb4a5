import { Controller, Get, Header, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBody, ApiConsumes, ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { CreateImportFormDto, ImportDryRunDto, ImportDto } from './dto/import.dto';
import type { BodyRouteConfig } from '../bootstrap';
import { readImportUpload } from './import-upload';
import { ImportsService } from './imports.service';

const IMPORT_ACCESS = { scopes: ['links' as const], roles: ['owner' as const, 'admin' as const] };

@ApiTags('Imports')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * Imports links from a CSV file (multipart, field `file`, at most 50 MB): a Bitly, Rebrandly or Short.io export,
   * or LinkTrace's own columns. `dryRun=true` answers 200 with what each row would do; otherwise 202 with the
   * queued import, which any instance runs (follow it with `GET /imports/{id}`).
   */
  @Post()
  @HttpCode(202)
  @RouteConfig({ acceptsMultipart: true } satisfies BodyRouteConfig)
  @Authenticated(IMPORT_ACCESS)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: CreateImportFormDto })
  @ApiOkResponse({ description: 'The dry run (`dryRun=true`)', type: ImportDryRunDto })
  @ApiAcceptedResponse({ description: 'The queued import', type: ImportDto })
  @ApiErrors(ErrorCode.invalidCsv, ErrorCode.payloadTooLarge, ErrorCode.unsupportedMediaType)
  async createImport(
    @Auth() auth: AuthContext,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportDto | ImportDryRunDto> {
    const answer = await this.imports.create(auth, await readImportUpload(request));
    // A dry run is answered now (200); an import is queued (202).
    if ('rows' in answer) reply.status(200);
    return answer;
  }

  /** Status, progress, counts and the first 100 rows not imported. */
  @Get(':id')
  @Authenticated(IMPORT_ACCESS)
  getImport(@Auth() auth: AuthContext, @Param('id') id: string): Promise<ImportDto> {
    return this.imports.get(auth, id);
  }

  /** A finished import's report, a CSV line per row: row, status, link id, short link, error code and message, note. */
  @Get(':id/report')
  @Authenticated(IMPORT_ACCESS)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV', schema: { type: 'string' } })
  @ApiErrors(ErrorCode.conflict)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async getImportReport(@Auth() auth: AuthContext, @Param('id') id: string): Promise<StreamableFile> {
    return new StreamableFile(Readable.from(await this.imports.report(auth, id)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="import-${id}.csv"`,
    });
  }
}
