import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricsService } from '@app/common';
import type { TestApp } from './test-app';

interface DocumentedOperation {
  responses: Record<string, unknown>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { responses: Record<string, ErrorResponse> };
}

interface ErrorResponse {
  content?: { 'application/json'?: { schema?: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } } };
}

/** The committed openapi.json: what clients generate their code from. */
export function committedOpenApi(): OpenApiDocument {
  return JSON.parse(readFileSync(join(__dirname, '../../openapi.json'), 'utf8'));
}

interface SchemaReference {
  $ref?: string;
  allOf?: { $ref: string }[];
}

/**
 * What openapi.json documents for a webhook event type, read from its `x-webhooks` entry: the header names, and the
 * property names of the body and of its `data`.
 */
export function documentedWebhook(type: string): { headers: string[]; event: string[]; data: string[] } {
  const document = committedOpenApi() as unknown as {
    'x-webhooks': Record<string, { post: { parameters: { name: string }[]; requestBody: any } }>;
    components: { schemas: Record<string, { properties: Record<string, SchemaReference> }> };
  };
  const resolve = (schema: SchemaReference) =>
    document.components.schemas[(schema.$ref ?? schema.allOf![0].$ref).split('/').pop()!];
  const operation = document['x-webhooks'][type].post;
  const body = resolve(operation.requestBody.content['application/json'].schema);
  return {
    headers: operation.parameters.map((parameter) => parameter.name),
    event: Object.keys(body.properties).sort(),
    data: Object.keys(resolve(body.properties.data).properties).sort(),
  };
}

/** The error codes openapi.json lists for an operation's status, or null when it lists no such status. */
export function documentedCodes(
  document: OpenApiDocument,
  method: string,
  path: string,
  status: number,
): string[] | null {
  const response = document.paths[path]?.[method.toLowerCase()]?.responses[status] as { $ref?: string } | undefined;
  if (!response) return null;
  const resolved = response.$ref
    ? document.components.responses[response.$ref.split('/').pop()!]
    : (response as ErrorResponse);
  return resolved.content?.['application/json']?.schema?.allOf?.[1]?.properties?.code?.enum ?? [];
}

/**
 * Every (operation, status) the app answered since it booted, read from its request counter (method, route pattern,
 * status), that openapi.json does not list. Routes the document leaves out (the redirect, /app, /metrics) are skipped.
 */
export async function undocumentedAnswers(testApp: TestApp): Promise<string[]> {
  const { paths } = committedOpenApi();
  const counted = await testApp.app.get(MetricsService).httpRequests.get();
  const missing = new Set<string>();
  for (const { labels } of counted.values) {
    const path = String(labels.route).replace(/:(\w+)/g, '{$1}');
    const operation = paths[path]?.[String(labels.method).toLowerCase()];
    if (operation && !(String(labels.status) in operation.responses))
      missing.add(`${labels.method} ${path} → ${labels.status}`);
  }
  return [...missing].sort();
}

/** Statuses answered per documented operation, to check that a pass of requests reached them. */
export async function answeredOperations(testApp: TestApp): Promise<Map<string, Set<number>>> {
  const { paths } = committedOpenApi();
  const counted = await testApp.app.get(MetricsService).httpRequests.get();
  const answered = new Map<string, Set<number>>();
  for (const { labels } of counted.values) {
    const path = String(labels.route).replace(/:(\w+)/g, '{$1}');
    const method = String(labels.method).toLowerCase();
    if (!paths[path]?.[method]) continue;
    const key = `${labels.method} ${path}`;
    answered.set(key, (answered.get(key) ?? new Set()).add(Number(labels.status)));
  }
  return answered;
}
