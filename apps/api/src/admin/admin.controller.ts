import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '@app/auth';
import { WorkspaceDto } from '../workspaces/dto/workspace.dto';
import { WorkspacesService } from '../workspaces/workspaces.service';
import { UpdateWorkspacePlanDto } from './dto/update-workspace-plan.dto';

@ApiTags('Admin')
@Controller('api/admin')
export class AdminController {
  constructor(private readonly workspaces: WorkspacesService) {}

  /** Sets a workspace's plan (for a billing system). `Authorization: Bearer $ADMIN_TOKEN`. */
  @Patch('workspaces/:id')
  @AdminOnly()
  setWorkspacePlan(@Param('id') id: string, @Body() dto: UpdateWorkspacePlanDto): Promise<Omit<WorkspaceDto, 'role'>> {
    return this.workspaces.setPlan(id, dto.plan);
  }
}
