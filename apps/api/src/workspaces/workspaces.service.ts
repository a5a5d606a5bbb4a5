import { Injectable } from '@nestjs/common';
import { SessionUser } from '@app/auth';
import { AppConfig, AppException, newId } from '@app/common';
import type { PlanName, WorkspaceEntity } from '@app/database';
import type { CreateWorkspaceDto } from './dto/create-workspace.dto';
import type { UpdateWorkspaceDto } from './dto/update-workspace.dto';
import type { WorkspaceDto } from './dto/workspace.dto';
import { toWorkspaceDto } from './workspaces.mapper';
import { WorkspacesRepository } from './workspaces.repository';

@Injectable()
export class WorkspacesService {
  constructor(
    private readonly repository: WorkspacesRepository,
    private readonly config: AppConfig,
  ) {}

  /** A new workspace's row, on the plan DEFAULT_PLAN gives every new workspace (signup's first one too). */
  newWorkspace(name: string): Pick<WorkspaceEntity, 'id' | 'name' | 'plan'> {
    return { id: newId('workspace'), name, plan: this.config.DEFAULT_PLAN };
  }

  async list(userId: string): Promise<{ data: WorkspaceDto[] }> {
    const rows = await this.repository.listForUser(userId);
    return { data: rows.map(({ workspace, role }) => toWorkspaceDto(workspace, role)) };
  }

  async create(session: SessionUser, dto: CreateWorkspaceDto): Promise<WorkspaceDto> {
    const workspace = await this.repository.createWithOwner(this.newWorkspace(dto.name), session.userId);
    return toWorkspaceDto(workspace, 'owner');
  }

  /** Owners and admins of that workspace may change it; anyone else gets 403. */
  async update(session: SessionUser, id: string, dto: UpdateWorkspaceDto): Promise<WorkspaceDto> {
    const workspace = await this.repository.findById(id);
    if (!workspace) throw AppException.notFound('Workspace not found');
    const role = await this.repository.findRole(id, session.userId);
    if (!role) throw AppException.forbidden();
    if (role === 'member') throw AppException.forbidden('This action requires the owner or admin role');
    const updated = await this.repository.update(id, {
      ...(dto.name !== undefined && { name: dto.name }),
      ...(dto.allowedHostnames !== undefined && { allowedHostnames: [...new Set(dto.allowedHostnames)] }),
      ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
    });
    return toWorkspaceDto(updated, role);
  }

  /** Operator action (billing): any workspace, no membership. */
  async setPlan(id: string, plan: PlanName): Promise<Omit<WorkspaceDto, 'role'>> {
    const workspace = await this.repository.findById(id);
    if (!workspace) throw AppException.notFound('Workspace not found');
    const { role: _role, ...dto } = toWorkspaceDto(await this.repository.setPlan(id, plan), 'owner');
    return dto;
  }
}
