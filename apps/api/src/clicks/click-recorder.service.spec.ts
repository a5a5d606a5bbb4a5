import { MetricsService } from '@app/common';
import type { ClickEvent, ClickInput } from './click-event';
import type { ClickEnricher } from './click-enricher';
import {
  ClickRecorder,
  FLUSH_INTERVAL_MS,
  HOLD_ABOVE_PENDING,
  MAX_BATCH,
  MAX_BUFFERED_CLICKS,
  MAX_HOLD_MS,
  WRITE_TIMEOUT_MS,
} from './click-recorder.service';
import type { ClickWriter } from './click-writer';

function click(index: number): ClickInput {
  return {
    clickId: `clk_${index}`,
    time: 0,
    workspaceId: 'ws_1',
    linkId: 'link_1',
    domain: 'go.test',
    url: 'https://example.com',
    ip: '192.0.2.1',
    userAgent: undefined,
    referrer: undefined,
    head: false,
  };
}

/** A click the fake enricher cannot use (as if enriching it threw). */
const UNUSABLE_IP = 'unusable';

/** An enricher that keeps only the id, and a writer that records batches (or fails on demand). */
function setup(
  write: (events: ClickEvent[]) => Promise<void> = async () => undefined,
  enrichFailures = 0,
  batchSize?: number,
) {
  const batches: string[][] = [];
  let failuresLeft = enrichFailures;
  const enricher = {
    enrich: async (clicks: ClickInput[], unusable: (click: ClickInput, error: unknown) => void) => {
      if (failuresLeft-- > 0) throw new Error('salt unavailable');
      const usable = clicks.filter((input) => input.ip !== UNUSABLE_IP);
      for (const input of clicks) if (input.ip === UNUSABLE_IP) unusable(input, new Error('cannot enrich'));
      return usable.map((input) => ({ id: input.clickId }) as ClickEvent);
    },
  } as unknown as ClickEnricher;
  const writer: ClickWriter = {
    write: async (events) => {
      await write(events);
      batches.push(events.map((event) => event.id));
    },
    batchSize,
  };
  const metrics = new MetricsService();
  return { recorder: new ClickRecorder(enricher, writer, metrics), batches, metrics };
}

describe('ClickRecorder', () => {
  afterEach(() => jest.useRealTimers());

  it('writes a batch as soon as MAX_BATCH (150) clicks wait, without waiting for the timer', async () => {
    jest.useFakeTimers();
    const { recorder, batches } = setup();
    for (let index = 0; index < MAX_BATCH; index++) recorder.record(click(index));
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS / 2);
    expect(batches.map((batch) => batch.length)).toEqual([MAX_BATCH]);
  });

  it('gives a writer with a batch size batches of that size: written once that many wait, never more at once', async () => {
    jest.useFakeTimers();
    const { recorder, batches } = setup(async () => undefined, 0, 400);
    for (let index = 0; index < 399; index++) recorder.record(click(index));
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS / 2);
    expect(batches).toEqual([]);
    for (let index = 399; index < 1000; index++) recorder.record(click(index));
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS / 2);
    expect(batches.map((batch) => batch.length)).toEqual([400, 400]);
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    expect(batches.map((batch) => batch.length)).toEqual([400, 400, 200]);
  });

  it('writes fewer clicks once the flush interval has passed', async () => {
    jest.useFakeTimers();
    const { recorder, batches } = setup();
    recorder.record(click(1));
    recorder.record(click(2));
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS - 1);
    expect(batches).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([['clk_1', 'clk_2']]);
    expect(recorder.pending).toBe(0);
  });

  it('reports in a scrape the clicks waiting then, and 0 once they are written', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { recorder, metrics } = setup(() => blocked);
    const queueDepth = async () => /^linktrace_click_queue_depth (\d+)$/m.exec(await metrics.render())![1];
    for (let index = 0; index < 7; index++) recorder.record(click(index));
    expect(await queueDepth()).toBe('7');
    const writing = recorder.flush(); // hangs in the writer until released: its batch still counts
    recorder.record(click(7));
    expect(await queueDepth()).toBe('8');
    release();
    await writing;
    expect(await queueDepth()).toBe('0');
  });

  it('drops and counts clicks past the buffer bound instead of growing', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { recorder, batches } = setup(() => blocked);
    recorder.record(click(0));
    const writing = recorder.flush(); // hangs in the writer until released
    for (let index = 1; index <= MAX_BUFFERED_CLICKS + 10; index++) recorder.record(click(index));
    // Click 0, taken by the flush, still counts toward the bound while it is enriched.
    expect(recorder.pending).toBe(MAX_BUFFERED_CLICKS);
    expect(recorder.dropped).toBe(11);
    release();
    await writing;
    expect(batches.flat()).toHaveLength(MAX_BUFFERED_CLICKS);
  });

  it('holds redirects once HOLD_ABOVE_PENDING clicks wait and the writer is working, oldest first, until written batches make room', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { recorder, batches } = setup(() => blocked);
    expect(recorder.roomForClick()).toBeNull();
    recorder.record(click(0));
    const writing = recorder.flush(); // hangs in the writer until released
    for (let index = 1; index < HOLD_ABOVE_PENDING; index++) recorder.record(click(index));
    expect(recorder.pending).toBe(HOLD_ABOVE_PENDING);

    const answered: number[] = [];
    const hold = (index: number) => {
      const room = recorder.roomForClick();
      expect(room).toBeInstanceOf(Promise);
      return room!.then(() => {
        answered.push(index);
        recorder.record(click(index));
      });
    };
    const first = hold(HOLD_ABOVE_PENDING);
    const second = hold(HOLD_ABOVE_PENDING + 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toEqual([]);
    release();
    await Promise.all([first, second, writing]);
    await recorder.flush();
    expect(answered).toEqual([HOLD_ABOVE_PENDING, HOLD_ABOVE_PENDING + 1]);
    expect(recorder.dropped).toBe(0);
    expect(new Set(batches.flat()).size).toBe(HOLD_ABOVE_PENDING + 2);
    expect(recorder.roomForClick()).toBeNull();
  });

  it('lets a held redirect go after MAX_HOLD_MS when no batch made room; its click is kept below the bound', async () => {
    jest.useFakeTimers();
    const { recorder } = setup(() => new Promise<void>(() => undefined));
    recorder.record(click(0));
    void recorder.flush().catch(() => undefined);
    await jest.advanceTimersByTimeAsync(0); // click 0 is in the writer, which does not answer
    for (let index = 1; index < HOLD_ABOVE_PENDING; index++) recorder.record(click(index));
    expect(recorder.pending).toBe(HOLD_ABOVE_PENDING);
    let answered = false;
    const held = recorder.roomForClick()!.then(() => (answered = true));
    await jest.advanceTimersByTimeAsync(MAX_HOLD_MS - 1);
    expect(answered).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await held;
    recorder.record(click(HOLD_ABOVE_PENDING + 1));
    expect(recorder.dropped).toBe(0);
    expect(recorder.pending).toBe(HOLD_ABOVE_PENDING + 1);
  });

  it('never holds a redirect while the writer fails (database down): past the bound clicks are dropped at once', async () => {
    const { recorder } = setup(async () => {
      throw new Error('database down');
    });
    recorder.record(click(0));
    await expect(recorder.flush()).rejects.toThrow('database down');
    for (let index = 1; index < MAX_BUFFERED_CLICKS; index++) recorder.record(click(index));
    expect(recorder.roomForClick()).toBeNull();
    recorder.record(click(MAX_BUFFERED_CLICKS));
    expect(recorder.dropped).toBe(1);
    await recorder.onApplicationShutdown();
  });

  it('keeps a failed batch, in order, for the next attempt', async () => {
    let failures = 1;
    const { recorder, batches } = setup(async () => {
      if (failures-- > 0) throw new Error('database down');
    });
    recorder.record(click(1));
    recorder.record(click(2));
    await expect(recorder.flush()).rejects.toThrow('database down');
    expect(recorder.pending).toBe(2);
    recorder.record(click(3));
    await recorder.flush();
    expect(batches).toEqual([['clk_1', 'clk_2', 'clk_3']]);
    await recorder.onApplicationShutdown();
  });

  it('gives up on a write that never answers and retries its batch, so a dead connection cannot stall the writes', async () => {
    jest.useFakeTimers();
    let calls = 0;
    const { recorder, batches } = setup(() => (calls++ === 0 ? new Promise<void>(() => undefined) : Promise.resolve()));
    recorder.record(click(1));
    const first = recorder.flush();
    const failed = expect(first).rejects.toThrow(`no answer from the database within ${WRITE_TIMEOUT_MS} ms`);
    await jest.advanceTimersByTimeAsync(WRITE_TIMEOUT_MS);
    await failed;
    expect(recorder.holds('clk_1')).toBe(true);
    recorder.record(click(2));
    const second = recorder.flush();
    await jest.advanceTimersByTimeAsync(0);
    await second;
    expect(batches).toEqual([['clk_1', 'clk_2']]);
    expect(recorder.pending).toBe(0);
  });

  it('keeps clicks whose enrichment failed and enriches them on the next attempt', async () => {
    const { recorder, batches } = setup(undefined, 1);
    recorder.record(click(1));
    await expect(recorder.flush()).rejects.toThrow('salt unavailable');
    expect(recorder.pending).toBe(1);
    recorder.record(click(2));
    await recorder.flush();
    expect(batches).toEqual([['clk_1', 'clk_2']]);
    await recorder.onApplicationShutdown();
  });

  it('drops and counts a click enrichment cannot use; the clicks around it are written, nothing waits for it', async () => {
    const { recorder, batches, metrics } = setup();
    recorder.record(click(1));
    recorder.record({ ...click(2), ip: UNUSABLE_IP });
    recorder.record(click(3));
    await recorder.flush();
    expect(batches).toEqual([['clk_1', 'clk_3']]);
    expect(recorder.pending).toBe(0);
    expect(recorder.holds('clk_2')).toBe(false);
    expect(recorder.dropped).toBe(1);
    expect((await metrics.clicksDropped.get()).values).toEqual([
      expect.objectContaining({ labels: { reason: 'unusable' }, value: 1 }),
    ]);
    await recorder.onApplicationShutdown();
  });

  it('holds a click until its batch is stored: queued, being enriched, then being written', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { recorder } = setup(() => blocked);
    recorder.record(click(1));
    expect(recorder.holds('clk_1')).toBe(true);
    expect(recorder.holds('clk_2')).toBe(false);
    const writing = recorder.flush();
    expect(recorder.holds('clk_1')).toBe(true);
    release();
    await writing;
    expect(recorder.holds('clk_1')).toBe(false);
  });

  it('keeps clicks whose enrichment ends after a timed write found nothing ready (the first salt read, say)', async () => {
    jest.useFakeTimers();
    let release!: () => void;
    const saltRead = new Promise<void>((resolve) => (release = resolve));
    const enricher = {
      enrich: async (clicks: ClickInput[]) => {
        await saltRead;
        return clicks.map((input) => ({ id: input.clickId }) as ClickEvent);
      },
    } as unknown as ClickEnricher;
    const batches: string[][] = [];
    const writer: ClickWriter = { write: async (events) => void batches.push(events.map((event) => event.id)) };
    const recorder = new ClickRecorder(enricher, writer, new MetricsService());
    recorder.record(click(1));
    await jest.advanceTimersByTimeAsync(FLUSH_INTERVAL_MS);
    release();
    await recorder.flush();
    expect(batches).toEqual([['clk_1']]);
  });

  it('a second flush() waits for clicks the first one is enriching, never returning before they are stored', async () => {
    const { recorder, batches } = setup();
    recorder.record(click(1));
    const first = recorder.flush();
    await recorder.flush();
    expect(batches.flat()).toContain('clk_1');
    await first;
  });

  it('with a writer that stores later (the click stream): holds a click it took until stored, flush() settles, shutdown closes it', async () => {
    const enricher = {
      enrich: async (clicks: ClickInput[]) => clicks.map((input) => ({ id: input.clickId }) as ClickEvent),
    } as unknown as ClickEnricher;
    const taken = new Set<string>();
    const calls: string[] = [];
    const writer: ClickWriter = {
      write: async (events) => {
        for (const event of events) taken.add(event.id);
      },
      holds: (clickId) => taken.has(clickId),
      settle: async () => {
        calls.push('settle');
        taken.clear();
      },
      close: async () => {
        calls.push('close');
      },
    };
    const recorder = new ClickRecorder(enricher, writer, new MetricsService());
    recorder.record(click(1));
    await recorder.onApplicationShutdown().then(() => calls.push('shutdown'));
    // Shutdown hands the click over without waiting for it to be stored (it is safe in the stream), then closes.
    expect(calls).toEqual(['close', 'shutdown']);
    expect(recorder.pending).toBe(0);
    expect(recorder.holds('clk_1')).toBe(true);
    await recorder.flush();
    expect(calls).toEqual(['close', 'shutdown', 'settle']);
    expect(recorder.holds('clk_1')).toBe(false);
  });

  it('writes what is left on shutdown', async () => {
    const { recorder, batches } = setup();
    recorder.record(click(1));
    await recorder.onApplicationShutdown();
    expect(batches).toEqual([['clk_1']]);
  });
});
