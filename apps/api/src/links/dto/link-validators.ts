import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { registerDecorator, ValidateIf, ValidationArguments, ValidationOptions } from 'class-validator';
import { MAX_URL_LENGTH, SLUG_MAX_LENGTH, SLUG_PATTERN } from '@app/common';
import { testVariantSharesProblem } from '../link-ab-test';
import { deviceDestinationProblem, GEO_MAX_ENTRIES, geoProblem, previewImageProblem, slugProblem } from '../link-rules';

type ProblemFinder = (value: unknown) => string | null;

/** A validator, and what it allows said in the OpenAPI schema (the swagger plugin cannot see into it). */
function problemDecorator(
  name: string,
  findProblem: ProblemFinder,
  schema: ApiPropertyOptions,
  options?: ValidationOptions,
): PropertyDecorator {
  return applyDecorators(problemValidator(name, findProblem, options), ApiProperty(schema));
}

/** A validator alone, for a property whose schema the swagger plugin already knows. */
function problemValidator(name: string, findProblem: ProblemFinder, options?: ValidationOptions): PropertyDecorator {
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

/** Every destination a redirect can send to is checked by the one rule in @app/common. */
export { IsDestinationUrl } from '@app/common';

/** A custom slug: 1–190 of [A-Za-z0-9_-], not reserved. */
export const IsSlug = (options?: ValidationOptions) =>
  problemDecorator(
    'isSlug',
    slugProblem,
    { type: String, minLength: 1, maxLength: SLUG_MAX_LENGTH, pattern: SLUG_PATTERN.source },
    options,
  );

/** `{ "US": "https://…" }`: upper-case ISO 3166-1 alpha-2 codes to destination URLs, at most 250. */
export const IsGeoTargets = (options?: ValidationOptions) =>
  problemDecorator(
    'isGeoTargets',
    geoProblem,
    {
      type: 'object',
      maxProperties: GEO_MAX_ENTRIES,
      additionalProperties: { type: 'string', format: 'uri', maxLength: MAX_URL_LENGTH },
    },
    options,
  );

/** An A/B test's variants share the visitors: weights summing to 100, no URL twice (each item is checked on its own). */
export const IsTestVariantShares = (options?: ValidationOptions) =>
  problemValidator('isTestVariantShares', testVariantSharesProblem, options);

/** An iOS or Android destination: an http(s) URL, or an app URL of a custom scheme (deviceDestinationProblem). */
export const IsDeviceDestination = (options?: ValidationOptions) =>
  problemDecorator(
    'isDeviceDestination',
    deviceDestinationProblem,
    { type: String, format: 'uri', maxLength: MAX_URL_LENGTH },
    options,
  );

/** A social preview image: a destination URL on a public host (previewImageProblem). */
export const IsPreviewImageUrl = (options?: ValidationOptions) =>
  problemDecorator(
    'isPreviewImageUrl',
    previewImageProblem,
    { type: String, format: 'uri', maxLength: MAX_URL_LENGTH },
    options,
  );

/**
 * Optional, but never null: for fields that cannot be cleared (`@IsOptional` would let null through
 * to a NOT NULL column). Absent skips validation; null is validated, and fails.
 */
export const IsOptionalNotNull = () => ValidateIf((_object, value) => value !== undefined);

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
