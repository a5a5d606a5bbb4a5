import { ChildProcess, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { freePort } from './free-port';
import { TEST_METRICS_TOKEN } from './prometheus';

export interface ServerProcess {
  port: number;
  pid: number;
  process: ChildProcess;
  /** What the server wrote (its log lines). */
  output(): string;
  /** What it wrote to stderr alone (nothing, for a server that ran without trouble). */
  errorOutput(): string;
  /** Resolves when the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `apps/api/src/main.ts` as a real server process (what production runs) and waits until it serves. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const root = join(__dirname, '../..');
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SIGNUPS_PER_IP_PER_HOUR: '1000000',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...env,
    PORT: String(port),
  };
  delete environment.NODE_OPTIONS;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: root,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errorOutput = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errorOutput += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = {
    port,
    pid: child.pid!,
    process: child,
    output: () => output,
    errorOutput: () => errorOutput,
    exited,
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The server exited while starting:\n${output}`);
    try {
      if ((await httpStatus(port, '/api/health')) === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not start within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export function httpStatus(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  agent?: Agent,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

export function httpText(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = path === '/metrics' ? { Authorization: `Bearer ${TEST_METRICS_TOKEN}` } : {};
    const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    });
    request.on('error', reject);
    request.end();
  });
}
