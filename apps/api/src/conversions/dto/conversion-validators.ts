import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** Ids the redirect appends as `lt_id` (`newId('click')`); the column holds at most 32 characters. */
export const CLICK_ID_PATTERN = /^clk_[0-9A-Za-z]{1,28}$/;

export const MAX_METADATA_BYTES = 10 * 1024;

/** ISO 4217 codes this runtime knows (Intl), upper-case. */
export const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Upper-cases a currency so `usd` (Stripe's spelling) is accepted as `USD`. */
export const toUpperCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** class-validator: a JSON object whose serialized form is at most `bytes` bytes of UTF-8. */
export function MaxSerializedSize(bytes: number, options: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'maxSerializedSize',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          value === undefined || value === null || Buffer.byteLength(JSON.stringify(value), 'utf8') <= bytes,
        defaultMessage: (args) => `${args?.property} must be at most ${bytes / 1024} KB when serialized as JSON`,
      },
    });
}

/** class-validator: an ISO 4217 code (upper-case) from `Intl.supportedValuesOf('currency')`. */
export function IsCurrencyCode(options: ValidationOptions = {}): PropertyDecorator {
  const validate = (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CURRENCIES.has(value),
        defaultMessage: (args) => `${args?.property} must be an ISO 4217 currency code such as USD or EUR`,
      },
    });
  // What it allows, in the OpenAPI schema (the swagger plugin cannot see into the validator).
  return applyDecorators(validate, ApiProperty({ type: String, minLength: 3, maxLength: 3, pattern: '^[A-Za-z]{3}$' }));
}

const PROVIDER_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/**
 * class-validator, with `ValidateIf` deciding when a provider is needed: a lower-case provider name, and
 * a message that says whether it is missing or malformed.
 */
export function IsProviderName(options: ValidationOptions = {}): PropertyDecorator {
  const validate = (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isProviderName',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && PROVIDER_NAME.test(value),
        defaultMessage: (args) =>
          args?.value === undefined || args?.value === null
            ? `${args?.property} is required with providerEventId or providerSignature`
            : `${args?.property} must be a lower-case name such as stripe (letters, digits, _ . -; at most 64 characters)`,
      },
    });
  return applyDecorators(validate, ApiProperty({ type: String, maxLength: 64, pattern: PROVIDER_NAME.source }));
}
