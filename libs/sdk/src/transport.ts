import { ConnectionError } from './errors.js';

export interface RetryOptions {
  /** Tries per request, the first included (default 3; 1 turns retries off). */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each time (default 250 ms). */
  baseDelayMs?: number;
  /** Cap of one delay, also of a server's Retry-After (default 8000 ms). */
  maxDelayMs?: number;
}

export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** Methods a repeat cannot turn into a second effect. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Sends requests with a timeout per attempt, and repeats, with exponential backoff and jitter, those that
 * failed on the network or with a 5xx — only when a repeat is safe: idempotent methods, or a request whose
 * body carries an idempotency key (conversion events with their `eventId`). A 4xx is never repeated.
 */
export class RetryingTransport {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly fetchFunction: FetchFunction,
    retry: RetryOptions,
    private readonly timeoutMs: number,
    private readonly sleep: (milliseconds: number) => Promise<void> = (milliseconds) =>
      new Promise((resolve) => setTimeout(resolve, milliseconds)),
  ) {
    this.maxAttempts = Math.max(1, Math.floor(retry.maxAttempts ?? 3));
    this.baseDelayMs = Math.max(0, retry.baseDelayMs ?? 250);
    this.maxDelayMs = Math.max(this.baseDelayMs, retry.maxDelayMs ?? 8_000);
  }

  /** `idempotent` overrides the method's rule (true for requests that carry an idempotency key). */
  async send(
    request: Request,
    init: RequestInit | undefined,
    idempotent = IDEMPOTENT_METHODS.has(request.method),
  ): Promise<Response> {
    const attempts = idempotent ? this.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      // A body can be read once: every attempt but the last sends a copy.
      const attemptRequest = last ? request : request.clone();
      let response: Response;
      try {
        response = await this.fetchFunction(attemptRequest, { ...init, signal: this.signal(request.signal) });
      } catch (error) {
        if (request.signal?.aborted) throw error; // cancelled by the caller: not ours to repeat
        if (last) throw connectionError(request, error, this.timeoutMs);
        await this.sleep(this.delay(attempt, null));
        continue;
      }
      if (response.status < 500 || last) return response;
      await response.body?.cancel().catch(() => undefined);
      await this.sleep(this.delay(attempt, response.headers.get('retry-after')));
    }
  }

  private signal(callerSignal: AbortSignal | null | undefined): AbortSignal {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    return callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  }

  /** Full jitter over an exponential window, or the server's Retry-After when it sent one (both capped). */
  private delay(attempt: number, retryAfterHeader: string | null): number {
    const retryAfter = Number(retryAfterHeader);
    if (retryAfterHeader !== null && Number.isFinite(retryAfter) && retryAfter >= 0)
      return Math.min(this.maxDelayMs, retryAfter * 1000);
    const window = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return window / 2 + Math.random() * (window / 2);
  }
}

function connectionError(request: Request, error: unknown, timeoutMs: number): ConnectionError {
  // Duck-typed: the DOMException fetch rejects with may come from another realm than this Error.
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  const timedOut = name === 'TimeoutError' || name === 'AbortError';
  const target = `${request.method} ${new URL(request.url).pathname}`;
  return new ConnectionError({
    status: 0,
    code: timedOut ? 'timeout' : 'connection_error',
    message: timedOut ? `${target} got no response within ${timeoutMs} ms` : `${target} failed: ${describe(error)}`,
    requestId: null,
    cause: error,
  });
}

function describe(error: unknown): string {
  const { message, cause } = (typeof error === 'object' && error !== null ? error : {}) as {
    message?: unknown;
    cause?: { message?: unknown };
  };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' ? `${message}: ${cause.message}` : message;
}
