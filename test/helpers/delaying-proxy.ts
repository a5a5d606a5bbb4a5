import { AddressInfo, createServer, Socket } from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL in the fault tests) that holds every chunk, in both
 * directions, for `delayMs` before passing it on: a slow network or an overloaded database, as the
 * client sees it. Order is kept when the delay changes (a chunk never overtakes an earlier one), so the
 * protocol stays intact; `delayMs = 0` passes traffic straight through again.
 */
export interface DelayingProxy {
  readonly port: number;
  delayMs: number;
  /**
   * Every connection open now goes silent for good (nothing passes either way, nothing is closed), as
   * when a network path dies without a reset; connections opened later work.
   */
  blackHoleOpenConnections(): void;
  close(): Promise<void>;
}

export async function startDelayingProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<DelayingProxy> {
  const sockets = new Set<Socket>();
  const blackHoled = new WeakSet<Socket>();
  const proxy = { delayMs: 0 };

  const pipeDelayed = (from: Socket, to: Socket) => {
    let releaseAfter = 0;
    from.on('data', (chunk: Buffer) => {
      if (blackHoled.has(from)) return;
      const releaseAt = Math.max(Date.now() + proxy.delayMs, releaseAfter);
      releaseAfter = releaseAt;
      const wait = releaseAt - Date.now();
      if (wait <= 0) to.write(chunk);
      else setTimeout(() => to.writable && to.write(chunk), wait);
    });
    from.on('end', () => {
      if (!blackHoled.has(from)) setTimeout(() => to.end(), Math.max(0, releaseAfter - Date.now()));
    });
  };

  const server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    pipeDelayed(client, upstream);
    pipeDelayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    get delayMs() {
      return proxy.delayMs;
    },
    set delayMs(value: number) {
      proxy.delayMs = value;
    },
    blackHoleOpenConnections: () => {
      for (const socket of sockets) blackHoled.add(socket);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
