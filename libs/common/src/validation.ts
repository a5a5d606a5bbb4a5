import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldError } from './errors/app.exception';
import { isStorableText } from './storable-text';

/** Deepest nesting a request body, query or parameter may have: no request of the API needs more than a few. */
export const MAX_INPUT_DEPTH = 32;

/** Flattens nested class-validator errors into `{ field: "a.b[0]", message }` entries. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? `${field} is not an accepted field` : message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The first thing no route accepts in a request value, whatever its DTO says: nesting deeper than
 * MAX_INPUT_DEPTH (class-transformer and class-validator recurse, and overflow the stack on deep JSON),
 * or a string — value or key — PostgreSQL cannot store as it is (a NUL character, an unpaired surrogate).
 * Iterative, so a deep value cannot overflow the stack here either. `root` names the value (`''` for a
 * whole body, query or parameter set).
 */
export function findInputProblem(value: unknown, root: string, what = 'body'): FieldError | null {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return unstorable(path || what);
      continue;
    }
    if (typeof current !== 'object' || current === null || !isPlain(current)) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return { field: path || what, message: `${path || what} nests deeper than ${MAX_INPUT_DEPTH} levels` };
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++)
        pending.push({ value: current[index], path: `${path}[${index}]`, depth: depth + 1 });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) return unstorable(path || what);
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/** Parsed JSON, query and parameter objects (some without a prototype); a raw body (Buffer) is not walked. */
function isPlain(value: object): boolean {
  return !ArrayBuffer.isView(value) && !(value instanceof Date);
}

function unstorable(field: string): FieldError {
  return { field, message: `${field} must not contain NUL characters or unpaired surrogates` };
}

/** The global pipe: strips nothing silently — unknown fields are refused — and converts types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppException.badRequest('Validation failed', flattenValidationErrors(errors)),
  });
}

const itemPipe = createValidationPipe();

/**
 * Validates one item of a bulk request exactly as the global pipe validates the single route's body, so a
 * bad item fails alone (with the same 400) instead of the whole request.
 */
export async function validateItem<T extends object>(metatype: new () => T, value: unknown): Promise<T> {
  return (await itemPipe.transform(value, { type: 'body', metatype })) as T;
}
