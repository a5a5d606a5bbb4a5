import { HttpStatus, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthContext } from '@app/auth';
import { AppException, ErrorCode, newId } from '@app/common';
import type { ConversionType } from '@app/database';
import { ClickRecorder } from '../clicks/click-recorder.service';
import {
  ClickDimensions,
  ConversionRecord,
  ConversionsRepository,
  IdempotencyKeys,
  StoredClick,
} from './conversions.repository';
import { toConversionEventDto } from './conversions.mapper';
import type { TrackLeadDto } from './dto/track-lead.dto';
import type { TrackSaleDto } from './dto/track-sale.dto';

/**
 * Another instance may still hold the click in its buffer: it writes every 250 ms, so looking again a
 * little later finds it. Only unknown click ids pay this wait.
 */
const OTHER_INSTANCE_RETRY_DELAYS_MS = [250, 500];
const NOT_STORED_RETRY_AFTER_SECONDS = 5;
const DEFAULT_SALE_EVENT_NAME = 'Purchase';

const NO_DIMENSIONS: ClickDimensions = {
  domain: null,
  country: null,
  region: null,
  city: null,
  device: null,
  browser: null,
  os: null,
  referrer: null,
  referrerDomain: null,
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmTerm: null,
  utmContent: null,
  variant: null,
  destinationType: null,
};

export interface TrackResult {
  /** False when an earlier request with the same idempotency key recorded the event. */
  created: boolean;
  event: ConversionRecord;
}

/** What identifies a conversion, to tell a retry (same event) from a reused idempotency key (another event). */
interface Attempt extends IdempotencyKeys {
  type: ConversionType;
  customerExternalId: string;
  clickId: string | null;
  amount: number | null;
  currency: string | null;
}

/**
 * Conversion writes: a lead attributes a customer to the link of a click, a sale adds revenue to the
 * customer's link. Idempotency keys (eventId, invoiceId, provider + providerEventId) are unique indexes, so
 * a retry — sequential or concurrent — finds the first event and records nothing.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly repository: ConversionsRepository,
    private readonly clicks: ClickRecorder,
  ) {}

  async trackLead(auth: AuthContext, dto: TrackLeadDto): Promise<TrackResult> {
    const attempt: Attempt = {
      type: 'lead',
      customerExternalId: dto.customerExternalId,
      clickId: dto.clickId,
      amount: null,
      currency: null,
      eventId: dto.eventId ?? null,
      invoiceId: null,
      provider: null,
      providerEventId: null,
    };
    const earlier = await this.findEarlier(auth.workspaceId, attempt);
    if (earlier) return { created: false, event: earlier };

    const click = await this.findClick(auth.workspaceId, dto.clickId);
    const recorded = await this.repository.recordLead(
      {
        id: newId('customer'),
        workspaceId: auth.workspaceId,
        externalId: dto.customerExternalId,
        name: dto.customerName ?? null,
        email: dto.customerEmail ?? null,
        linkId: click.linkId,
        clickId: click.id,
      },
      {
        ...dimensionsOf(click),
        id: newId('event'),
        workspaceId: auth.workspaceId,
        type: 'lead',
        eventName: dto.eventName,
        linkId: click.linkId,
        clickId: click.id,
        amount: null,
        currency: null,
        invoiceId: null,
        eventId: attempt.eventId,
        provider: null,
        providerEventId: null,
        providerSignature: null,
        metadata: dto.metadata ?? null,
      },
      toConversionEventDto,
    );
    return recorded
      ? { created: true, event: recorded }
      : { created: false, event: await this.findTakenKey(auth.workspaceId, attempt) };
  }

  async trackSale(auth: AuthContext, dto: TrackSaleDto): Promise<TrackResult> {
    const attempt: Attempt = {
      type: 'sale',
      customerExternalId: dto.customerExternalId,
      clickId: null,
      amount: dto.amount,
      currency: dto.currency,
      eventId: dto.eventId ?? null,
      invoiceId: dto.invoiceId ?? null,
      provider: dto.provider ?? null,
      providerEventId: dto.providerEventId ?? null,
    };
    const earlier = await this.findEarlier(auth.workspaceId, attempt);
    if (earlier) return { created: false, event: earlier };

    const customer = await this.repository.findCustomer(auth.workspaceId, dto.customerExternalId);
    if (!customer) {
      throw AppException.notFound(
        `No customer with customerExternalId "${dto.customerExternalId}" in this workspace: record their lead first (POST /api/v1/track/leads)`,
      );
    }
    const dimensions = (await this.repository.findLeadDimensions(customer.id, customer.clickId)) ?? NO_DIMENSIONS;
    const recorded = await this.repository.recordSale(
      {
        ...dimensions,
        id: newId('event'),
        workspaceId: auth.workspaceId,
        type: 'sale',
        eventName: dto.eventName ?? DEFAULT_SALE_EVENT_NAME,
        customerId: customer.id,
        linkId: customer.linkId,
        clickId: customer.clickId,
        amount: dto.amount,
        currency: dto.currency,
        invoiceId: attempt.invoiceId,
        eventId: attempt.eventId,
        provider: attempt.provider,
        providerEventId: attempt.providerEventId,
        providerSignature: dto.providerSignature ?? null,
        metadata: dto.metadata ?? null,
      },
      toConversionEventDto,
    );
    return recorded
      ? { created: true, event: recorded }
      : { created: false, event: await this.findTakenKey(auth.workspaceId, attempt) };
  }

  /**
   * The event an earlier request recorded with one of this attempt's idempotency keys, or null. The same
   * key for a different conversion is a client bug that must not pass silently: 409.
   */
  private async findEarlier(workspaceId: string, attempt: Attempt): Promise<ConversionRecord | null> {
    if (attempt.eventId === null && attempt.invoiceId === null && attempt.providerEventId === null) return null;
    const matches = await this.repository.findByIdempotencyKeys(workspaceId, attempt);
    if (matches.length === 0) return null;
    if (matches.length > 1) {
      throw AppException.conflict(
        `The idempotency keys of this event belong to different conversions (${matches.map((match) => match.id).join(', ')})`,
      );
    }
    const [earlier] = matches;
    if (!isSameConversion(earlier, attempt)) {
      const retryMust =
        attempt.type === 'lead' ? 'the same customer and click' : 'the same customer, amount and currency';
      throw AppException.conflict(
        `${takenKeyName(earlier, attempt)} was already used for another conversion (${earlier.id}); a retry must send ${retryMust}`,
      );
    }
    return earlier;
  }

  /** After the insert found a key taken (a concurrent request won): that request's event. */
  private async findTakenKey(workspaceId: string, attempt: Attempt): Promise<ConversionRecord> {
    const earlier = await this.findEarlier(workspaceId, attempt);
    if (!earlier) throw new Error('An idempotency key was taken but no event holds it');
    return earlier;
  }

  /**
   * The stored click. Clicks are written in batches, so a lead can arrive before its click is: when this
   * instance still holds it, the buffer is flushed first; otherwise another instance may hold it, and the
   * lookup is repeated briefly. Clicks of other workspaces are not found (their existence is not revealed).
   */
  private async findClick(workspaceId: string, clickId: string): Promise<StoredClick> {
    const stored = await this.repository.findClick(workspaceId, clickId);
    if (stored) return stored;
    if (this.clicks.holds(clickId)) {
      try {
        await this.clicks.flush();
      } catch {
        throw new AppException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ErrorCode.serviceUnavailable,
          'The click is not stored yet; retry in a few seconds',
          {},
          { 'Retry-After': NOT_STORED_RETRY_AFTER_SECONDS },
        );
      }
      const flushed = await this.repository.findClick(workspaceId, clickId);
      if (flushed) return flushed;
    }
    for (const delay of OTHER_INSTANCE_RETRY_DELAYS_MS) {
      await sleep(delay);
      const found = await this.repository.findClick(workspaceId, clickId);
      if (found) return found;
    }
    throw AppException.notFound(
      `No click ${clickId} in this workspace: send the lt_id the redirect appended to the destination`,
    );
  }
}

function dimensionsOf(click: StoredClick): ClickDimensions {
  const { id: _id, linkId: _linkId, ...dimensions } = click;
  return dimensions;
}

/** A retry repeats what the conversion is; descriptive fields (name, metadata, signature) may differ and are ignored. */
function isSameConversion(earlier: ConversionRecord, attempt: Attempt): boolean {
  const sameKind =
    earlier.type === attempt.type &&
    earlier.customer.externalId === attempt.customerExternalId &&
    (attempt.type === 'lead'
      ? earlier.clickId === attempt.clickId
      : earlier.amount === attempt.amount && earlier.currency === attempt.currency);
  return (
    sameKind &&
    (attempt.eventId === null || earlier.eventId === attempt.eventId) &&
    (attempt.invoiceId === null || earlier.invoiceId === attempt.invoiceId) &&
    (attempt.providerEventId === null ||
      (earlier.provider === attempt.provider && earlier.providerEventId === attempt.providerEventId))
  );
}

function takenKeyName(earlier: ConversionRecord, attempt: Attempt): string {
  if (attempt.eventId !== null && earlier.eventId === attempt.eventId) return `eventId "${attempt.eventId}"`;
  if (attempt.invoiceId !== null && earlier.invoiceId === attempt.invoiceId) return `invoiceId "${attempt.invoiceId}"`;
  return `providerEventId "${attempt.providerEventId}" of ${attempt.provider}`;
}
