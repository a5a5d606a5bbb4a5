import { Injectable } from '@nestjs/common';
import {
  ImportRow,
  ImportRowResult,
  LinkImportChunkEntity,
  LinkImportEntity,
  PlanName,
  TransactionScope,
} from '@app/database';
import type { EntityManager } from 'typeorm';

/** Conflicts and errors kept on the job for GET /imports/:id; the report has them all. */
export const MAX_PROBLEMS = 100;

export type NewImport = Pick<
  LinkImportEntity,
  'id' | 'workspaceId' | 'createdById' | 'format' | 'onConflict' | 'fileName' | 'totalRows' | 'chunkCount'
>;

/** A claimed job and its workspace's plan now. */
export interface ClaimedImport {
  job: LinkImportEntity;
  plan: PlanName;
}

export interface ChunkCounts {
  created: number;
  updated: number;
  conflict: number;
  error: number;
}

@Injectable()
export class ImportsRepository {
  constructor(private readonly transactions: TransactionScope) {}

  private get manager(): EntityManager {
    return this.transactions.manager;
  }

  /** The job and all its rows, in one transaction: a job is only ever seen with its whole file. */
  async create(job: NewImport, chunks: { firstRow: number; rows: ImportRow[] }[]): Promise<void> {
    await this.manager.transaction(async (manager) => {
      await manager.insert(LinkImportEntity, job);
      for (const [chunkNumber, chunk] of chunks.entries())
        await manager.query(
          `INSERT INTO link_import_chunks (import_id, chunk_number, first_row, rows) VALUES ($1, $2, $3, $4)`,
          [job.id, chunkNumber, chunk.firstRow, JSON.stringify(chunk.rows)],
        );
    });
  }

  findById(id: string): Promise<LinkImportEntity | null> {
    return this.manager.getRepository(LinkImportEntity).findOneBy({ id });
  }

  /**
   * Claims the oldest unfinished job whose lease is free or expired (another instance died running it), for
   * `leaseMs`; SKIP LOCKED, so instances polling together take different jobs.
   */
  async claim(owner: string, now: Date, leaseMs: number): Promise<ClaimedImport | null> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [rows]: [{ id: string; plan: PlanName }[], number] = await this.manager.query(
      `UPDATE link_imports job SET status = 'running', lease_owner = $1, lease_expires_at = $2, updated_at = now()
       FROM workspaces workspace
       WHERE workspace.id = job.workspace_id AND job.id = (
         SELECT id FROM link_imports WHERE status IN ('queued', 'running') AND (lease_expires_at IS NULL OR lease_expires_at < $3)
         ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING job.id, workspace.plan`,
      [owner, new Date(now.getTime() + leaseMs), now],
    );
    if (rows.length === 0) return null;
    const job = await this.findById(rows[0].id);
    return job && { job, plan: rows[0].plan };
  }

  findChunk(importId: string, chunkNumber: number): Promise<LinkImportChunkEntity | null> {
    return this.manager.getRepository(LinkImportChunkEntity).findOneBy({ importId, chunkNumber });
  }

  /**
   * Locks the job and checks this owner still holds it at `chunkNumber` (false: its lease expired and another
   * instance took it over, or it moved on). Called first in a chunk's transaction: the chunk commits once.
   */
  async holdsChunk(importId: string, owner: string, chunkNumber: number): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      `SELECT 1 FROM link_imports WHERE id = $1 AND lease_owner = $2 AND next_chunk = $3 AND status = 'running' FOR UPDATE`,
      [importId, owner, chunkNumber],
    );
    return rows.length > 0;
  }

  /** Stores a chunk's results, moves the job past it and extends the lease; completes the job after its last chunk. */
  async recordChunk(
    job: LinkImportEntity,
    chunkNumber: number,
    results: ImportRowResult[],
    counts: ChunkCounts,
    leaseExpiresAt: Date,
  ): Promise<void> {
    await this.manager.query(`UPDATE link_import_chunks SET results = $3 WHERE import_id = $1 AND chunk_number = $2`, [
      job.id,
      chunkNumber,
      JSON.stringify(results),
    ]);
    const problems = results.filter((result) => result.status === 'conflict' || result.status === 'error');
    const last = chunkNumber + 1 >= job.chunkCount;
    await this.manager.query(
      `UPDATE link_imports SET next_chunk = $2 + 1, processed_rows = processed_rows + $3,
         created_count = created_count + $4, updated_count = updated_count + $5,
         conflict_count = conflict_count + $6, error_count = error_count + $7,
         problems = CASE WHEN jsonb_array_length(problems) >= $8::int THEN problems
           ELSE problems || (SELECT coalesce(jsonb_agg(problem), '[]') FROM (
             SELECT problem FROM jsonb_array_elements($9::jsonb) problem LIMIT $8::int - jsonb_array_length(problems)) limited) END,
         lease_expires_at = $10, updated_at = now(),
         status = CASE WHEN $11::boolean THEN 'completed' ELSE status END,
         finished_at = CASE WHEN $11::boolean THEN now() ELSE finished_at END,
         lease_owner = CASE WHEN $11::boolean THEN NULL ELSE lease_owner END
       WHERE id = $1`,
      [
        job.id,
        chunkNumber,
        results.length,
        counts.created,
        counts.updated,
        counts.conflict,
        counts.error,
        MAX_PROBLEMS,
        JSON.stringify(problems.slice(0, MAX_PROBLEMS)),
        leaseExpiresAt,
        last,
      ],
    );
  }

  /**
   * A round of the job stopped on an unexpected error: counted, and the job left alone until `retryAt` (any
   * instance then resumes it at its first uncommitted chunk); the `maxAttempts`-th such error fails it with
   * `failure`, so a job that cannot go on is not retried forever.
   */
  async recordFailedAttempt(
    importId: string,
    owner: string,
    maxAttempts: number,
    retryAt: Date,
    failure: string,
  ): Promise<void> {
    await this.manager.query(
      `UPDATE link_imports SET failed_attempts = failed_attempts + 1, lease_owner = NULL, lease_expires_at = $3,
         status = CASE WHEN failed_attempts + 1 >= $4 THEN 'failed' ELSE status END,
         failure = CASE WHEN failed_attempts + 1 >= $4 THEN $5 ELSE failure END,
         finished_at = CASE WHEN failed_attempts + 1 >= $4 THEN now() ELSE finished_at END,
         updated_at = now()
       WHERE id = $1 AND lease_owner = $2`,
      [importId, owner, retryAt, maxAttempts, failure.slice(0, 500)],
    );
  }

  /** A job that cannot go on (a bug, its creator gone): failed, with why, so no instance retries it forever. */
  async fail(importId: string, owner: string, failure: string): Promise<void> {
    await this.manager.query(
      `UPDATE link_imports SET status = 'failed', failure = $3, finished_at = now(), lease_owner = NULL, updated_at = now()
       WHERE id = $1 AND lease_owner = $2`,
      [importId, owner, failure.slice(0, 500)],
    );
  }

  /** Results of chunks after `afterChunk` (-1: from the first), in row order; for the report. */
  async resultChunks(importId: string, afterChunk: number, limit: number): Promise<LinkImportChunkEntity[]> {
    return this.manager
      .getRepository(LinkImportChunkEntity)
      .createQueryBuilder('chunk')
      .select(['chunk.importId', 'chunk.chunkNumber', 'chunk.firstRow', 'chunk.results'])
      .where('chunk.import_id = :importId AND chunk.chunk_number > :afterChunk', { importId, afterChunk })
      .orderBy('chunk.chunk_number', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The workspace's folders or tags with these names (ignoring case), by lower-cased name. */
  async idsByName(
    table: 'link_folders' | 'link_tags',
    workspaceId: string,
    names: string[],
  ): Promise<Map<string, string>> {
    if (names.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.manager.query(
      `SELECT id, lower(name) AS name FROM ${table} WHERE workspace_id = $1 AND lower(name) = ANY($2::varchar[])`,
      [workspaceId, names.map((name) => name.toLowerCase())],
    );
    return new Map(rows.map((row) => [row.name, row.id]));
  }
}
