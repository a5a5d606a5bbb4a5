import type { Role, WorkspaceEntity } from '@app/database';
import type { WorkspaceDto } from './dto/workspace.dto';

export function toWorkspaceDto(workspace: WorkspaceEntity, role: Role): WorkspaceDto {
  return {
    id: workspace.id,
    name: workspace.name,
    plan: workspace.plan,
    role,
    allowedHostnames: workspace.allowedHostnames,
    timeZone: workspace.timeZone,
    createdAt: workspace.createdAt.toISOString(),
  };
}
