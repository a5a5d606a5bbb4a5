import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { NamedResourceListQueryDto } from '../named-resources/dto/named-resource-list-query.dto';
import { CreateLinkTagDto } from './dto/create-link-tag.dto';
import { LinkTagDto, LinkTagPageDto } from './dto/link-tag.dto';
import { UpdateLinkTagDto } from './dto/update-link-tag.dto';
import { TagsService } from './tags.service';

@ApiTags('Tags')
@Controller('api/v1/link_tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** Tags of the workspace, oldest first, each with the number of links carrying it. */
  @Get()
  @Authenticated({ scopes: ['tags'] })
  listLinkTags(@Auth() auth: AuthContext, @Query() query: NamedResourceListQueryDto): Promise<LinkTagPageDto> {
    return this.tags.list(auth, query);
  }

  /** Creates a tag. Names are unique per workspace, ignoring case (409); the plan caps how many exist (403 quota_exceeded). */
  @Post()
  @Authenticated({ scopes: ['tags'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded)
  createLinkTag(@Auth() auth: AuthContext, @Body() dto: CreateLinkTagDto): Promise<LinkTagDto> {
    return this.tags.create(auth, dto);
  }

  /** Renames a tag or changes its color; fields left out stay as they are. */
  @Patch(':id')
  @Authenticated({ scopes: ['tags'] })
  @ApiErrors(ErrorCode.conflict)
  updateLinkTag(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: UpdateLinkTagDto,
  ): Promise<LinkTagDto> {
    return this.tags.update(auth, id, dto);
  }

  /** Deletes a tag and removes it from every link; the links are kept. */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['tags'] })
  deleteLinkTag(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.tags.delete(auth, id);
  }
}
