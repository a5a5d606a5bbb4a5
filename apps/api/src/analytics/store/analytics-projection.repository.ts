import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Connection, Pool, PoolClient, Submittable } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '@app/common';
import { SOURCE_COLUMNS } from '../dimensions';

/** A click event as PostgreSQL holds it: the columns the projection copies (dimension values are derived in DuckDB). */
export interface SourceClick {
  seq: string;
  /** Microseconds since the epoch. */
  micros: string;
  workspace_id: string;
  link_id: string;
  is_bot: boolean;
  /** The visitor hash as a 64-bit number (VISITOR). */
  visitor: string;
  [column: string]: string | boolean | null;
}

/** The copied columns, in order (the CSV of `copyRange` has no header; its time is UTC, without zone). */
export const SOURCE = ['seq', 'time', 'workspace_id', 'link_id', 'is_bot', 'visitor', ...SOURCE_COLUMNS] as const;

/** The visitor as PostgreSQL stores it and the store keeps it: a 64-bit number (ClicksRepository's EVENT_COLUMNS). */
const VISITOR = 'visitor_hash';
const SELECT = `SELECT seq::text AS seq, (extract(epoch FROM time) * 1000000)::bigint::text AS micros, workspace_id, link_id,
  is_bot, ${VISITOR}::text AS visitor, ${SOURCE_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM click_events`;
/** In sequence order (each partition's index merged), the order a rebuild appends its rows in. */
const COPY_SELECT = (
  after: bigint,
  upTo: bigint,
) => `SELECT seq, time AT TIME ZONE 'UTC', workspace_id, link_id, is_bot, ${VISITOR},
  ${SOURCE_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM click_events
  WHERE seq > ${after.toString()} AND seq <= ${upTo.toString()} ORDER BY seq`;

/**
 * The projection's reads of PostgreSQL's click_events, by sequence number (click_events_seq_idx). Ranges of
 * events are copied as CSV into a file (COPY … TO STDOUT, streamed: the rows never become JavaScript values) that
 * DuckDB loads itself, from a PostgreSQL server as from the embedded PGlite (whose thread streams the COPY's
 * output as a server would).
 */
@Injectable()
export class AnalyticsProjectionRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The events of the given sequence numbers that exist now. */
  some(seqs: bigint[]): Promise<SourceClick[]> {
    return this.dataSource.query(`${SELECT} WHERE seq = ANY($1::bigint[]) ORDER BY click_events.seq`, [
      seqs.map(String),
    ]);
  }

  /** The highest sequence number held, and the lowest above `after` (null: none). */
  async bounds(after: bigint): Promise<{ first: bigint | null; last: bigint | null }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT seq FROM click_events WHERE seq > $1 ORDER BY seq LIMIT 1)::text AS first,
              (SELECT seq FROM click_events ORDER BY seq DESC LIMIT 1)::text AS last`,
      [after.toString()],
    );
    return { first: row.first === null ? null : BigInt(row.first), last: row.last === null ? null : BigInt(row.last) };
  }

  /**
   * Writes the events of sequence numbers (after, upTo] to `file` as CSV (columns SOURCE; PostgreSQL quotes an
   * empty string and leaves a NULL bare, so the two stay apart), streamed; resolves with the number of rows.
   */
  async copyRange(after: bigint, upTo: bigint, file: string): Promise<number> {
    // Given up (CopyStalledError) when no byte comes for ANALYTICS_COPY_STALL_MS while the file wants more.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const client: PoolClient = await pool.connect();
    // A checked-out client has no error listener of the pool's: a server that ends the connection (a restart,
    // pg_terminate_backend) would make it emit an unhandled 'error' and end the process. The failed client leaves
    // the pool.
    let failure: Error | undefined;
    const onError = (error: Error) => (failure ??= error);
    client.on('error', onError);
    try {
      // COPY takes no parameters: the bounds are bigints, written as numbers.
      const stream = client.query(
        new CopyOut(
          `COPY (${COPY_SELECT(after, upTo)}) TO STDOUT WITH (FORMAT csv)`,
          this.config.ANALYTICS_COPY_STALL_MS,
        ),
      );
      await pipeline(stream, createWriteStream(file, { highWaterMark: BLOCK }));
      return stream.rowCount;
    } catch (error) {
      failure ??= error as Error;
      // The backend of a stalled COPY (behind a lock, say) would otherwise go on for nobody.
      if (error instanceof CopyStalledError)
        void pool
          .query('SELECT pg_cancel_backend($1)', [(client as { processID?: number }).processID])
          .catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(failure);
    }
  }

  /** Whether PostgreSQL still holds any click of [from, to) (retention drops whole months). */
  async anyBetween(from: Date, to: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM click_events WHERE time >= $1 AND time < $2 LIMIT 1`,
      [from, to],
    );
    return rows.length > 0;
  }
}

/** A COPY that received nothing for its stall bound while it waited for data. */
export class CopyStalledError extends Error {
  constructor(stallMs: number) {
    super(`The COPY of click events received nothing for ${stallMs} ms: given up`);
  }
}

/** Bytes of the COPY's rows handed on at once. */
const BLOCK = 1 << 20;
const COPY_DATA = 0x64;
const COPY_DONE = 0x63;
const ERROR_RESPONSE = 0x45;

/**
 * `COPY … TO STDOUT` as a stream of the rows' bytes, in blocks of about BLOCK (pg-copy-streams' `to` did the same a
 * message at a time: a row is one CopyData message, and its per-message work cost as much CPU as PostgreSQL's COPY).
 * It reads the connection's socket itself until CopyDone, then hands the rest (CommandComplete, ReadyForQuery) back
 * to pg; an ErrorResponse is handed back too, and pg fails the query with it.
 */
class CopyOut extends Readable implements Submittable {
  rowCount = 0;
  private connection: (Connection & { stream: NodeJS.ReadableStream & Readable }) | null = null;
  private pgOnData: ((chunk: Buffer) => void) | null = null;
  private readonly onReadable = () => this.forward();
  /** The message being read: its code and the bytes of its body still to come. */
  private code = 0;
  private remaining = 0;
  /** A message header split between two chunks. */
  private readonly header = Buffer.alloc(5);
  private headerBytes = 0;
  private block = Buffer.allocUnsafe(BLOCK);
  private used = 0;
  private wanted = false;
  private forwarding = false;
  /** Fails the copy when nothing arrives for `stallMs` while the file wants data (refreshed by each chunk read). */
  private stall: NodeJS.Timeout | null = null;

  constructor(
    private readonly text: string,
    private readonly stallMs: number,
  ) {
    super({ highWaterMark: BLOCK });
  }

  submit(connection: Connection): void {
    this.connection = connection as CopyOut['connection'];
    this.stall = setTimeout(() => this.stalled(), this.stallMs);
    const socket = this.connection!.stream;
    this.pgOnData = socket.listeners('data')[0] as (chunk: Buffer) => void;
    socket.removeListener('data', this.pgOnData);
    socket.pause();
    socket.on('readable', this.onReadable);
    connection.query(this.text);
  }

  override _read(): void {
    // The time the file took to want more is not the server's.
    if (!this.wanted) this.stall?.refresh();
    this.wanted = true;
    this.forward();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopWatching();
    callback(error);
  }

  private stalled(): void {
    if (!this.wanted) this.stall?.refresh();
    else this.destroy(new CopyStalledError(this.stallMs));
  }

  private stopWatching(): void {
    if (this.stall) clearTimeout(this.stall);
    this.stall = null;
  }

  /** pg's calls for the messages it reads after CopyDone (or an error). */
  handleError(error: Error): void {
    this.destroy(error);
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {}

  private forward(): void {
    if (this.forwarding) return;
    this.forwarding = true;
    let chunk: Buffer | null;
    while (this.wanted && this.connection && (chunk = this.connection.stream.read() as Buffer | null) !== null) {
      this.stall?.refresh();
      this.parse(chunk);
    }
    this.forwarding = false;
  }

  private parse(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const end = Math.min(chunk.length, at + this.remaining);
        if (this.code === COPY_DATA) {
          if (this.used + end - at > BLOCK) this.flush();
          chunk.copy(this.block, this.used, at, end);
          this.used += end - at;
        }
        this.remaining -= end - at;
        at = end;
        continue;
      }
      let code: number;
      let length: number;
      if (this.headerBytes === 0 && chunk.length - at >= 5) {
        code = chunk[at];
        length = chunk.readUInt32BE(at + 1);
        at += 5;
      } else {
        const end = Math.min(chunk.length, at + 5 - this.headerBytes);
        chunk.copy(this.header, this.headerBytes, at, end);
        this.headerBytes += end - at;
        at = end;
        if (this.headerBytes < 5) break;
        this.headerBytes = 0;
        code = this.header[0];
        length = this.header.readUInt32BE(1);
      }
      if (code === COPY_DONE || code === ERROR_RESPONSE) {
        this.flush();
        const header = Buffer.alloc(5);
        header[0] = code;
        header.writeUInt32BE(length, 1);
        this.detach(Buffer.concat([header, chunk.subarray(at)]));
        if (code === COPY_DONE) this.push(null);
        return;
      }
      if (code === COPY_DATA) this.rowCount++;
      this.code = code;
      this.remaining = length - 4;
    }
    if (this.used >= BLOCK / 2) this.flush();
  }

  private flush(): void {
    if (this.used === 0) return;
    this.wanted = this.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(BLOCK);
    this.used = 0;
  }

  /** Gives the connection back to pg, with the bytes read past the COPY's data. */
  private detach(rest: Buffer): void {
    const socket = this.connection!.stream;
    const pgOnData = this.pgOnData!;
    this.connection = null;
    this.stopWatching();
    socket.removeListener('readable', this.onReadable);
    socket.on('data', pgOnData);
    pgOnData(rest);
    // pg's handler may pause the socket (its own backpressure): resumed once it has returned.
    process.nextTick(() => socket.resume());
  }
}
