import { Injectable } from '@nestjs/common';
import { assertWorkspaceAccess, AuthContext } from '@app/auth';
import { AppException, csvCell, newId, toErrorResponse, validateItem } from '@app/common';
import { ImportRow, ImportRowResult, LinkImportEntity, LinkImportOnConflict, TransactionScope } from '@app/database';
import { quotaExceeded } from '@app/plans';
import { FoldersService } from '../folders/folders.service';
import { CreateLinkDto } from '../links/dto/create-link.dto';
import type { UpdateLinkDto } from '../links/dto/update-link.dto';
import { CreatedLink, LinksService, Outcome, PreparedChange, PreparedLink, settle } from '../links/links.service';
import { TagsService } from '../tags/tags.service';
import { CreateImportDto, ImportDryRunDto, ImportDto } from './dto/import.dto';
import { ImportRowReader } from './import-formats';
import type { ImportUpload } from './import-upload';
import { ChunkCounts, ImportsRepository } from './imports.repository';

/** Rows stored, checked and written together: one transaction of a few statements each. */
export const CHUNK_ROWS = 1_000;
const DRY_RUN_ROWS_SHOWN = 1_000;
const NOT_FOUND = 'Import not found';
const REPORT_COLUMNS = ['row', 'status', 'linkId', 'shortLink', 'errorCode', 'error', 'note'];
/** Chunks read per query of the report (10,000 rows). */
const REPORT_BATCH_CHUNKS = 10;

/** What a row will do once its rules are checked and its key looked up. */
type RowPlan =
  | { kind: 'done'; result: ImportRowResult }
  | { kind: 'create'; row: number; prepared: PreparedLink; note: string | null }
  | { kind: 'update'; row: number; linkId: string; change: PreparedChange | null; note: string | null };

/** A job's chunk, and the instance running it (the lease owner). */
export interface ChunkWork {
  job: LinkImportEntity;
  auth: AuthContext;
  owner: string;
  chunkNumber: number;
}

export class LeaseLostError extends Error {}

@Injectable()
export class ImportsService {
  constructor(
    private readonly links: LinksService,
    private readonly tags: TagsService,
    private readonly folders: FoldersService,
    private readonly repository: ImportsRepository,
    private readonly transactions: TransactionScope,
  ) {}

  /** A dry run answers what each row would do; otherwise the rows are stored as a job that any instance runs. */
  async create(auth: AuthContext, upload: ImportUpload): Promise<ImportDto | ImportDryRunDto> {
    const options = await validateItem(CreateImportDto, upload.fields);
    const reader = new ImportRowReader(upload.header, options.format);
    const rows = upload.records.map((record) => reader.read(record));
    const onConflict = options.onConflict ?? 'skip';
    if (options.dryRun) return this.dryRun(auth, reader.format, rows, onConflict);

    const chunks = [];
    for (let start = 0; start < rows.length; start += CHUNK_ROWS)
      chunks.push({ firstRow: start + 1, rows: rows.slice(start, start + CHUNK_ROWS) });
    const id = newId('linkImport');
    await this.repository.create(
      {
        id,
        workspaceId: auth.workspaceId,
        createdById: auth.userId,
        format: reader.format,
        onConflict,
        fileName: upload.fileName?.slice(0, 255) ?? null,
        totalRows: rows.length,
        chunkCount: chunks.length,
      },
      chunks,
    );
    return this.get(auth, id);
  }

  async get(auth: AuthContext, id: string): Promise<ImportDto> {
    return toImportDto(await this.findOwned(auth, id));
  }

  /** A finished import's report as CSV lines, chunk by chunk: row, status, link, short link, error, note. */
  async report(auth: AuthContext, id: string): Promise<AsyncGenerator<string>> {
    const job = await this.findOwned(auth, id);
    if (job.status !== 'completed' && job.status !== 'failed')
      throw AppException.conflict(`Import ${id} is ${job.status}: its report is ready when it has finished`);
    return this.reportLines(id);
  }

  private async *reportLines(id: string): AsyncGenerator<string> {
    yield `${REPORT_COLUMNS.join(',')}\r\n`;
    for (let after = -1; ;) {
      const chunks = await this.repository.resultChunks(id, after, REPORT_BATCH_CHUNKS);
      for (const chunk of chunks)
        yield (chunk.results ?? [])
          .map(
            (row) =>
              [row.row, row.status, row.linkId, row.shortLink, row.error?.code, row.error?.message, row.note]
                .map(csvCell)
                .join(',') + '\r\n',
          )
          .join('');
      if (chunks.length < REPORT_BATCH_CHUNKS) return;
      after = chunks[chunks.length - 1].chunkNumber;
    }
  }

  /**
   * Imports one chunk: rules and lookups first, then its links, its results and the job's progress in one
   * transaction that first checks this instance still holds the job at this chunk (else LeaseLostError, nothing
   * written). Returns whether the job has more chunks.
   */
  async runChunk({ job, auth, owner, chunkNumber }: ChunkWork, leaseExpiresAt: Date): Promise<boolean> {
    const chunk = await this.repository.findChunk(job.id, chunkNumber);
    if (!chunk) throw new Error(`Import ${job.id} has no chunk ${chunkNumber}`);
    const plans = await this.planRows(auth, chunk.rows, chunk.firstRow, job.onConflict, false);
    const { created, updated } = await this.transactions.run(async () => {
      if (!(await this.repository.holdsChunk(job.id, owner, chunkNumber))) throw new LeaseLostError();
      const written = await this.write(auth, plans);
      await this.repository.recordChunk(job, chunkNumber, written.results, countOf(written.results), leaseExpiresAt);
      return written;
    });
    this.links.publishCreated(created);
    for (const change of updated) this.links.publishUpdated(change);
    return chunkNumber + 1 < job.chunkCount;
  }

  private async dryRun(
    auth: AuthContext,
    format: ImportDryRunDto['format'],
    rows: ImportRow[],
    onConflict: LinkImportOnConflict,
  ): Promise<ImportDryRunDto> {
    let left = await this.links.linksLeftThisMonth(auth);
    const seen = new Map<string, number>();
    const results: ImportRowResult[] = [];
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const plans = await this.planRows(auth, rows.slice(start, start + CHUNK_ROWS), start + 1, onConflict, true);
      for (const plan of plans) {
        if (plan.kind === 'done') results.push(plan.result);
        else if (plan.kind === 'update')
          results.push(result(plan.row, 'updated', { linkId: plan.linkId, note: plan.note }));
        else {
          // Rows of the file with the same key: the first one would be created, the others are conflicts.
          const keys = keysOf(plan.prepared);
          const earlier = keys.map((key) => seen.get(key)).find((row) => row !== undefined);
          if (earlier !== undefined) {
            results.push(problem(plan.row, 'conflict', AppException.conflict(`Row ${earlier} has the same key`)));
            continue;
          }
          for (const key of keys) seen.set(key, plan.row);
          if (left <= 0) {
            results.push(problem(plan.row, 'error', quotaExceeded(auth.plan, 'linksPerMonth')));
            continue;
          }
          left--;
          results.push(result(plan.row, 'created', { note: plan.note }));
        }
      }
    }
    return { format, totalRows: rows.length, counts: countOf(results), rows: results.slice(0, DRY_RUN_ROWS_SHOWN) };
  }

  /**
   * Checks every rule of a chunk's rows and looks up their keys, writing nothing but the tags and folders they
   * name that do not exist yet (`dryRun`: none). Reads only through the pool: call it outside a transaction.
   */
  private async planRows(
    auth: AuthContext,
    rows: ImportRow[],
    firstRow: number,
    onConflict: LinkImportOnConflict,
    dryRun: boolean,
  ): Promise<RowPlan[]> {
    const tagIds = await this.namedIds(
      auth,
      'link_tags',
      rows.flatMap((row) => row.tags),
      dryRun,
    );
    const folderIds = await this.namedIds(
      auth,
      'link_folders',
      rows.flatMap((row) => row.folder ?? []),
      dryRun,
    );

    const requests = await Promise.all(
      rows.map(async (row): Promise<Outcome<CreateLinkDto>> => {
        const missing = [...row.tags, ...(row.folder ? [row.folder] : [])]
          .map((name) => [name, tagIds.get(name.toLowerCase()) ?? folderIds.get(name.toLowerCase())] as const)
          .find(([, id]) => id instanceof Error);
        if (missing) return { ok: false, error: missing[1] };
        if (row.createdAt !== null && Number.isNaN(Date.parse(row.createdAt)))
          return { ok: false, error: AppException.invalidField('createdAt', 'createdAt must be a date') };
        const body = {
          url: row.url,
          ...(row.slug !== null && { slug: row.slug }),
          ...(row.domain !== null && { domain: row.domain }),
          ...(row.title !== null && { title: row.title }),
          ...(row.externalId !== null && { externalId: row.externalId }),
          ...(!dryRun && row.tags.length > 0 && { tagIds: row.tags.map((name) => tagIds.get(name.toLowerCase())) }),
          ...(!dryRun && row.folder !== null && { folderId: folderIds.get(row.folder.toLowerCase()) }),
        };
        return settle(validateItem(CreateLinkDto, body));
      }),
    );
    const prepared = await this.links.prepareNewLinks(auth, requests, { replaceUnusableDomain: true });
    const valid = prepared.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
    const holders = new Map(
      (await this.links.findKeyHolders(auth, valid)).map((holder, index) => [valid[index], holder]),
    );

    return Promise.all(
      prepared.map(async (outcome, index): Promise<RowPlan> => {
        const rowNumber = firstRow + index;
        if (!outcome.ok) return { kind: 'done', result: problem(rowNumber, 'error', outcome.error) };
        const item = outcome.value;
        const row = rows[index];
        if (row.createdAt !== null) item.link.createdAt = new Date(row.createdAt);
        const note = item.domainReplaced
          ? `${row.domain} is not a domain of this workspace: the link is on ${item.link.domain}`
          : null;
        const holder = holders.get(item);
        if (!holder) return { kind: 'create', row: rowNumber, prepared: item, note };
        const sameWorkspace = holder.workspaceId === auth.workspaceId;
        if (onConflict !== 'update' || !sameWorkspace) {
          const message =
            holder.externalId !== null && holder.externalId === item.link.externalId && sameWorkspace
              ? `externalId "${holder.externalId}" is already used by another link of this workspace`
              : `Slug "${holder.slug}" is already in use on ${holder.domain}`;
          return {
            kind: 'done',
            result: {
              ...problem(rowNumber, 'conflict', AppException.conflict(message)),
              ...(sameWorkspace && linkOf(this.links, holder)),
            },
          };
        }
        if (dryRun) return { kind: 'update', row: rowNumber, linkId: holder.id, change: null, note };
        const change: UpdateLinkDto = {
          url: row.url,
          ...(row.title !== null && { title: row.title }),
          ...(item.tagIds.length > 0 && { tagIds: item.tagIds }),
          ...(item.link.folderId !== null && { folderId: item.link.folderId }),
        };
        const prepared = await settle(this.links.prepareUpdate(auth, holder.id, change));
        if (!prepared.ok) return { kind: 'done', result: problem(rowNumber, 'error', prepared.error) };
        return { kind: 'update', row: rowNumber, linkId: holder.id, change: prepared.value, note };
      }),
    );
  }

  /** Inside the chunk's transaction: the new links set-based, then each update; the results in row order. */
  private async write(
    auth: AuthContext,
    plans: RowPlan[],
  ): Promise<{ results: ImportRowResult[]; created: Outcome<CreatedLink>[]; updated: PreparedChange[] }> {
    const creates = plans.flatMap((plan) => (plan.kind === 'create' ? [plan] : []));
    const created = await this.links.insertPrepared(
      auth,
      creates.map((plan) => ({ ok: true, value: plan.prepared })),
    );
    const createdByPlan = new Map(creates.map((plan, index) => [plan, created[index]]));
    const updated: PreparedChange[] = [];
    const results: ImportRowResult[] = [];
    for (const plan of plans) {
      if (plan.kind === 'done') results.push(plan.result);
      else if (plan.kind === 'create') {
        const outcome = createdByPlan.get(plan)!;
        results.push(
          outcome.ok
            ? result(plan.row, 'created', {
                linkId: outcome.value.id,
                shortLink: this.links.shortLink(outcome.value.domain, outcome.value.slug),
                note: plan.note,
              })
            : problem(plan.row, isConflict(outcome.error) ? 'conflict' : 'error', outcome.error),
        );
      } else {
        const outcome = await settle(this.links.writeUpdate(plan.change!));
        if (!outcome.ok)
          results.push(problem(plan.row, isConflict(outcome.error) ? 'conflict' : 'error', outcome.error));
        else {
          updated.push(plan.change!);
          results.push(
            result(plan.row, 'updated', {
              linkId: plan.linkId,
              shortLink: this.links.shortLink(plan.change!.domain, plan.change!.slug),
              note: plan.note,
            }),
          );
        }
      }
    }
    return { results, created, updated };
  }

  /**
   * The ids of the workspace's tags or folders with these names, by lower-cased name; the missing ones are created
   * (within the plan's quota: an Error for a name that could not be), or, in a dry run, left out.
   */
  private async namedIds(
    auth: AuthContext,
    table: 'link_tags' | 'link_folders',
    names: string[],
    dryRun: boolean,
  ): Promise<Map<string, string | Error>> {
    const wanted = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
    const ids: Map<string, string | Error> = await this.repository.idsByName(table, auth.workspaceId, wanted);
    if (dryRun) return ids;
    for (const name of wanted.filter((candidate) => !ids.has(candidate.toLowerCase()))) {
      const created = await settle<{ id: string }>(
        table === 'link_tags' ? this.tags.create(auth, { name }) : this.folders.create(auth, { name }),
      );
      if (created.ok) ids.set(name.toLowerCase(), created.value.id);
      else {
        // Created meanwhile by a concurrent import or request: use it.
        const again = await this.repository.idsByName(table, auth.workspaceId, [name]);
        ids.set(name.toLowerCase(), again.get(name.toLowerCase()) ?? asError(created.error));
      }
    }
    return ids;
  }

  private async findOwned(auth: AuthContext, id: string): Promise<LinkImportEntity> {
    const job = await this.repository.findById(id);
    assertWorkspaceAccess(auth, job, NOT_FOUND);
    return job!;
  }
}

function result(
  row: number,
  status: ImportRowResult['status'],
  fields: Partial<Pick<ImportRowResult, 'linkId' | 'shortLink' | 'note'>>,
): ImportRowResult {
  return { row, status, linkId: null, shortLink: null, error: null, note: null, ...fields };
}

/** A row not imported, with the code and message the single route would have answered. */
function problem(row: number, status: 'conflict' | 'error', error: unknown): ImportRowResult {
  const { body, unexpected } = toErrorResponse(error, '');
  if (unexpected) throw error;
  // A validation failure's message is in its field errors.
  const fields = body.errors as { message: string }[] | undefined;
  const message = fields?.map((field) => field.message).join('; ') || body.message;
  return { ...result(row, status, {}), error: { code: body.code, message } };
}

function isConflict(error: unknown): boolean {
  return error instanceof AppException && error.code === 'conflict';
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The keys a new link takes: its external id, its short link. */
function keysOf(item: PreparedLink): string[] {
  return [
    ...(item.link.externalId ? [`externalId:${item.link.externalId}`] : []),
    ...(item.slug === undefined ? [] : [`shortLink:${item.link.domain}/${item.slug}`]),
  ];
}

function linkOf(links: LinksService, holder: { id: string; domain: string; slug: string }): Partial<ImportRowResult> {
  return { linkId: holder.id, shortLink: links.shortLink(holder.domain, holder.slug) };
}

function countOf(results: ImportRowResult[]): ChunkCounts {
  const counts: ChunkCounts = { created: 0, updated: 0, conflict: 0, error: 0 };
  for (const { status } of results) counts[status]++;
  return counts;
}

export function toImportDto(job: LinkImportEntity): ImportDto {
  return {
    id: job.id,
    format: job.format,
    onConflict: job.onConflict,
    status: job.status,
    fileName: job.fileName,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    counts: {
      created: job.createdCount,
      updated: job.updatedCount,
      conflict: job.conflictCount,
      error: job.errorCount,
    },
    problems: job.problems,
    failure: job.failure,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
