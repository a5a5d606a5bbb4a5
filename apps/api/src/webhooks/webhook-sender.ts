import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export const SEND_TIMEOUT_MS = 10_000;
const RESPONSE_BODY_LIMIT = 4_096;

export type SendResult = { kind: 'response'; statusCode: number; body: string } | { kind: 'error'; message: string };

/** Idle connections are closed before the usual 5 s server keep-alive timeout, so a send rarely finds one closing. */
const IDLE_CONNECTION_MS = 4_000;

/**
 * Connections kept open between sends to the same host (a new TCP and TLS handshake per event cost more than the
 * event). Each was opened to an address checked for the send that opened it.
 */
export function createWebhookAgents(): { http: http.Agent; https: https.Agent } {
  return {
    http: new http.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
    https: new https.Agent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  };
}

/**
 * POSTs one delivery to `url`: a new connection goes to `address` (already checked) whatever DNS says now; the
 * URL's host stays in the Host header and TLS SNI. Redirects are not followed (a 3xx is a failed attempt); at most
 * 4 kB of the answer is read (a longer answer's connection is closed); the whole exchange is cut at 10 s.
 */
export function sendWebhook(
  url: string,
  target: { address: string; family: 4 | 6 },
  headers: Record<string, string>,
  body: string,
  agents: { http: http.Agent; https: https.Agent },
): Promise<SendResult> {
  return new Promise((resolve) => {
    const parsed = new URL(url);
    // Every connection goes to the checked address, whatever DNS would answer now (no rebinding window).
    const lookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options.all) callback(null, [target]);
      else callback(null, target.address, target.family);
    }) as LookupFunction;
    const secure = parsed.protocol === 'https:';
    const client = secure ? https : http;
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      parsed,
      {
        method: 'POST',
        lookup,
        agent: secure ? agents.https : agents.http,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'LinkTrace-Webhooks/1',
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        const done = () =>
          finish({
            kind: 'response',
            statusCode: response.statusCode ?? 0,
            // Whole characters only: one cut at the limit is left out, not stored as a replacement character.
            body: new StringDecoder('utf8').write(Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT)),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          if (length >= RESPONSE_BODY_LIMIT) {
            done();
            response.destroy();
          }
        });
        // Read to its end, the connection goes back to the pool for the next send.
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS / 1000} s`));
    }, SEND_TIMEOUT_MS);
    request.on('error', (error) => finish({ kind: 'error', message: error.message.slice(0, 500) }));
    request.end(body);
  });
}
