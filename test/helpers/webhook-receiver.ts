import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP endpoint on 127.0.0.1 that records every request and answers with the next scripted status (then
 * `defaultStatus`), `answerHeaders` and `answerBody` (default `answer <status>`). `hold` keeps requests open until
 * released, to catch a sender mid-send.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly statuses: number[] = [];
  defaultStatus = 200;
  answerHeaders: Record<string, string> = {};
  answerBody: string | null = null;
  hold = false;
  private readonly held: (() => void)[] = [];
  private server?: Server;

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = () => {
          response.statusCode = this.statuses.shift() ?? this.defaultStatus;
          for (const [name, value] of Object.entries(this.answerHeaders)) response.setHeader(name, value);
          response.end(this.answerBody ?? `answer ${response.statusCode}`);
        };
        if (this.hold) this.held.push(answer);
        else answer();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  events(): { id: string; type: string; createdAt: string; data: any }[] {
    return this.received.map((request) => JSON.parse(request.body));
  }

  async stop(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
