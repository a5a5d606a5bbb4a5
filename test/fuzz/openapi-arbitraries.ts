import fc from 'fast-check';

/** The bits of an OpenAPI 3 schema the generator reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

/** Strings an attacker would try: injections, traversal, control characters, unicode edge cases. */
export const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE links; --",
  '"><script>alert(1)</script>',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e\u0645\ud83d\ude00',
  '\ud800',
  '𝕃𝕚𝕟𝕜',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  '-1',
  '1e309',
  'NaN',
  ' ',
  '',
  'http://user:pass@example.com',
  'https://127.0.0.1/',
  'lt_live_' + 'A'.repeat(32),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 1_000, max: 70_000 }).map((length) => 'x'.repeat(length)),
);

/** Any JSON value of a wrong type, deep nesting, or prototype-pollution shape. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.array(fc.constant('a'), { minLength: 1_000, maxLength: 3_000 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
  fc.constant(Array.from({ length: 60 }).reduce<unknown>((inner) => ({ nested: inner }), 'deep')),
);

/** Valid-looking strings for fields that are URLs, ids, emails and the like, guessed from the field name. */
function plausibleString(name: string, schema: Schema): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  if (lower.includes('url') || ['ios', 'android'].includes(lower)) return fc.webUrl();
  if (lower.includes('email')) return fc.emailAddress();
  if (lower === 'domain') return fc.domain();
  if (lower.endsWith('at') || lower === 'start' || lower === 'end')
    return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  if (lower === 'currency') return fc.constantFrom('USD', 'EUR', 'JPY', 'usd', 'XXX');
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 30, 60));
  return fc.string({ minLength: min, maxLength: max });
}

function resolve(schema: Schema, components: Record<string, Schema>): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf)
    return schema.allOf.reduce<Schema>((merged, part) => mergeSchemas(merged, resolve(part, components)), {});
  return schema;
}

function mergeSchemas(left: Schema, right: Schema): Schema {
  return {
    ...left,
    ...right,
    properties: { ...left.properties, ...right.properties },
    required: [...(left.required ?? []), ...(right.required ?? [])],
  };
}

/** Mostly valid values for the schema, with a good share of boundary and hostile ones mixed in at every level. */
export function arbitraryFor(
  schema: Schema,
  components: Record<string, Schema>,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  const valid = validFor(resolved, components, name, depth);
  return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: hostileValue, weight: 1 });
}

function validFor(
  schema: Schema,
  components: Record<string, Schema>,
  name: string,
  depth: number,
): fc.Arbitrary<unknown> {
  const nullable = (arbitrary: fc.Arbitrary<unknown>) =>
    schema.nullable ? fc.oneof(arbitrary, fc.constant(null)) : arbitrary;
  if (schema.enum) return nullable(fc.constantFrom(...schema.enum));
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants)
    return fc.oneof(...variants.map((variant) => validFor(resolve(variant, components), components, name, depth)));
  switch (schema.type) {
    case 'string':
      return nullable(plausibleString(name, schema));
    case 'integer':
      return nullable(
        fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER) }),
      );
    case 'number':
      return nullable(
        fc.oneof(
          fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000_000 }),
          fc.double({ noNaN: true }),
        ),
      );
    case 'boolean':
      return nullable(fc.boolean());
    case 'array':
      return nullable(
        fc.array(schema.items && depth < 4 ? arbitraryFor(schema.items, components, name, depth + 1) : fc.string(), {
          maxLength: Math.min(schema.maxItems ?? 5, 5),
        }),
      );
    case 'object':
    default: {
      if (depth >= 4) return fc.constant({});
      const properties = Object.entries(schema.properties ?? {});
      const record: Record<string, fc.Arbitrary<unknown>> = Object.fromEntries(
        properties.map(([property, propertySchema]) => [
          property,
          arbitraryFor(propertySchema, components, property, depth + 1),
        ]),
      );
      if (properties.length === 0 && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        return nullable(
          fc.dictionary(
            fc.string({ minLength: 1, maxLength: 4 }),
            arbitraryFor(schema.additionalProperties, components, name, depth + 1),
            { maxKeys: 4 },
          ),
        );
      }
      const required = new Set(schema.required ?? []);
      const base = fc.record(record, {
        requiredKeys: properties.map(([property]) => property).filter((property) => required.has(property)),
      });
      // Sometimes an unknown field rides along: it must be refused, never stored.
      return nullable(
        fc
          .tuple(
            base,
            fc.option(fc.constantFrom('unknownField', 'workspaceId', 'id', 'isAdmin'), { nil: undefined }),
            hostileValue,
          )
          .map(([value, extra, extraValue]) => (extra ? { ...(value as object), [extra]: extraValue } : value)),
      );
    }
  }
}

/**
 * Text that PostgreSQL refuses or that breaks naive handling, sent in every string field of every JSON
 * body (fuzz.e2e-spec.ts, "hostile text" pass): a NUL, unpaired surrogates, very long text, long text of
 * 4-byte characters (past a B-tree entry's size limit in bytes long before a length check in characters),
 * and odd encodings (percent escapes, a byte-order mark, bidi and zero-width characters, combining marks).
 */
export const TEXT_PROBES: readonly { name: string; value: string }[] = [
  { name: 'NUL', value: 'a\u0000b' },
  { name: 'unpaired high surrogate', value: 'a\ud800' },
  { name: 'unpaired low surrogate', value: '\udc00b' },
  { name: 'very long', value: 'x'.repeat(100_000) },
  { name: 'long 4-byte characters', value: '\u{1F600}'.repeat(3_000) },
  { name: 'odd encodings', value: '%00%C0%80%ED%A0%80\uFEFF\u202e\u200be\u0301' },
];

/**
 * Raw values for query and path parameters, sent as they are (already percent-encoded): an encoded NUL,
 * an encoded surrogate (invalid UTF-8), an overlong NUL, bytes that are never UTF-8, broken escapes, very long.
 */
export const URL_PROBES: readonly string[] = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%C0%80',
  '%FF%FE',
  '%',
  '%E2%82',
  '%2500',
  'x'.repeat(6_000),
  '%F0%9F%98%80'.repeat(400),
];

/** JSON text nested `levels` deep (built as text: serialising such a value would itself recurse). */
export function deeplyNestedJson(levels: number): string {
  return `${'{"a":['.repeat(levels)}"leaf"${']}'.repeat(levels)}`;
}

export type FieldPath = (string | number)[];

/**
 * Where a schema holds strings: `['name']`, `['geo', 'k']` (a map), `['tagIds', 0]` (an array), nested
 * objects followed a few levels down; every variant of a oneOf/anyOf.
 */
export function stringFields(schema: Schema, components: Record<string, Schema>, depth = 0): FieldPath[] {
  const resolved = resolve(schema, components);
  const variants = resolved.oneOf ?? resolved.anyOf;
  if (variants) return variants.flatMap((variant) => stringFields(variant, components, depth));
  if (resolved.type === 'string') return [[]];
  if (depth >= 4) return [];
  if (resolved.type === 'array')
    return resolved.items ? stringFields(resolved.items, components, depth + 1).map((path) => [0, ...path]) : [];
  const fields = Object.entries(resolved.properties ?? {}).flatMap(([name, property]) =>
    stringFields(property, components, depth + 1).map((path) => [name, ...path]),
  );
  if (fields.length === 0 && typeof resolved.additionalProperties === 'object')
    return stringFields(resolved.additionalProperties, components, depth + 1).map((path) => ['k', ...path]);
  return fields;
}

/** A copy of `base` with `value` at `path` (missing objects and arrays on the way are created). */
export function withValueAt(base: unknown, path: FieldPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const container = (
    typeof head === 'number'
      ? [...(Array.isArray(base) ? base : [])]
      : { ...(typeof base === 'object' && base !== null && !Array.isArray(base) ? base : {}) }
  ) as Record<string | number, unknown>;
  container[head] = withValueAt(container[head], rest, value);
  return container;
}

export function describePath(path: FieldPath): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
}
