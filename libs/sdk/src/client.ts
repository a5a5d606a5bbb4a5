import createClient, { type Client } from 'openapi-fetch';
import { errorFromResponse, LinkTraceError } from './errors.js';
import type { components, operations, paths } from './schema.js';
import { FetchFunction, RetryingTransport, RetryOptions } from './transport.js';

/** Every route of the API, as generated from openapi.json. */
export type ApiPaths = paths;

type Schemas = components['schemas'];
type QueryOf<Operation extends keyof operations> = NonNullable<operations[Operation]['parameters']['query']>;

export type Link = Schemas['LinkDto'];
export type LinkPage = Schemas['LinkPageDto'];
export type CreateLinkInput = Schemas['CreateLinkDto'];
export type UpdateLinkInput = Schemas['UpdateLinkDto'];
/** One result per item of a bulk call, in request order: `link` on success, else `error` (the single route's). */
export type BulkLinkResult = Schemas['BulkLinkResultDto'];
export type BulkUpdateLinksInput = Schemas['BulkUpdateLinksDto'];
export type ListLinksQuery = QueryOf<'listLinks'>;
export type LinkQrOptions = QueryOf<'getLinkQr'>;
export type Domain = Schemas['DomainDto'];
export type DomainVerification = Schemas['DomainVerificationDto'];
export type DomainAvailability = Schemas['DomainAvailabilityDto'];
export type UpdateDomainInput = Schemas['UpdateDomainDto'];
export type LinkFolder = Schemas['LinkFolderDto'];
export type LinkTag = Schemas['LinkTagDto'];
export type UtmTemplate = Schemas['UtmTemplateDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type CreateApiKeyInput = Schemas['CreateApiKeyDto'];
export type Me = Schemas['MeDto'];
export type PageQuery = QueryOf<'listApiKeys'>;
export type AnalyticsQuery = QueryOf<'getAnalyticsOverview'>;
export type ChartQuery = QueryOf<'getAnalyticsChart'>;
export type ReportQuery = QueryOf<'getAnalyticsReport'>;
export type PanelQuery = QueryOf<'getTrafficPanel'>;
export type ConversionSummaryQuery = QueryOf<'getConversionSummary'>;
export type ConversionEventsQuery = QueryOf<'listConversionEvents'>;
export type TrackLeadInput = Schemas['TrackLeadDto'];
export type Import = Schemas['ImportDto'];
export type ImportDryRun = Schemas['ImportDryRunDto'];
export type ImportRowResult = Schemas['ImportRowResultDto'];
export type ImportOptions = Omit<Schemas['CreateImportFormDto'], 'file'>;
export type TrackSaleInput = Schemas['TrackSaleDto'];

export interface LinkTraceOptions {
  /** A secret key (`lt_live_…`), or a publishable key (`lt_pub_…`) for `track.*` only. Default: LINKTRACE_API_KEY. */
  apiKey?: string;
  /** Origin of your LinkTrace server. Default: LINKTRACE_BASE_URL, else http://localhost:3000. */
  baseUrl?: string;
  /** Repeats of network errors and 5xx answers (never of a 4xx). */
  retry?: RetryOptions;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** A fetch implementation (default: the global fetch). */
  fetch?: FetchFunction;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
}

interface ApiResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** Pages of a list route, followed to the end. */
async function* eachItem<Item, Query extends { cursor?: string }>(
  listPage: (query: Query) => Promise<{ data: Item[]; nextCursor: string | null }>,
  query: Query,
): AsyncGenerator<Item> {
  let cursor = query.cursor;
  do {
    const page = await listPage({ ...query, cursor });
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Environment variables where there are any (Node.js, Deno, Bun); browsers have none. */
function environment(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** A random idempotency key, so a repeated conversion call is recorded once. */
function newEventId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The LinkTrace API, typed from openapi.json:
 * `new LinkTrace({ apiKey: process.env.LINKTRACE_API_KEY }).links.list()`.
 * Every method resolves to the response body, or rejects with a LinkTraceError subclass.
 */
export class LinkTrace {
  /** The underlying openapi-fetch client, for routes the facade does not wrap. */
  readonly api: Client<ApiPaths>;
  private readonly transport: RetryingTransport;

  constructor(options: LinkTraceOptions = {}) {
    const apiKey = options.apiKey ?? environment('LINKTRACE_API_KEY');
    if (!apiKey) {
      throw new LinkTraceError({
        status: 0,
        code: 'missing_api_key',
        message: 'No API key: pass { apiKey } or set LINKTRACE_API_KEY',
        requestId: null,
      });
    }
    const baseUrl = (options.baseUrl ?? environment('LINKTRACE_BASE_URL') ?? 'http://localhost:3000').replace(
      /\/+$/,
      '',
    );
    const fetchFunction: FetchFunction = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.transport = new RetryingTransport(fetchFunction, options.retry ?? {}, options.timeoutMs ?? 30_000);
    this.api = createClient<ApiPaths>({
      baseUrl,
      headers: { ...options.headers, Authorization: `Bearer ${apiKey}` },
      fetch: (request) => this.transport.send(request, undefined),
    });
  }

  /** A fetch for requests that carry an idempotency key: repeated like a GET. */
  private readonly idempotentFetch = (request: Request) => this.transport.send(request, undefined, true);

  /** The response body, or the typed error of an error response. */
  private async call<Data>(pending: Promise<ApiResult<Data>>): Promise<Data> {
    const { data, error, response } = await pending;
    if (!response.ok) throw errorFromResponse(response, error);
    return data as Data;
  }

  private async callWithoutBody(pending: Promise<ApiResult<unknown>>): Promise<void> {
    await this.call(pending);
  }

  /** Who the key acts as, and its scopes. */
  me(): Promise<Me> {
    return this.call(this.api.GET('/api/auth/me'));
  }

  readonly links = {
    list: (query: ListLinksQuery = {}): Promise<LinkPage> =>
      this.call(this.api.GET('/api/v1/links', { params: { query } })),
    /** Every link matching the query, page after page. */
    each: (query: ListLinksQuery = {}): AsyncGenerator<Link> => eachItem(this.links.list, query),
    create: (body: CreateLinkInput): Promise<Link> => this.call(this.api.POST('/api/v1/links', { body })),
    /** By id (`link_…`) or by your own id (`ext_<externalId>`). */
    get: (id: string): Promise<Link> => this.call(this.api.GET('/api/v1/links/{id}', { params: { path: { id } } })),
    update: (id: string, body: UpdateLinkInput): Promise<Link> =>
      this.call(this.api.PATCH('/api/v1/links/{id}', { params: { path: { id } }, body })),
    delete: (id: string): Promise<void> =>
      this.callWithoutBody(this.api.DELETE('/api/v1/links/{id}', { params: { path: { id } } })),
    /** Creates 1–100 links in one request; items refused (invalid, plan, quota, conflict) do not stop the others. */
    bulkCreate: (links: CreateLinkInput[]): Promise<BulkLinkResult[]> =>
      this.call(this.api.POST('/api/v1/links/bulk', { body: { links } })).then(({ results }) => results),
    /** Applies one change to 1–100 links, by `ids` or by `externalIds`. */
    bulkUpdate: (body: BulkUpdateLinksInput): Promise<BulkLinkResult[]> =>
      this.call(this.api.PATCH('/api/v1/links/bulk', { body })).then(({ results }) => results),
    /** Deletes 1–100 links (`link_…` or `ext_<externalId>`); each result's `status` is 204 or an error. */
    bulkDelete: (ids: string[]): Promise<BulkLinkResult[]> =>
      this.call(this.api.DELETE('/api/v1/links/bulk', { body: { ids } })).then(({ results }) => results),
    /**
     * Creates the link, or updates the one with the same `externalId` (else `domain` + `slug`); `created`
     * says which. Safe to repeat.
     */
    upsert: async (body: CreateLinkInput): Promise<{ created: boolean; link: Link }> => {
      const pending = this.api.PUT('/api/v1/links/upsert', { body });
      const link: Link = await this.call(pending);
      return { created: (await pending).response.status === 201, link };
    },
    /** The QR code of the short link: SVG markup, or PNG bytes. */
    qr: ((id: string, options: LinkQrOptions = {}) =>
      options.format === 'svg'
        ? this.call(
            this.api.GET('/api/v1/links/{id}/qr', { params: { path: { id }, query: options }, parseAs: 'text' }),
          )
        : this.call(
            this.api.GET('/api/v1/links/{id}/qr', { params: { path: { id }, query: options }, parseAs: 'arrayBuffer' }),
          ).then((buffer) => new Uint8Array(buffer))) as {
      (id: string, options: LinkQrOptions & { format: 'svg' }): Promise<string>;
      (id: string, options?: LinkQrOptions & { format?: 'png' }): Promise<Uint8Array>;
    },
  };

  readonly imports = {
    /**
     * Uploads a CSV export (Bitly, Rebrandly, Short.io or LinkTrace columns; at most 50 MB) and queues its import:
     * follow it with `imports.get`. Not repeated on a network error: a repeat would queue a second import.
     */
    create: (file: Blob, options: Omit<ImportOptions, 'dryRun'> & { fileName?: string } = {}): Promise<Import> =>
      this.upload(file, { ...options, dryRun: false }) as Promise<Import>,
    /** What each row of the file would do (create, update, conflict, error), writing nothing. */
    dryRun: (file: Blob, options: Omit<ImportOptions, 'dryRun'> & { fileName?: string } = {}): Promise<ImportDryRun> =>
      this.upload(file, { ...options, dryRun: true }) as Promise<ImportDryRun>,
    /** Status, progress, counts and the first 100 rows not imported. */
    get: (id: string): Promise<Import> => this.call(this.api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
    /** A finished import's report as CSV text: `row,status,linkId,shortLink,errorCode,error,note`. */
    report: (id: string): Promise<string> =>
      this.call(this.api.GET('/api/v1/imports/{id}/report', { params: { path: { id } }, parseAs: 'text' })),
  };

  /** `POST /imports` as multipart/form-data: the options as form fields, then the file. */
  private upload(
    file: Blob,
    { fileName, ...options }: ImportOptions & { fileName?: string },
  ): Promise<Import | ImportDryRun> {
    const form = new FormData();
    for (const [field, value] of Object.entries(options)) if (value !== undefined) form.append(field, String(value));
    form.append('file', file, fileName ?? 'links.csv');
    return this.call(
      // A FormData body is sent as it is: the runtime sets the multipart boundary.
      this.api.POST('/api/v1/imports', { body: form as unknown as Schemas['CreateImportFormDto'] }),
    );
  }

  readonly domains = {
    list: (query: PageQuery = {}) => this.call(this.api.GET('/api/v1/domains', { params: { query } })),
    each: (query: PageQuery = {}): AsyncGenerator<Domain> => eachItem(this.domains.list, query),
    /** Whether a host name can be added. */
    check: (domain: string): Promise<DomainAvailability> =>
      this.call(this.api.GET('/api/v1/domains/check', { params: { query: { domain } } })),
    /** Adds a domain; the answer's `dnsRecords` are the records to create. */
    create: (domain: string): Promise<Domain> => this.call(this.api.POST('/api/v1/domains', { body: { domain } })),
    update: (id: string, body: UpdateDomainInput): Promise<Domain> =>
      this.call(this.api.PATCH('/api/v1/domains/{id}', { params: { path: { id } }, body })),
    /** Checks the DNS records now; `problems` says what is missing. */
    verify: (id: string): Promise<DomainVerification> =>
      this.call(this.api.POST('/api/v1/domains/{id}/verify', { params: { path: { id } } })),
    /** `force` archives the links that use it instead of answering 409. */
    delete: (id: string, options: { force?: boolean } = {}): Promise<void> =>
      this.callWithoutBody(this.api.DELETE('/api/v1/domains/{id}', { params: { path: { id }, query: options } })),
  };

  readonly folders = {
    list: (query: QueryOf<'listLinkFolders'> = {}) =>
      this.call(this.api.GET('/api/v1/link_folders', { params: { query } })),
    each: (query: QueryOf<'listLinkFolders'> = {}): AsyncGenerator<LinkFolder> => eachItem(this.folders.list, query),
    create: (body: Schemas['CreateLinkFolderDto']): Promise<LinkFolder> =>
      this.call(this.api.POST('/api/v1/link_folders', { body })),
    update: (id: string, body: Schemas['UpdateLinkFolderDto']): Promise<LinkFolder> =>
      this.call(this.api.PATCH('/api/v1/link_folders/{id}', { params: { path: { id } }, body })),
    delete: (id: string): Promise<void> =>
      this.callWithoutBody(this.api.DELETE('/api/v1/link_folders/{id}', { params: { path: { id } } })),
  };

  readonly tags = {
    list: (query: QueryOf<'listLinkTags'> = {}) => this.call(this.api.GET('/api/v1/link_tags', { params: { query } })),
    each: (query: QueryOf<'listLinkTags'> = {}): AsyncGenerator<LinkTag> => eachItem(this.tags.list, query),
    create: (body: Schemas['CreateLinkTagDto']): Promise<LinkTag> =>
      this.call(this.api.POST('/api/v1/link_tags', { body })),
    update: (id: string, body: Schemas['UpdateLinkTagDto']): Promise<LinkTag> =>
      this.call(this.api.PATCH('/api/v1/link_tags/{id}', { params: { path: { id } }, body })),
    delete: (id: string): Promise<void> =>
      this.callWithoutBody(this.api.DELETE('/api/v1/link_tags/{id}', { params: { path: { id } } })),
  };

  readonly utmTemplates = {
    list: (query: QueryOf<'listUtmTemplates'> = {}) =>
      this.call(this.api.GET('/api/v1/utm_templates', { params: { query } })),
    each: (query: QueryOf<'listUtmTemplates'> = {}): AsyncGenerator<UtmTemplate> =>
      eachItem(this.utmTemplates.list, query),
    create: (body: Schemas['CreateUtmTemplateDto']): Promise<UtmTemplate> =>
      this.call(this.api.POST('/api/v1/utm_templates', { body })),
    update: (id: string, body: Schemas['UpdateUtmTemplateDto']): Promise<UtmTemplate> =>
      this.call(this.api.PATCH('/api/v1/utm_templates/{id}', { params: { path: { id } }, body })),
    delete: (id: string): Promise<void> =>
      this.callWithoutBody(this.api.DELETE('/api/v1/utm_templates/{id}', { params: { path: { id } } })),
  };

  /** Needs a key with the `api_keys` scope; a key never grants more than its own scopes. */
  readonly apiKeys = {
    list: (query: PageQuery = {}) => this.call(this.api.GET('/api/settings/api-keys', { params: { query } })),
    each: (query: PageQuery = {}): AsyncGenerator<ApiKey> => eachItem(this.apiKeys.list, query),
    /** The answer's `key` is shown this once. */
    create: (body: CreateApiKeyInput): Promise<CreatedApiKey> =>
      this.call(this.api.POST('/api/settings/api-keys', { body })),
    rename: (id: string, name: string): Promise<ApiKey> =>
      this.call(this.api.PUT('/api/settings/api-keys/{id}', { params: { path: { id } }, body: { name } })),
    delete: (id: string): Promise<void> =>
      this.callWithoutBody(this.api.DELETE('/api/settings/api-keys/{id}', { params: { path: { id } } })),
    /** A new key with the same settings; the old one stops working after `gracePeriodSeconds` (default 0). */
    rotate: (id: string, options: Schemas['RotateApiKeyDto'] = {}): Promise<CreatedApiKey> =>
      this.call(this.api.POST('/api/settings/api-keys/{id}/rotate', { params: { path: { id } }, body: options })),
  };

  readonly analytics = {
    overview: (query: AnalyticsQuery = {}) =>
      this.call(this.api.GET('/api/v1/analytics/overview', { params: { query } })),
    report: (query: ReportQuery = {}) => this.call(this.api.GET('/api/v1/analytics/report', { params: { query } })),
    chart: (query: ChartQuery = {}) => this.call(this.api.GET('/api/v1/analytics/chart', { params: { query } })),
    trafficPanel: (query: PanelQuery = {}) =>
      this.call(this.api.GET('/api/v1/analytics/traffic_panel', { params: { query } })),
    acquisitionPanel: (query: PanelQuery = {}) =>
      this.call(this.api.GET('/api/v1/analytics/acquisition_panel', { params: { query } })),
    geoPanel: (query: PanelQuery = {}) => this.call(this.api.GET('/api/v1/analytics/geo_panel', { params: { query } })),
    technologyPanel: (query: PanelQuery = {}) =>
      this.call(this.api.GET('/api/v1/analytics/technology_panel', { params: { query } })),
  };

  readonly conversions = {
    summary: (query: ConversionSummaryQuery = {}) =>
      this.call(this.api.GET('/api/v1/conversions/summary', { params: { query } })),
    listEvents: (query: ConversionEventsQuery = {}) =>
      this.call(this.api.GET('/api/v1/conversions/events', { params: { query } })),
  };

  /**
   * Conversion events. Each call carries an `eventId` (generated when you give none), so the SDK's own
   * retries — and yours, if you pass the same eventId — can never count an event twice.
   */
  readonly track = {
    lead: (body: TrackLeadInput) =>
      this.call(
        this.api.POST('/api/v1/track/leads', {
          body: { ...body, eventId: body.eventId ?? newEventId() },
          fetch: this.idempotentFetch,
        }),
      ),
    sale: (body: TrackSaleInput) =>
      this.call(
        this.api.POST('/api/v1/track/sales', {
          body: { ...body, eventId: body.eventId ?? newEventId() },
          fetch: this.idempotentFetch,
        }),
      ),
  };
}
