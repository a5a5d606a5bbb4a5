import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICENESS, lowerPoolThreadsPriority } from './thread-priority';

/** Name and niceness of each thread of this process (/proc/self/task/<id>/stat: field 19 is the nice value). */
function threads(): { name: string; nice: number }[] {
  return readdirSync('/proc/self/task').flatMap((task) => {
    try {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [{ name: readFileSync(`/proc/self/task/${task}/comm`, 'utf8').trim(), nice: Number(fields[16]) }];
    } catch {
      return [];
    }
  });
}

const describeOnLinux = process.platform === 'linux' ? describe : describe.skip;

describeOnLinux('lowerPoolThreadsPriority', () => {
  it("lowers libuv's pool threads, and only them", async () => {
    await stat(__filename); // the pool starts with its first task
    const before = threads();
    expect(before.some((thread) => thread.name === 'libuv-worker')).toBe(true);

    lowerPoolThreadsPriority();

    const after = threads();
    const pool = after.filter((thread) => thread.name === 'libuv-worker');
    expect(pool.length).toBeGreaterThan(0);
    expect(pool.every((thread) => thread.nice === BACKGROUND_NICENESS)).toBe(true);
    const main = after.find((thread) => thread.name !== 'libuv-worker' && thread.name !== 'V8Worker');
    expect(main?.nice).toBe(before.find((thread) => thread.name === main?.name)?.nice);
  });
});

describeOnLinux('lowerThisThreadPriority', () => {
  it('lowers the worker thread that calls it, not the main thread', async () => {
    const niceOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    const mainBefore = niceOf(readFileSync('/proc/thread-self/stat', 'utf8'));
    const source = `
      require('@swc-node/register');
      const { readFileSync } = require('node:fs');
      const { parentPort } = require('node:worker_threads');
      require(${JSON.stringify(require.resolve('./thread-priority'))}).lowerThisThreadPriority();
      parentPort.postMessage(readFileSync('/proc/thread-self/stat', 'utf8'));`;
    const worker = new Worker(source, { eval: true });
    const [stat] = (await once(worker, 'message')) as [string];
    await worker.terminate();

    expect(niceOf(stat)).toBe(BACKGROUND_NICENESS);
    expect(niceOf(readFileSync('/proc/thread-self/stat', 'utf8'))).toBe(mainBefore);
  }, 30_000);
});
