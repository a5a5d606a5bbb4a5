import type { LoggerService } from '@nestjs/common';
import type { MetricsService } from '@app/common';
import type { ClickEvent } from './click-event';

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): the same rows fail every time. */
export function refusedForItsData(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/**
 * Writes a batch with `write`; when PostgreSQL refuses it for its data, the batch is halved until each
 * refused click is alone: the others are stored, each refused one is dropped, counted
 * (`clicks_dropped_total{reason="refused_by_database"}`) and logged by its ids and SQLSTATE, never its
 * values (they are the visitor's). Any other failure (database unreachable) is thrown for the caller's
 * retry; writes are idempotent, so halves stored before it are not stored twice. Returns how many were stored.
 */
export async function writeIsolatingRefused(
  events: ClickEvent[],
  write: (events: ClickEvent[]) => Promise<number>,
  metrics: MetricsService,
  logger: LoggerService,
): Promise<number> {
  if (events.length === 0) return 0;
  try {
    return await write(events);
  } catch (error) {
    if (!refusedForItsData(error)) throw error;
    if (events.length === 1) {
      const [event] = events;
      const code = (error as { code: string }).code;
      logger.error(
        `PostgreSQL refuses click ${event.id} of link ${event.linkId} (workspace ${event.workspaceId}, SQLSTATE ${code}); dropping it`,
      );
      metrics.clicksDropped.inc({ reason: 'refused_by_database' });
      return 0;
    }
    const middle = Math.ceil(events.length / 2);
    const stored = await writeIsolatingRefused(events.slice(0, middle), write, metrics, logger);
    return stored + (await writeIsolatingRefused(events.slice(middle), write, metrics, logger));
  }
}
