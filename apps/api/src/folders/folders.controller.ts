import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Authenticated } from '@app/auth';
import { ApiErrors, ErrorCode } from '@app/common';
import { NamedResourceListQueryDto } from '../named-resources/dto/named-resource-list-query.dto';
import { CreateLinkFolderDto } from './dto/create-link-folder.dto';
import { LinkFolderDto, LinkFolderPageDto } from './dto/link-folder.dto';
import { UpdateLinkFolderDto } from './dto/update-link-folder.dto';
import { FoldersService } from './folders.service';

@ApiTags('Folders')
@Controller('api/v1/link_folders')
export class FoldersController {
  constructor(private readonly folders: FoldersService) {}

  /** Folders of the workspace, oldest first, each with the number of links in it. */
  @Get()
  @Authenticated({ scopes: ['folders'] })
  listLinkFolders(@Auth() auth: AuthContext, @Query() query: NamedResourceListQueryDto): Promise<LinkFolderPageDto> {
    return this.folders.list(auth, query);
  }

  /** Creates a folder. Names are unique per workspace, ignoring case (409); the plan caps how many exist (403 quota_exceeded). */
  @Post()
  @Authenticated({ scopes: ['folders'] })
  @ApiErrors(ErrorCode.conflict, ErrorCode.quotaExceeded)
  createLinkFolder(@Auth() auth: AuthContext, @Body() dto: CreateLinkFolderDto): Promise<LinkFolderDto> {
    return this.folders.create(auth, dto);
  }

  /** Renames a folder or changes its description; fields left out stay as they are. */
  @Patch(':id')
  @Authenticated({ scopes: ['folders'] })
  @ApiErrors(ErrorCode.conflict)
  updateLinkFolder(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: UpdateLinkFolderDto,
  ): Promise<LinkFolderDto> {
    return this.folders.update(auth, id, dto);
  }

  /** Deletes a folder. Its links are kept and move out of it (no folder). */
  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scopes: ['folders'] })
  deleteLinkFolder(@Auth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.folders.delete(auth, id);
  }
}
