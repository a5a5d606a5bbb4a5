import type { ParameterObject, PathItemObject } from '@nestjs/swagger';
import { WEBHOOK_PAYLOADS } from './dto/webhook-payload.dto';

const SIGNATURE_HEADERS: ParameterObject[] = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description:
      "The event id (`msg_…`, the body's `id`): the same on every attempt and replay. Drop duplicates by it.",
    schema: { type: 'string' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'Unix seconds when this attempt was signed. Refuse timestamps a few minutes away from now.',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>">`, keyed with the base64-decoded ' +
      'part of the secret after `whsec_` (Standard Webhooks); two, space-separated, while a rotated secret signs too.',
    schema: { type: 'string' },
  },
];

/**
 * What LinkTrace POSTs to a webhook's URL, one entry per event type (the `x-webhooks` extension of OpenAPI 3.0 that
 * Redoc renders, shaped as 3.1's `webhooks`): the signature headers and the event's body schema.
 */
export function webhookSection(): Record<string, PathItemObject> {
  return Object.fromEntries(
    Object.entries(WEBHOOK_PAYLOADS).map(([type, payload]) => [
      type,
      {
        post: {
          operationId: `${type.replace(/\.(\w)/, (_match, letter: string) => letter.toUpperCase())}Webhook`,
          summary: `The \`${type}\` event, POSTed to the webhook's URL (docs/WEBHOOKS.md).`,
          tags: ['Webhooks'],
          // Sent by LinkTrace to the receiver, which checks the signature headers instead.
          security: [],
          parameters: SIGNATURE_HEADERS,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${payload.name}` } } },
          },
          responses: {
            '2XX': { description: 'Received. 410 disables the webhook; any other answer or none is retried.' },
          },
        },
      },
    ]),
  );
}
