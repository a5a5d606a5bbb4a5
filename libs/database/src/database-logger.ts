import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/** Enough of a failed statement to find it in the code; the values are parameters, never in the text. */
const MAX_LOGGED_QUERY_LENGTH = 300;

/**
 * TypeORM's own log lines, through the application's logger (pino, with its redaction) instead of the
 * console. A failed query is logged with its SQLSTATE, message and statement, never its parameters: they
 * hold password hashes, emails, key hashes. Warn, not error: the caller decides whether it is an error
 * (a unique violation is often an expected answer), and unexpected ones are logged again by the error filter.
 */
export class DatabaseLogger implements Logger {
  private readonly logger = new NestLogger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    const message = typeof error === 'string' ? error : error.message;
    this.logger.warn(
      `Query failed${typeof code === 'string' ? ` (SQLSTATE ${code})` : ''}: ${message} -- ${statement(query)}`,
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${statement(query)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    // Applied migrations are logged once by openDataSource; this is TypeORM's step-by-step account.
    this.logger.debug(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}

function statement(query: string): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_LOGGED_QUERY_LENGTH ? `${oneLine.slice(0, MAX_LOGGED_QUERY_LENGTH)}…` : oneLine;
}
