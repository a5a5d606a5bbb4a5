import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { AppConfig, InjectRedis } from '@app/common';
import type { ClickEvent } from './click-event';

/** The consumer group every instance reads the stream in: each entry goes to one of them. */
export const CLICK_WRITERS_GROUP = 'click-writers';
const ENTRY_VERSION = '1';

/** A stream entry: one batch of clicks, or nothing readable (`events` null) when it is malformed. */
export interface ClickStreamEntry {
  id: string;
  events: ClickEvent[] | null;
  /** Written by a newer version (another entry format): left for an instance that reads it. */
  newerFormat?: boolean;
}

export interface ClickStreamStats {
  /** Entries in the stream: every entry not yet written (written entries are deleted). */
  backlog: number;
  /** Entries delivered to a consumer and not acknowledged. */
  pending: number;
}

type RawEntry = [id: string, fields: string[] | null];

/**
 * The Redis side of the click transport: one stream (`<REDIS_KEY_PREFIX>clicks`) of click batches, read
 * by every instance in the consumer group `click-writers`. An entry is deleted (XACK + XDEL, atomically)
 * once its clicks are committed to PostgreSQL, so the stream holds exactly the batches not yet written:
 * it needs no trimming, and its length is the backlog.
 *
 * Two connections of its own, duplicated from the shared client: the consumer's blocks in XREADGROUP,
 * and the producer's must outlive the shared one at shutdown (the last clicks are added then).
 */
@Injectable()
export class ClickStream implements OnModuleInit {
  private readonly logger = new Logger('ClickStream');
  readonly key: string;
  /** Unique per process and boot: the host, the pid (tests find an instance's consumer by it) and a random part. */
  readonly consumerName = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private producer: Redis | null = null;
  private consumer: Redis | null = null;
  private consumerClientId: number | null = null;

  constructor(
    @InjectRedis() private readonly redis: Redis | null,
    config: AppConfig,
  ) {
    this.key = `${config.REDIS_KEY_PREFIX}clicks`;
  }

  get enabled(): boolean {
    return this.redis !== null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis) return;
    this.producer = this.connection('producer');
    // A blocked read waits for entries; requests must not be retried into a blocked connection's queue.
    this.consumer = this.connection('consumer');
    await Promise.all([this.producer.connect(), this.consumer.connect()]);
    this.consumerClientId = Number(await this.consumer.client('ID'));
    await this.ensureGroup();
  }

  /** Creates the group (reading from the first entry: every entry in the stream is unwritten) unless it exists. */
  async ensureGroup(): Promise<void> {
    try {
      await this.producerConnection().xgroup('CREATE', this.key, CLICK_WRITERS_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error as Error).message.startsWith('BUSYGROUP')) throw error;
    }
  }

  /** Appends a batch; resolves with its entry id once Redis has it. */
  async add(events: ClickEvent[]): Promise<string> {
    const id = await this.producerConnection().xadd(this.key, '*', 'v', ENTRY_VERSION, 'events', encodeEvents(events));
    return id!;
  }

  /** Entries never delivered to any consumer, waiting up to `blockMs` for one. */
  async readNew(count: number, blockMs: number): Promise<ClickStreamEntry[]> {
    const reply = (await this.consumerConnection().xreadgroup(
      'GROUP',
      CLICK_WRITERS_GROUP,
      this.consumerName,
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      this.key,
      '>',
    )) as [string, RawEntry[]][] | null;
    return reply ? reply[0][1].map(decodeEntry) : [];
  }

  /** Entries delivered to this consumer after `after` and not acknowledged: a write that failed, to try again. */
  async readOwnPending(count: number, after: string): Promise<ClickStreamEntry[]> {
    const reply = (await this.consumerConnection().xreadgroup(
      'GROUP',
      CLICK_WRITERS_GROUP,
      this.consumerName,
      'COUNT',
      count,
      'STREAMS',
      this.key,
      after,
    )) as [string, RawEntry[]][] | null;
    return reply ? reply[0][1].map(decodeEntry) : [];
  }

  /**
   * Takes over entries another consumer has held unacknowledged for `minIdleMs` (it died, or is stuck),
   * scanning the whole pending list from `start`; returns them and where the next scan starts (`0-0`: done).
   */
  async claimIdle(
    minIdleMs: number,
    start: string,
    count: number,
  ): Promise<{ entries: ClickStreamEntry[]; next: string }> {
    const [next, entries] = (await this.consumerConnection().xautoclaim(
      this.key,
      CLICK_WRITERS_GROUP,
      this.consumerName,
      minIdleMs,
      start,
      'COUNT',
      count,
    )) as [string, RawEntry[], string[]?];
    return { entries: entries.map(decodeEntry), next };
  }

  /** Marks entries done and deletes them, in one transaction: called only once their clicks are committed. */
  async acknowledge(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const results = await this.consumerConnection()
      .multi()
      .xack(this.key, CLICK_WRITERS_GROUP, ...ids)
      .xdel(this.key, ...ids)
      .exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Acknowledging click stream entries was aborted');
  }

  /** Which of these entries are still in the stream (not written yet). */
  async remaining(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const pipeline = this.producerConnection().pipeline();
    for (const id of ids) pipeline.xrange(this.key, id, id);
    const results = (await pipeline.exec()) ?? [];
    return ids.filter((_id, index) => {
      const [error, entries] = results[index] ?? [new Error('no reply')];
      if (error) throw error;
      return (entries as unknown[]).length > 0;
    });
  }

  /** Id of the oldest entry not written yet, or null when the stream is empty. */
  async oldestId(): Promise<string | null> {
    const [first] = (await this.producerConnection().xrange(this.key, '-', '+', 'COUNT', 1)) as RawEntry[];
    return first ? first[0] : null;
  }

  async stats(): Promise<ClickStreamStats> {
    const results =
      (await this.producerConnection().pipeline().xlen(this.key).xpending(this.key, CLICK_WRITERS_GROUP).exec()) ?? [];
    const [[lengthError, backlog], [pendingError, summary]] = results as [
      [Error | null, number],
      [Error | null, [number, ...unknown[]]],
    ];
    if (lengthError || pendingError) throw lengthError ?? pendingError;
    return { backlog, pending: Number(summary[0]) };
  }

  /**
   * Removes consumers (instances gone for good) idle for longer than `idleMs` that hold nothing: the group
   * would otherwise list every instance that ever ran. Returns how many were removed.
   */
  async forgetIdleConsumers(idleMs: number): Promise<number> {
    const consumers = (await this.producerConnection().xinfo(
      'CONSUMERS',
      this.key,
      CLICK_WRITERS_GROUP,
    )) as unknown[][];
    let removed = 0;
    for (const fields of consumers) {
      const values = new Map<string, unknown>();
      for (let index = 0; index + 1 < fields.length; index += 2) values.set(String(fields[index]), fields[index + 1]);
      const name = String(values.get('name'));
      if (name === this.consumerName || Number(values.get('pending')) !== 0 || Number(values.get('idle')) < idleMs)
        continue;
      // Deleting a consumer drops its pending entries: only ever one that holds none (checked again atomically).
      const deleted = await this.producerConnection().eval(
        FORGET_IDLE_CONSUMER,
        1,
        this.key,
        CLICK_WRITERS_GROUP,
        name,
        idleMs,
      );
      removed += Number(deleted);
    }
    return removed;
  }

  /** Ends a blocked read at once, as if it had timed out (shutdown must not wait for the block timeout). */
  async interruptRead(): Promise<void> {
    if (this.consumerClientId === null || !this.producer) return;
    await this.producer.client('UNBLOCK', this.consumerClientId, 'TIMEOUT').catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([this.producer?.quit().catch(() => undefined), this.consumer?.quit().catch(() => undefined)]);
    this.producer = null;
    this.consumer = null;
  }

  private connection(role: string): Redis {
    const connection = this.redis!.duplicate({ lazyConnect: true, connectionName: `linktrace-clicks-${role}` });
    connection.on('error', (error: Error) => this.logger.warn(`Redis ${role} connection error: ${error.message}`));
    return connection;
  }

  private producerConnection(): Redis {
    if (!this.producer) throw new Error('The click stream is closed');
    return this.producer;
  }

  private consumerConnection(): Redis {
    if (!this.consumer) throw new Error('The click stream is closed');
    return this.consumer;
  }
}

/** XGROUP DELCONSUMER, only when the consumer still holds nothing and is still idle (KEYS[1] stream; ARGV group, name, idle ms). */
const FORGET_IDLE_CONSUMER = `
for _, consumer in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local fields = {}
  for index = 1, #consumer, 2 do fields[consumer[index]] = consumer[index + 1] end
  if fields['name'] == ARGV[2] then
    if tonumber(fields['pending']) == 0 and tonumber(fields['idle']) >= tonumber(ARGV[3]) then
      redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
      return 1
    end
    return 0
  end
end
return 0`;

/** Compares two stream ids (`<ms>-<seq>`). */
export function compareEntryIds(left: string, right: string): number {
  const [leftMs, leftSeq] = left.split('-').map(Number);
  const [rightMs, rightSeq] = right.split('-').map(Number);
  return leftMs - rightMs || leftSeq - rightSeq;
}

type EncodedEvent = Omit<ClickEvent, 'time'> & { time: number };

/** A batch as stored in an entry: JSON, times as epoch milliseconds. */
export function encodeEvents(events: ClickEvent[]): string {
  return JSON.stringify(events.map((event): EncodedEvent => ({ ...event, time: event.time.getTime() })));
}

function decodeEntry([id, fields]: RawEntry): ClickStreamEntry {
  if (!fields) return { id, events: null };
  const values = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) values.set(fields[index], fields[index + 1]);
  const version = values.get('v');
  if (version !== ENTRY_VERSION)
    return { id, events: null, newerFormat: version !== undefined && Number(version) > Number(ENTRY_VERSION) };
  return { id, events: decodeEvents(values.get('events')) };
}

function decodeEvents(json: string | undefined): ClickEvent[] | null {
  if (json === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  const events: ClickEvent[] = [];
  for (const item of parsed as Partial<EncodedEvent>[]) {
    if (
      typeof item?.id !== 'string' ||
      typeof item.linkId !== 'string' ||
      typeof item.workspaceId !== 'string' ||
      typeof item.time !== 'number'
    )
      return null;
    events.push({ ...(item as EncodedEvent), time: new Date(item.time) });
  }
  return events;
}
