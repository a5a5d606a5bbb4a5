import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PasswordHashEngine, PasswordHasher } from './password-hasher';

/** An engine whose calls finish when the test says so, counting how many run at once. */
function controlledEngine() {
  const pending: (() => void)[] = [];
  const state = { running: 0, mostAtOnce: 0 };
  const call = <T>(value: T) =>
    new Promise<T>((resolve) => {
      state.running += 1;
      state.mostAtOnce = Math.max(state.mostAtOnce, state.running);
      pending.push(() => {
        state.running -= 1;
        resolve(value);
      });
    });
  const engine: PasswordHashEngine = { hash: () => call('hash'), verify: () => call(false) };
  const finishOne = async () => {
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { engine, state, finishOne, pending };
}

describe('PasswordHasher', () => {
  it('runs at most `concurrency` hashes at once and serves the rest in order', async () => {
    const { engine, state, finishOne, pending } = controlledEngine();
    const hasher = new PasswordHasher(engine, 2);
    const order: number[] = [];
    const calls = Array.from({ length: 6 }, (_, index) =>
      (index % 2 ? hasher.verify('h', 'p') : hasher.hash('p')).then(() => order.push(index)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(state.running).toBe(2);
    while (pending.length > 0) await finishOne();
    await Promise.all(calls);
    expect(state.mostAtOnce).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('frees its slot when a hash fails, and a malformed hash verifies as false', async () => {
    const failing: PasswordHashEngine = {
      hash: () => Promise.reject(new Error('boom')),
      verify: () => Promise.reject(new Error('pchstr must contain a $ as first char')),
    };
    const hasher = new PasswordHasher(failing, 1);
    await expect(hasher.hash('p')).rejects.toThrow('boom');
    await expect(hasher.verify('not-a-hash', 'p')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'p')).resolves.toBe(false);
  });

  it('is the only code that imports argon2 (so every hash waits its turn)', () => {
    const root = join(__dirname, '../../..');
    const offenders: string[] = [];
    const walk = (directory: string) => {
      for (const name of readdirSync(directory)) {
        const path = join(directory, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ts$/.test(name) && !/\.spec\.ts$/.test(name) && /from 'argon2'/.test(readFileSync(path, 'utf8')))
          offenders.push(path.slice(root.length + 1));
      }
    };
    walk(join(root, 'apps/api/src'));
    walk(join(root, 'libs'));
    expect(offenders).toEqual(['libs/auth/src/password-hasher.ts']);
  });

  it('hashes with argon2id at the library defaults (64 MiB, 3 passes, 4 lanes): tests swap the engine, not the cost', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    await expect(hasher.verify(hash, 'correct horse battery')).resolves.toBe(true);
  });
});
