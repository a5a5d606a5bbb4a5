import type { FastifyBaseLogger } from 'fastify';
import pino, { DestinationStream, Logger } from 'pino';

/** Key material and credentials never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.key',
  '*.token',
];

/** Properties of a failed query's error that hold the values it was given (TypeORM's QueryFailedError, pg's DatabaseError). */
const QUERY_VALUES = ['parameters', 'detail'];

/** pino's error serializer, minus a failed query's values: its parameters hold password hashes, emails, key hashes. */
export function serializeError(error: Error): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const name of QUERY_VALUES) delete serialized[name];
  const driverError = serialized.driverError;
  if (typeof driverError === 'object' && driverError !== null) {
    const { parameters: _parameters, detail: _detail, ...rest } = driverError as Record<string, unknown>;
    serialized.driverError = rest;
  }
  return serialized;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    base: { service: 'linktrace-api' },
  };
  return destination ? pino(options, destination) : pino(options);
}

type LogMethod = (...args: unknown[]) => void;
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/**
 * Fastify gives every request its own child logger, and pino builds a child eagerly (bindings
 * serialised, redaction set up): a measurable share of a redirect, which logs nothing at the production
 * level. This one builds the pino child on the first line actually written.
 */
export class LazyRequestLogger {
  private instance: Logger | undefined;
  declare fatal: LogMethod;
  declare error: LogMethod;
  declare warn: LogMethod;
  declare info: LogMethod;
  declare debug: LogMethod;
  declare trace: LogMethod;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  get level(): string {
    return (this.instance ?? this.parent).level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.instance ?? this.parent).isLevelEnabled(level);
  }

  silent(): void {}

  child(bindings: Record<string, unknown>, options?: object): Logger {
    return this.logger.child(bindings, options);
  }

  private get logger(): Logger {
    return (this.instance ??= this.parent.child(this.bindings));
  }

  static {
    for (const level of LEVELS) {
      LazyRequestLogger.prototype[level] = function (this: LazyRequestLogger, ...args: unknown[]) {
        if (!this.isLevelEnabled(level)) return;
        (this.logger[level] as LogMethod)(...args);
      };
    }
  }
}

/** Fastify's `childLoggerFactory`: lazy children, unless the route sets its own level or serializers. */
export function lazyChildLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Record<string, unknown>,
  options: { level?: string; serializers?: unknown },
): FastifyBaseLogger {
  // Fastify passes the route's level, '' when the route sets none.
  if (options.serializers || (options.level && options.level !== logger.level))
    return logger.child(bindings, options as object);
  return new LazyRequestLogger(logger as Logger, bindings) as unknown as FastifyBaseLogger;
}
