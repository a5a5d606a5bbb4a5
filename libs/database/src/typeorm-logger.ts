import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM's messages through the app's logger. A failed query is logged at debug level: the caller handles the
 * errors it expects (a unique violation answered as 409), and the global error filter logs every other one with
 * its request id, so at info level the same failure was printed twice, and expected ones looked like faults.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('Database');

  logQuery(): void {
    // Queries are not logged (LOG_LEVEL=debug shows the failed ones).
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[], _queryRunner?: QueryRunner): void {
    const message = error instanceof Error ? error.message : error;
    this.logger.debug(
      `Query failed: ${message} — ${query}${parameters?.length ? ` (${parameters.length} parameters)` : ''}`,
    );
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}
