import { registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { destinationUrlProblem, geoProblem, slugProblem } from '../link-rules';

type ProblemFinder = (value: unknown) => string | null;

function problemDecorator(name: string, findProblem: ProblemFinder, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => findProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${findProblem(args?.value)}`,
      },
    });
}

/** An absolute http(s) URL without credentials, at most 8192 characters. */
export const IsDestinationUrl = (options?: ValidationOptions) =>
  problemDecorator('isDestinationUrl', destinationUrlProblem, options);

/** A custom slug: 1–190 of [A-Za-z0-9_-], not reserved. */
export const IsSlug = (options?: ValidationOptions) => problemDecorator('isSlug', slugProblem, options);

/** `{ "US": "https://…" }`: upper-case ISO 3166-1 alpha-2 codes to destination URLs, at most 250. */
export const IsGeoTargets = (options?: ValidationOptions) => problemDecorator('isGeoTargets', geoProblem, options);

/**
 * Optional, but never null: for fields that cannot be cleared (`@IsOptional` would let null through
 * to a NOT NULL column). Absent skips validation; null is validated, and fails.
 */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
