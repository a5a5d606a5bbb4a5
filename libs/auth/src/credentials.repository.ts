import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PlanName, Role } from '@app/database';
import { DataSource } from 'typeorm';

export interface KeyRow {
  id: string;
  workspaceId: string;
  ownerId: string;
  type: 'secret' | 'publishable';
  scopes: string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  rateLimit: number | null;
  lastUsedAt: Date | null;
  /** Null when the owner is no longer a member: the key stops working with them. */
  role: Role | null;
  plan: PlanName;
  allowedHostnames: string[];
}

export interface SessionRow {
  sessionId: string;
  userId: string;
  csrfHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
  workspaceId: string | null;
  role: Role | null;
  plan: PlanName | null;
  allowedHostnames: string[] | null;
}

/** The queries of the per-request credential check: one round trip each, explicit SQL. */
@Injectable()
export class CredentialsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findKeyByHash(keyHash: string): Promise<KeyRow | null> {
    const rows: KeyRow[] = await this.dataSource.query(
      `SELECT k.id, k.workspace_id AS "workspaceId", k.owner_id AS "ownerId", k.type, k.scopes,
              k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt", k.rate_limit AS "rateLimit",
              k.last_used_at AS "lastUsedAt", m.role, w.plan, w.allowed_hostnames AS "allowedHostnames"
         FROM api_keys k
         JOIN workspaces w ON w.id = k.workspace_id
         LEFT JOIN memberships m ON m.workspace_id = k.workspace_id AND m.user_id = k.owner_id
        WHERE k.key_hash = $1`,
      [keyHash],
    );
    return rows[0] ?? null;
  }

  /** Writes last_used_at unless another request (on any instance) did within the last minute. */
  async touchKey(keyId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [keyId],
    );
  }

  /** The session and the membership it acts in: the requested workspace, or the user's first one. */
  async findSession(tokenHash: string, workspaceId: string | null): Promise<SessionRow | null> {
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT s.id AS "sessionId", s.user_id AS "userId", s.csrf_hash AS "csrfHash", s.expires_at AS "expiresAt",
              s.revoked_at AS "revokedAt", m.workspace_id AS "workspaceId", m.role, w.plan,
              w.allowed_hostnames AS "allowedHostnames"
         FROM sessions s
         LEFT JOIN LATERAL (
              SELECT workspace_id, role FROM memberships
               WHERE user_id = s.user_id AND ($2::varchar IS NULL OR workspace_id = $2)
               ORDER BY created_at, workspace_id LIMIT 1) m ON true
         LEFT JOIN workspaces w ON w.id = m.workspace_id
        WHERE s.token_hash = $1`,
      [tokenHash, workspaceId],
    );
    return rows[0] ?? null;
  }

  async insertSession(row: {
    id: string;
    tokenHash: string;
    csrfHash: string;
    userId: string;
    expiresAt: Date;
    userAgent: string | null;
  }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sessions (id, token_hash, csrf_hash, user_id, expires_at, user_agent) VALUES ($1, $2, $3, $4, $5, $6)`,
      [row.id, row.tokenHash, row.csrfHash, row.userId, row.expiresAt, row.userAgent],
    );
  }

  async revokeSession(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
    ]);
  }
}
