import { ValidateIf } from 'class-validator';

/** class-transformer `@Transform` callbacks for request DTOs; values that are not strings pass through to the validators. */
export const trimString = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Trims, and turns a blank string into null: an optional text field left empty means "none". */
export const blankToNull = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/**
 * For PATCH fields that may be omitted but never cleared: unlike `@IsOptional()`, null is validated
 * (and refused by the field's type check) instead of reaching a NOT NULL column.
 */
export function OmittableNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
