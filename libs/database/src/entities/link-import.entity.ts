import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

export type LinkImportFormat = 'linktrace' | 'bitly' | 'rebrandly' | 'shortio';
export type LinkImportOnConflict = 'skip' | 'update';
export type LinkImportStatus = 'queued' | 'running' | 'completed' | 'failed';

/** What happened to one row of an imported file. */
export type ImportRowStatus = 'created' | 'updated' | 'conflict' | 'error';

export interface ImportRowResult {
  /** 1 = the first row after the header. */
  row: number;
  status: ImportRowStatus;
  linkId: string | null;
  shortLink: string | null;
  error: { code: string; message: string } | null;
  /** Something kept differently than asked (the default domain instead of another platform's). */
  note: string | null;
}

/**
 * An import job: the file's rows are stored in chunks (`link_import_chunks`) when it is uploaded; any instance
 * claims the job (SKIP LOCKED, leased) and imports chunk `nextChunk`, committing the links, the chunk's results and
 * the counters together, so a crash resumes at the first chunk not committed and no row is imported twice.
 */
@Entity('link_imports')
@Index('link_imports_workspace_created_idx', ['workspaceId', 'createdAt'])
@Index('link_imports_unfinished_idx', ['createdAt'], { where: `status IN ('queued', 'running')` })
export class LinkImportEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Who started it: the links it creates are theirs. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  createdById: string | null;

  @Column({ type: 'varchar', length: 16 })
  format: LinkImportFormat;

  @Column({ type: 'varchar', length: 8 })
  onConflict: LinkImportOnConflict;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: LinkImportStatus;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ type: 'integer' })
  totalRows: number;

  @Column({ type: 'integer' })
  chunkCount: number;

  /** The first chunk not imported yet. */
  @Column({ type: 'integer', default: 0 })
  nextChunk: number;

  @Column({ type: 'integer', default: 0 })
  processedRows: number;

  @Column({ type: 'integer', default: 0 })
  createdCount: number;

  @Column({ type: 'integer', default: 0 })
  updatedCount: number;

  @Column({ type: 'integer', default: 0 })
  conflictCount: number;

  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  /** The first rows that were not imported (conflicts and errors), at most 100: the rest are in the report. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  problems: ImportRowResult[];

  /** Why the job stopped (an unexpected failure), when `status` is failed. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  failure: string | null;

  /** Rounds that stopped on an unexpected error; at MAX_IMPORT_ATTEMPTS the job is failed instead of retried. */
  @Column({ type: 'integer', default: 0 })
  failedAttempts: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  leaseExpiresAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/** One row of an imported file, as every format maps to it. */
export interface ImportRow {
  url: string;
  slug: string | null;
  domain: string | null;
  title: string | null;
  tags: string[];
  folder: string | null;
  externalId: string | null;
  createdAt: string | null;
}

/** Up to 1,000 rows of an import's file, and their results once imported. */
@Entity('link_import_chunks')
export class LinkImportChunkEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  importId: string;

  @PrimaryColumn({ type: 'integer' })
  chunkNumber: number;

  /** Row number of the chunk's first row (1 = the first row after the header). */
  @Column({ type: 'integer' })
  firstRow: number;

  @Column({ type: 'jsonb' })
  rows: ImportRow[];

  @Column({ type: 'jsonb', nullable: true })
  results: ImportRowResult[] | null;

  @ManyToOne(() => LinkImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id' })
  linkImport?: LinkImportEntity;
}
