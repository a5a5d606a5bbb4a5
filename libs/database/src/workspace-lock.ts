import type { EntityManager } from 'typeorm';
import type { PlanName } from './entities/workspace.entity';

/**
 * Locks the workspace row for the rest of the transaction and returns its plan. Quota checks run
 * "lock, count, insert" inside one transaction so two concurrent creates cannot both take the last slot.
 */
export async function lockWorkspaceForQuota(manager: EntityManager, workspaceId: string): Promise<PlanName> {
  const rows: { plan: PlanName }[] = await manager.query('SELECT plan FROM workspaces WHERE id = $1 FOR UPDATE', [
    workspaceId,
  ]);
  if (!rows[0]) throw new Error(`Workspace ${workspaceId} not found`);
  return rows[0].plan;
}
