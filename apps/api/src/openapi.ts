import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SECURITY_SCHEMES } from '@app/auth';
import { AppConfig } from '@app/common';
import metadata from './metadata';
import { documentErrors } from './openapi-errors';
import { webhookSection } from './webhooks/webhooks.openapi';
import { WEBHOOK_PAYLOAD_MODELS } from './webhooks/dto/webhook-payload.dto';

/** The OpenAPI document of the running code; `npm run openapi` writes it, sorted, to openapi.json. */
export async function buildOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await SwaggerModule.loadPluginMetadata(metadata);
  return createDocument(app);
}

function createDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('LinkTrace API')
    .setDescription(
      'Short links, server-side click tracking, analytics and conversions. Authenticate with a secret key ' +
        '(`Authorization: Bearer lt_live_…`) from a backend, or with the dashboard session cookie. ' +
        '`x-scopes` lists the scopes that open an operation (`<scope>:read` opens GET operations); `x-plan` its plan gate.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'Secret key: lt_live_ + 32 base62 characters',
      },
      SECURITY_SCHEMES.apiKey,
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'Publishable key (lt_pub_…), conversion writes only',
      },
      SECURITY_SCHEMES.publishableKey,
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'Operator token (ADMIN_TOKEN)' },
      SECURITY_SCHEMES.admin,
    )
    .addCookieAuth(
      'lt_session',
      {
        type: 'apiKey',
        in: 'cookie',
        description: 'Dashboard session; writes also need X-CSRF-Token = the lt_csrf cookie',
      },
      SECURITY_SCHEMES.session,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controller, method) => method,
    // What webhooks receive: schemas (typed in the SDK too), named per event type in `x-webhooks` below.
    extraModels: WEBHOOK_PAYLOAD_MODELS,
  });
  documentErrors(app, document, app.get(AppConfig).PUBLIC_URL);
  // OpenAPI 3.0 has no `webhooks` (3.1 does; docs/WEBHOOKS.md says why this document stays 3.0): Redoc's extension.
  return Object.assign(document, { 'x-webhooks': webhookSection() });
}

/** Deterministic JSON: keys sorted at every level, so the committed file diffs cleanly. */
export function stableStringify(value: unknown): string {
  const sort = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(sort);
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.keys(node)
          .sort()
          .map((key) => [key, sort((node as Record<string, unknown>)[key])]),
      );
    }
    return node;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

export async function serveOpenApi(app: INestApplication): Promise<void> {
  await SwaggerModule.loadPluginMetadata(metadata);
  let document: OpenAPIObject | undefined;
  // Built on first request, not at boot: start-up stays fast.
  SwaggerModule.setup('docs', app, () => (document ??= createDocument(app)), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'LinkTrace API',
  });
}
