/** The PostgreSQL driver's parameter serialisation (what `client.query` does to each value), for click-pipeline-pieces.ts. */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): unknown;
}
