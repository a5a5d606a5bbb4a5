export { LinkTrace } from './client';
export type * from './client';
export * from './errors';
export type { RetryOptions, FetchFunction } from './transport';
export type { components, operations, paths } from './schema';
