import pino from 'pino';
import { lazyChildLoggerFactory } from './logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const root = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { root, lines };
}

describe('lazyChildLoggerFactory', () => {
  it('writes with the request bindings, and only at enabled levels', () => {
    const { root, lines } = capture('info');
    const logger = lazyChildLoggerFactory(root, { reqId: 'request-1' }, { level: '' });

    logger.debug('not written');
    logger.info({ status: 302 }, 'request');
    logger.error(new Error('boom'));

    expect(lines.map(({ level, reqId, msg, status }) => ({ level, reqId, msg, status }))).toEqual([
      { level: 30, reqId: 'request-1', msg: 'request', status: 302 },
      { level: 50, reqId: 'request-1', msg: 'boom', status: undefined },
    ]);
    expect(logger.level).toBe('info');
  });

  it('builds a real child when the route sets its own level', () => {
    const { root, lines } = capture('warn');
    const logger = lazyChildLoggerFactory(root, { reqId: 'request-2' }, { level: 'debug' });
    logger.debug('written');
    expect(lines).toEqual([expect.objectContaining({ level: 20, reqId: 'request-2', msg: 'written' })]);
  });
});
