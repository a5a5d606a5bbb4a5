export { LinkTrace } from './client.js';
export type * from './client.js';
export * from './errors.js';
export type { RetryOptions, FetchFunction } from './transport.js';
export type { components, operations, paths } from './schema.js';
export { verifyWebhook, WebhookVerificationError } from './webhooks.js';
export type { VerifyWebhookOptions, WebhookEvent, WebhookPayload } from './webhooks.js';
