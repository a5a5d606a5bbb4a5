import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CursorPosition } from '@app/common';
import {
  enqueueWebhookEvent,
  ConversionEventEntity,
  ConversionType,
  CustomerEntity,
  findPage,
  Positioned,
  WorkspaceEntity,
} from '@app/database';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { SOURCE_COLUMNS } from '../analytics/dimensions';

/** What a conversion copies from the click it is attributed to, for analytics to break it down like clicks. */
export interface ClickDimensions {
  /** The short domain the click came through. */
  domain: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  referrer: string | null;
  referrerDomain: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** The A/B test variant of the click. */
  variant: string | null;
  /** Which of its link's destinations the click used (web, geo, ios, android, app). */
  destinationType: string | null;
}

export interface StoredClick extends ClickDimensions {
  id: string;
  /** Null when the link has been deleted since the click. */
  linkId: string | null;
}

export interface NewCustomer {
  id: string;
  workspaceId: string;
  externalId: string;
  name: string | null;
  email: string | null;
  linkId: string | null;
  clickId: string | null;
}

/** The conversion as webhook events carry it (the REST representation). */
export type ConversionEventData = (record: ConversionRecord) => unknown;

export interface NewConversionEvent extends ClickDimensions {
  id: string;
  workspaceId: string;
  type: ConversionType;
  eventName: string;
  customerId: string;
  linkId: string | null;
  clickId: string | null;
  amount: number | null;
  currency: string | null;
  invoiceId: string | null;
  eventId: string | null;
  provider: string | null;
  providerEventId: string | null;
  providerSignature: string | null;
  metadata: Record<string, unknown> | null;
}

export interface IdempotencyKeys {
  eventId: string | null;
  invoiceId: string | null;
  provider: string | null;
  providerEventId: string | null;
}

export interface ConversionEventFilters {
  type?: ConversionType;
  linkId?: string;
  customerExternalId?: string;
  start: Date | null;
  end: Date | null;
}

/** A conversion event with its customer loaded. */
export type ConversionRecord = ConversionEventEntity & { customer: CustomerEntity };

/** A row of the export: the event's columns, its customer's and the exact time for the keyset. */
export interface ExportRow extends ConversionRecord {
  exactTime: string;
}

export interface ConversionCount {
  type: ConversionType;
  currency: string | null;
  events: number;
  amount: number;
}

export interface LinkConversionCount extends ConversionCount {
  linkId: string;
}

export interface DailyConversionCount extends ConversionCount {
  day: string;
}

export interface LinkSummary {
  linkId: string;
  domain: string;
  slug: string;
}

/** Thrown inside a transaction to roll it back when an idempotency key turned out to be taken. */
class IdempotencyKeyTaken extends Error {}

/** Each dimension column (click_events and conversion_events name them alike) with its ClickDimensions property. */
const DIMENSION_PROPERTIES = SOURCE_COLUMNS.map(
  (column) => [column, column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase())] as const,
) as readonly (readonly [string, keyof ClickDimensions])[];

/** The dimension columns of `table` as ClickDimensions. */
function dimensionColumns(table: string): string {
  return DIMENSION_PROPERTIES.map(([column, property]) => `${table}.${column} AS "${property}"`).join(', ');
}

const EVENT_COLUMNS = [
  'id',
  'workspace_id',
  'type',
  'event_name',
  'customer_id',
  'link_id',
  'click_id',
  'amount',
  'currency',
  'invoice_id',
  'event_id',
  'provider',
  'provider_event_id',
  'provider_signature',
  'metadata',
  ...SOURCE_COLUMNS,
];

// Any unique index may refuse the row (event id, invoice id, provider event): each is an idempotency key.
const INSERT_EVENT = `
  INSERT INTO conversion_events (${EVENT_COLUMNS.join(', ')})
  VALUES (${EVENT_COLUMNS.map((_column, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT DO NOTHING
  RETURNING id`;

// The first lead decides the customer's link (first-touch attribution); later leads only fill in details.
const UPSERT_CUSTOMER = `
  INSERT INTO customers AS customer (id, workspace_id, external_id, name, email, link_id, click_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (workspace_id, external_id) DO UPDATE SET
    name = COALESCE(EXCLUDED.name, customer.name),
    email = COALESCE(EXCLUDED.email, customer.email),
    link_id = CASE WHEN customer.click_id IS NULL THEN EXCLUDED.link_id ELSE customer.link_id END,
    click_id = COALESCE(customer.click_id, EXCLUDED.click_id),
    updated_at = now()
  RETURNING id`;

const EXACT_TIME = `to_char(conversion.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class ConversionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get events() {
    return this.dataSource.getRepository(ConversionEventEntity);
  }

  /** A stored click of the workspace, with its link id only while that link exists. */
  async findClick(workspaceId: string, clickId: string): Promise<StoredClick | null> {
    const rows: StoredClick[] = await this.dataSource.query(
      `SELECT click.id, link.id AS "linkId", ${dimensionColumns('click')}
         FROM click_events click LEFT JOIN links link ON link.id = click.link_id
        WHERE click.id = $1 AND click.workspace_id = $2
        LIMIT 1`,
      [clickId, workspaceId],
    );
    return rows[0] ?? null;
  }

  findCustomer(workspaceId: string, externalId: string): Promise<CustomerEntity | null> {
    return this.dataSource.getRepository(CustomerEntity).findOne({ where: { workspaceId, externalId } });
  }

  async findWorkspaceCreatedAt(workspaceId: string): Promise<Date> {
    const workspace = await this.dataSource
      .getRepository(WorkspaceEntity)
      .findOneOrFail({ where: { id: workspaceId }, select: { id: true, createdAt: true } });
    return workspace.createdAt;
  }

  /** Dimensions the customer's first lead copied from its click (the click itself may be past retention). */
  async findLeadDimensions(customerId: string, clickId: string | null): Promise<ClickDimensions | null> {
    const rows: ClickDimensions[] = await this.dataSource.query(
      `SELECT ${dimensionColumns('conversion_events')} FROM conversion_events
        WHERE customer_id = $1 AND type = 'lead' AND click_id IS NOT DISTINCT FROM $2
        ORDER BY time, id LIMIT 1`,
      [customerId, clickId],
    );
    return rows[0] ?? null;
  }

  /** Events of the workspace holding any of the given idempotency keys, oldest first. */
  findByIdempotencyKeys(workspaceId: string, keys: IdempotencyKeys): Promise<ConversionRecord[]> {
    const query = this.events
      .createQueryBuilder('conversion')
      .innerJoinAndSelect('conversion.customer', 'customer')
      .where('conversion.workspace_id = :workspaceId', { workspaceId })
      .andWhere(
        new Brackets((any) => {
          any.where('false');
          if (keys.eventId !== null) any.orWhere('conversion.event_id = :eventId', { eventId: keys.eventId });
          if (keys.invoiceId !== null) any.orWhere('conversion.invoice_id = :invoiceId', { invoiceId: keys.invoiceId });
          if (keys.provider !== null && keys.providerEventId !== null) {
            any.orWhere('(conversion.provider = :provider AND conversion.provider_event_id = :providerEventId)', {
              provider: keys.provider,
              providerEventId: keys.providerEventId,
            });
          }
        }),
      )
      .orderBy('conversion.time', 'ASC')
      .addOrderBy('conversion.id', 'ASC');
    return query.getMany() as Promise<ConversionRecord[]>;
  }

  findById(id: string): Promise<ConversionRecord> {
    return this.events.findOneOrFail({ where: { id }, relations: { customer: true } }) as Promise<ConversionRecord>;
  }

  /**
   * Creates or updates the customer and records the lead, in one transaction. Returns null, with nothing
   * changed, when an idempotency key of the event is already taken (by a concurrent request, too: the unique
   * index makes this insert wait for that request's transaction, then skip).
   */
  async recordLead(
    customer: NewCustomer,
    event: Omit<NewConversionEvent, 'customerId'>,
    eventData: ConversionEventData,
  ): Promise<ConversionRecord | null> {
    try {
      await this.dataSource.transaction(async (manager) => {
        const [{ id: customerId }]: { id: string }[] = await manager.query(UPSERT_CUSTOMER, [
          customer.id,
          customer.workspaceId,
          customer.externalId,
          customer.name,
          customer.email,
          customer.linkId,
          customer.clickId,
        ]);
        const inserted: unknown[] = await manager.query(INSERT_EVENT, eventValues({ ...event, customerId }));
        if (inserted.length === 0) throw new IdempotencyKeyTaken();
        await this.enqueueEvent(manager, 'lead.created', event, eventData);
      });
    } catch (error) {
      if (error instanceof IdempotencyKeyTaken) return null;
      throw error;
    }
    return this.findById(event.id);
  }

  /** Records a sale, with its `sale.created` webhook event; null when one of its idempotency keys is already taken. */
  async recordSale(event: NewConversionEvent, eventData: ConversionEventData): Promise<ConversionRecord | null> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(INSERT_EVENT, eventValues(event));
      if (inserted.length === 0) return false;
      await this.enqueueEvent(manager, 'sale.created', event, eventData);
      return true;
    });
    return recorded ? this.findById(event.id) : null;
  }

  /** The webhook event of a conversion, read back inside its transaction (only when a webhook wants it). */
  private enqueueEvent(
    manager: EntityManager,
    type: 'lead.created' | 'sale.created',
    event: Pick<NewConversionEvent, 'id' | 'workspaceId' | 'linkId'>,
    eventData: ConversionEventData,
  ): Promise<void> {
    return enqueueWebhookEvent(manager, { workspaceId: event.workspaceId, type, linkId: event.linkId }, async () =>
      eventData(
        (await manager.findOneOrFail(ConversionEventEntity, {
          where: { id: event.id },
          relations: { customer: true },
        })) as ConversionRecord,
      ),
    );
  }

  /** A page of events, newest first. */
  list(
    workspaceId: string,
    filters: ConversionEventFilters,
    after: CursorPosition | null,
    limit: number,
  ): Promise<Positioned<ConversionRecord>[]> {
    const query = this.filteredEvents(workspaceId, filters);
    return findPage(query, {
      column: 'conversion.time',
      idColumn: 'conversion.id',
      direction: 'DESC',
      kind: 'timestamp',
      after,
      limit,
    }) as Promise<Positioned<ConversionRecord>[]>;
  }

  /** The export's next batch, oldest first, after `after` (the exact time and id of the last row sent). */
  async exportBatch(
    workspaceId: string,
    filters: ConversionEventFilters,
    after: CursorPosition | null,
    limit: number,
  ): Promise<ExportRow[]> {
    const query = this.filteredEvents(workspaceId, filters)
      .addSelect(EXACT_TIME, 'exact_time')
      .orderBy('conversion.time', 'ASC')
      .addOrderBy('conversion.id', 'ASC')
      .limit(limit);
    if (after) {
      query.andWhere('(conversion.time, conversion.id) > (CAST(:afterTime AS timestamptz), :afterId)', {
        afterTime: after.value,
        afterId: after.id,
      });
    }
    const { entities, raw } = await query.getRawAndEntities<{ conversion_id: string; exact_time: string }>();
    const exactTimes = new Map(raw.map((row) => [row.conversion_id, row.exact_time]));
    return entities.map((entity) =>
      Object.assign(entity as ConversionRecord, { exactTime: exactTimes.get(entity.id)! }),
    );
  }

  /** Events and amounts by type and currency over a range. */
  async countConversions(
    workspaceId: string,
    start: Date,
    end: Date,
    linkId: string | undefined,
  ): Promise<ConversionCount[]> {
    const rows: RawCount[] = await this.dataSource.query(
      `SELECT type, currency, count(*) AS events, COALESCE(sum(amount), 0) AS amount
         FROM conversion_events
        WHERE workspace_id = $1 AND time >= $2 AND time < $3 AND ($4::varchar IS NULL OR link_id = $4)
        GROUP BY type, currency`,
      [workspaceId, start, end, linkId ?? null],
    );
    return rows.map(toCount);
  }

  async countConversionsByDay(
    workspaceId: string,
    start: Date,
    end: Date,
    linkId: string | undefined,
  ): Promise<DailyConversionCount[]> {
    const rows: (RawCount & { day: string })[] = await this.dataSource.query(
      `SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, type, currency, count(*) AS events, COALESCE(sum(amount), 0) AS amount
         FROM conversion_events
        WHERE workspace_id = $1 AND time >= $2 AND time < $3 AND ($4::varchar IS NULL OR link_id = $4)
        GROUP BY 1, type, currency`,
      [workspaceId, start, end, linkId ?? null],
    );
    return rows.map((row) => ({ ...toCount(row), day: row.day }));
  }

  /** The `limit` links with the most sales, then leads, in the range. */
  async topLinks(
    workspaceId: string,
    start: Date,
    end: Date,
    linkId: string | undefined,
    limit: number,
  ): Promise<LinkSummary[]> {
    return this.dataSource.query(
      `SELECT link.id AS "linkId", link.domain, link.slug
         FROM (SELECT link_id,
                      count(*) FILTER (WHERE type = 'sale') AS sales,
                      count(*) FILTER (WHERE type = 'lead') AS leads
                 FROM conversion_events
                WHERE workspace_id = $1 AND time >= $2 AND time < $3 AND link_id IS NOT NULL AND ($4::varchar IS NULL OR link_id = $4)
                GROUP BY link_id) AS counts
         JOIN links link ON link.id = counts.link_id
        ORDER BY counts.sales DESC, counts.leads DESC, link.id
        LIMIT $5`,
      [workspaceId, start, end, linkId ?? null, limit],
    );
  }

  async countConversionsByLink(
    workspaceId: string,
    start: Date,
    end: Date,
    linkIds: string[],
  ): Promise<LinkConversionCount[]> {
    const rows: (RawCount & { link_id: string })[] = await this.dataSource.query(
      `SELECT link_id, type, currency, count(*) AS events, COALESCE(sum(amount), 0) AS amount
         FROM conversion_events
        WHERE workspace_id = $1 AND time >= $2 AND time < $3 AND link_id = ANY($4::varchar[])
        GROUP BY link_id, type, currency`,
      [workspaceId, start, end, linkIds],
    );
    return rows.map((row) => ({ ...toCount(row), linkId: row.link_id }));
  }

  private filteredEvents(
    workspaceId: string,
    filters: ConversionEventFilters,
  ): SelectQueryBuilder<ConversionEventEntity> {
    const query = this.events
      .createQueryBuilder('conversion')
      .innerJoinAndSelect('conversion.customer', 'customer')
      .where('conversion.workspace_id = :workspaceId', { workspaceId });
    if (filters.type) query.andWhere('conversion.type = :type', { type: filters.type });
    if (filters.linkId) query.andWhere('conversion.link_id = :linkId', { linkId: filters.linkId });
    if (filters.customerExternalId)
      query.andWhere('customer.external_id = :externalId', { externalId: filters.customerExternalId });
    if (filters.start) query.andWhere('conversion.time >= :start', { start: filters.start });
    if (filters.end) query.andWhere('conversion.time < :end', { end: filters.end });
    return query;
  }
}

interface RawCount {
  type: ConversionType;
  currency: string | null;
  events: string;
  amount: string;
}

function toCount(row: RawCount): ConversionCount {
  return { type: row.type, currency: row.currency, events: Number(row.events), amount: Number(row.amount) };
}

function eventValues(event: NewConversionEvent): unknown[] {
  return [
    event.id,
    event.workspaceId,
    event.type,
    event.eventName,
    event.customerId,
    event.linkId,
    event.clickId,
    event.amount,
    event.currency,
    event.invoiceId,
    event.eventId,
    event.provider,
    event.providerEventId,
    event.providerSignature,
    event.metadata === null ? null : JSON.stringify(event.metadata),
    ...DIMENSION_PROPERTIES.map(([, property]) => event[property]),
  ];
}
