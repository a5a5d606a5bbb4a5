import { Logger, LogLevel } from '@nestjs/common';

/**
 * Services built outside an app (unit specs) log through Nest's default console logger; test apps log through
 * pino at TEST_LOG_LEVEL (silent by default). Both follow TEST_LOG_LEVEL, so a run prints its failures rather than
 * the warnings tests provoke on purpose (a full click buffer, a stopped database). `TEST_LOG_LEVEL=debug` shows all.
 */
const ORDER: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
const PINO_TO_NEST: Record<string, LogLevel> = {
  trace: 'verbose',
  debug: 'debug',
  info: 'log',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};
const level = PINO_TO_NEST[process.env.TEST_LOG_LEVEL ?? 'silent'];
Logger.overrideLogger(level ? ORDER.slice(ORDER.indexOf(level)) : false);
