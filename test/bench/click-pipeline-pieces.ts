/**
 * The synchronous pieces of the click pipeline, timed in this process with the app's own code: how long each holds
 * the event loop. Wall time of many rounds: the median is what a piece costs, the 90th percentile what it costs
 * with a little of the machine's other load (a preempted round is longer by a whole time slice: no CPU clock here
 * is finer than the kernel's tick).
 */
import type { AppConfig } from '@app/common';
import { prepareValue } from 'pg/lib/utils';
import type { ClickEvent, ClickInput } from '../../apps/api/src/clicks/click-event';
import { ClickEnricher } from '../../apps/api/src/clicks/click-enricher';
import { ENRICH_SLICE } from '../../apps/api/src/clicks/click-recorder.service';
import { eventColumns, SEND_SLICE } from '../../apps/api/src/clicks/clicks.repository';
import { GeoIpService } from '../../apps/api/src/clicks/geoip.service';
import type { VisitorSalts } from '../../apps/api/src/clicks/visitor-salts';
import { VARIED_BROWSER_USER_AGENTS } from './bench-kit';

const ROUNDS = 200;

export interface PipelinePieces {
  /** Median and 90th percentile, µs, of enriching one slice whose user agents and addresses were seen before. */
  enrichWarm: Spread;
  /** The same for a slice of user agents never seen (each parsed once), from new addresses. */
  enrichCold: Spread;
  /** Serialising one slice of a batch as the click writer sends it to PostgreSQL (the array parameters as pg writes them; the socket write aside). */
  serializeSlice: Spread;
}

export interface Spread {
  median: number;
  p90: number;
}

export async function measurePipelinePieces(): Promise<PipelinePieces> {
  const geoIp = new GeoIpService({ GEOIP_DIR: undefined } as AppConfig);
  await geoIp.onModuleInit();
  const enricher = new ClickEnricher(geoIp, { saltFor: async () => 'a'.repeat(64) } as unknown as VisitorSalts);
  const unusable = (click: ClickInput, error: unknown) => {
    throw new Error(`${click.clickId}: ${(error as Error).message}`);
  };
  const slice = (round: number, fresh: boolean): ClickInput[] =>
    Array.from({ length: ENRICH_SLICE }, (_, index) => {
      const agent = VARIED_BROWSER_USER_AGENTS[index % VARIED_BROWSER_USER_AGENTS.length];
      return {
        clickId: `clk_${round}_${index}`,
        time: Date.now(),
        workspaceId: 'ws_bench',
        linkId: `link_bench${index}`,
        domain: 'go.bench',
        url: `https://example.com/landing/${index}?utm_source=bench`,
        ip: fresh ? `81.${round % 250}.${index}.${(round >> 8) % 250}` : `81.2.69.${index}`,
        userAgent: fresh ? `${agent} Bench/${round}.${index}` : agent,
        referrer: 'https://www.news.example/story',
        head: false,
      };
    });
  const enrichWarm: number[] = [];
  const enrichCold: number[] = [];
  await enricher.enrich(slice(0, false), unusable);
  for (let round = 1; round <= ROUNDS; round++) {
    const warm = slice(round, false);
    const cold = slice(round, true);
    enrichWarm.push(await durationOf(() => enricher.enrich(warm, unusable)));
    enrichCold.push(await durationOf(() => enricher.enrich(cold, unusable)));
  }
  const batch: ClickEvent[] = [];
  for (let round = 0; batch.length < SEND_SLICE; round++)
    batch.push(...(await enricher.enrich(slice(round, true), unusable)));
  batch.length = SEND_SLICE;
  const serializeSlice: number[] = [];
  // As in a running app, the serialisation has been compiled (JIT) before: the first rounds are not counted.
  for (let round = 0; round < ROUNDS * 1.25; round++)
    serializeSlice.push(await durationOf(async () => eventColumns(batch).map((column) => prepareValue(column))));
  return {
    enrichWarm: spread(enrichWarm),
    enrichCold: spread(enrichCold),
    serializeSlice: spread(serializeSlice.slice(ROUNDS / 4)),
  };
}

/**
 * How long `work` takes, µs. It awaits only promises already settled (the day's salt): it runs to its end in one turn
 * of the event loop, as one piece.
 */
async function durationOf(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) * 1_000;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.floor(sorted.length * 0.9)] };
}
