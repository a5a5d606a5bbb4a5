import type { components } from '@linktrace/sdk/schema';

export type Schemas = components['schemas'];
export type Workspace = Schemas['WorkspaceDto'];
export type Me = Schemas['MeDto'];
export type Health = Schemas['HealthDto'];
export type Link = Schemas['LinkDto'];
export type Domain = Schemas['DomainDto'];
export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type Page<T> = { data: T[]; nextCursor: string | null };
export type Import = Schemas['ImportDto'];
export type ImportDryRun = Schemas['ImportDryRunDto'];

export interface FieldError {
  field: string;
  message: string;
}

/** An error answer of the API (docs/API.md, Errors), or a request that got none (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly errors: FieldError[] = [],
    readonly requiredPlan: string | null = null,
  ) {
    super(message);
  }

  /** Field errors keyed by field, to show next to the inputs. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((error) => [error.field, error.message]));
  }
}

const WORKSPACE_KEY = 'linktrace.workspaceId';
let workspaceId: string | null = localStorage.getItem(WORKSPACE_KEY);
let onUnauthorized: () => void = () => undefined;

export function currentWorkspaceId(): string | null {
  return workspaceId;
}

/** Every later call acts in this workspace (X-Workspace-Id); remembered across visits. */
export function selectWorkspace(id: string | null): void {
  workspaceId = id;
  if (id) localStorage.setItem(WORKSPACE_KEY, id);
  else localStorage.removeItem(WORKSPACE_KEY);
}

/** Called when the session has ended (401), so the app can show the login screen. */
export function whenUnauthorized(callback: () => void): void {
  onUnauthorized = callback;
}

function cookie(name: string): string | undefined {
  const prefix = `${name}=`;
  return document.cookie
    .split('; ')
    .find((part) => part.startsWith(prefix))
    ?.slice(prefix.length);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A multipart body (a file upload): the browser sets its Content-Type and boundary. */
  form?: FormData;
  /** Calls made before a workspace is chosen leave the header out. */
  withoutWorkspace?: boolean;
  as?: 'json' | 'blob';
}

export function withQuery(path: string, query: Query = {}): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') parameters.set(key, String(value));
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * The one way the dashboard calls the API: session cookies, the CSRF token on every write, the chosen
 * workspace, and errors turned into ApiError with the API's own message.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: options.as === 'blob' ? '*/*' : 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = decodeURIComponent(cookie('lt_csrf') ?? '');
  if (workspaceId && !options.withoutWorkspace) headers['X-Workspace-Id'] = workspaceId;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The server could not be reached. Check your connection and try again.', 'network_error');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  if (options.as === 'blob') return (await response.blob()) as T;
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await response.json();
  } catch {
    // Not the API's JSON (a proxy's error page): the status line is all there is.
  }
  const message =
    typeof body.message === 'string'
      ? body.message
      : `The server answered ${response.status} ${response.statusText}`.trim();
  const code = typeof body.code === 'string' ? body.code : `http_${response.status}`;
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
  const error = new ApiError(
    response.status,
    message,
    code,
    errors,
    typeof body.requiredPlan === 'string' ? body.requiredPlan : null,
  );
  if (response.status === 401 && code !== 'invalid_credentials') onUnauthorized();
  return error;
}

/** Any thrown value as the message to show. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
