export { registeredRoutes } from '../../apps/api/src/core/registered-routes';
export type { RegisteredRoute } from '../../apps/api/src/core/registered-routes';

/** Which kind of resource an `:id` in a path names, from the route's path. */
export function resourceKindOf(path: string): string | null {
  const kinds: [RegExp, string][] = [
    [/\/api-keys\//, 'apiKey'],
    [/\/api\/v1\/links\//, 'link'],
    [/\/link_folders\//, 'folder'],
    [/\/link_tags\//, 'tag'],
    [/\/utm_templates\//, 'utmTemplate'],
    [/\/domains\//, 'domain'],
    [/\/workspaces\//, 'workspace'],
    [/\/api\/v1\/webhooks\//, 'webhook'],
    [/\/api\/v1\/imports\//, 'import'],
  ];
  return kinds.find(([pattern]) => pattern.test(path))?.[1] ?? null;
}
