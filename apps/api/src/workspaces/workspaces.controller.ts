import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentSession, SessionUser } from '@app/auth';
import { CreateWorkspaceDto } from './dto/create-workspace.dto';
import { UpdateWorkspaceDto } from './dto/update-workspace.dto';
import { WorkspaceDto } from './dto/workspace.dto';
import { WorkspacesService } from './workspaces.service';

@ApiTags('Workspaces')
@Controller('api/workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  /** The workspaces the signed-in user belongs to, with their role in each. */
  @Get()
  @Authenticated({ session: true, workspace: false })
  listWorkspaces(@CurrentSession() session: SessionUser): Promise<{ data: WorkspaceDto[] }> {
    return this.workspaces.list(session.userId);
  }

  /** Creates a workspace owned by the signed-in user, on the server's DEFAULT_PLAN (`free` unless set). */
  @Post()
  @Authenticated({ session: true, workspace: false })
  createWorkspace(@CurrentSession() session: SessionUser, @Body() dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return this.workspaces.create(session, dto);
  }

  /** Renames a workspace or sets the host names publishable keys may be used from (owner or admin). */
  @Patch(':id')
  @Authenticated({ session: true, workspace: false })
  updateWorkspace(
    @CurrentSession() session: SessionUser,
    @Param('id') id: string,
    @Body() dto: UpdateWorkspaceDto,
  ): Promise<WorkspaceDto> {
    return this.workspaces.update(session, id, dto);
  }
}
