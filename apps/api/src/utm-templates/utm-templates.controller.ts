import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { NamedResourceListQueryDto } from '../named-resources/dto/named-resource-list-query.dto';
import { CreateUtmTemplateDto } from './dto/create-utm-template.dto';
import { UpdateUtmTemplateDto } from './dto/update-utm-template.dto';
import { UtmTemplateDto, UtmTemplatePageDto } from './dto/utm-template.dto';
import { UtmTemplatesService } from './utm-templates.service';

@ApiTags('UTM templates')
@Controller('api/v1/utm_templates')
export class UtmTemplatesController {
  constructor(private readonly utmTemplates: UtmTemplatesService) {}

  /** UTM templates of the workspace, oldest first. */
  @Get()
  @Authenticated({ scopes: ['utm_templates'] })
  listUtmTemplates(@Auth() auth: AuthContext, @Query() query: NamedResourceListQueryDto): Promise<UtmTemplatePageDto> {
    return this.utmTemplates.list(auth, query);
  }

  /** Creates a UTM template. Names are unique per workspace, ignoring case (409); the plan caps how many exist (403 quota_exceeded). */
  @Post()
  @Authenticated({ scopes: ['utm_templates'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded)
  createUtmTemplate(@Auth() auth: AuthContext, @Body() dto: CreateUtmTemplateDto): Promise<UtmTemplateDto> {
    return this.utmTemplates.create(auth, dto);
  }

  /** Changes a UTM template; fields left out stay as they are, null clears a parameter. */
  @Patch(':id')
  @Authenticated({ scopes: ['utm_templates'] })
  @ApiErrors(ErrorCode.conflict)
  updateUtmTemplate(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: UpdateUtmTemplateDto,
  ): Promise<UtmTemplateDto> {
    return this.utmTemplates.update(auth, id, dto);
  }

  /** Deletes a UTM template; links created with it keep their UTM parameters. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['utm_templates'] })
  deleteUtmTemplate(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.utmTemplates.delete(auth, id);
  }
}
