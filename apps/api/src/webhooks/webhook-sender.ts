import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export const SEND_TIMEOUT_MS = 10_000;
const RESPONSE_BODY_LIMIT = 4_096;

export type SendResult = { kind: 'response'; statusCode: number; body: string } | { kind: 'error'; message: string };

/**
 * POSTs one delivery to `url`, connected to `address` (already checked) whatever DNS says now; the URL's host stays
 * in the Host header and TLS SNI. Redirects are not followed (a 3xx is a failed attempt); at most 4 kB of the answer
 * is read; the whole exchange is cut at 10 s.
 */
export function sendWebhook(
  url: string,
  target: { address: string; family: 4 | 6 },
  headers: Record<string, string>,
  body: string,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const parsed = new URL(url);
    // Every connection goes to the checked address, whatever DNS would answer now (no rebinding window).
    const lookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      if (options.all) callback(null, [target]);
      else callback(null, target.address, target.family);
    }) as LookupFunction;
    const client = parsed.protocol === 'https:' ? https : http;
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
        agent: false,
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
        const done = () => {
          finish({
            kind: 'response',
            statusCode: response.statusCode ?? 0,
            // Whole characters only: one cut at the limit is left out, not stored as a replacement character.
            body: new StringDecoder('utf8').write(Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT)),
          });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          if (length >= RESPONSE_BODY_LIMIT) done();
        });
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
