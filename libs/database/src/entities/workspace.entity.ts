import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type PlanName = 'free' | 'starter' | 'creator' | 'agency';

/**
 * Owns everything: links, domains, folders, tags, keys, events. The plan is checked by the database too: every
 * plan lookup (PLANS[plan]) assumes a known plan, and a hand-written UPDATE must not be able to break it.
 */
@Entity('workspaces')
@Check('CHK_workspaces_plan', `"plan" IN ('free', 'starter', 'creator', 'agency')`)
export class WorkspaceEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16, default: 'free' })
  plan: PlanName;

  /** Origins (host names) publishable keys may be used from; empty = any. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedHostnames: string[];

  /** IANA zone the dashboard's analytics count days in unless a view picks another. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
