import type { Link } from '../api';
import { Field, SelectField } from '../components/ui';
import { toLocalInput } from '../format';
import { Errors, isHttpUrl } from '../validation';

/**
 * The link form's A/B test section: its values, checks and request fields, kept apart from the rest of the form.
 * The rules mirror the API's (docs/API.md, A/B tests), and the API's field names key the errors, so a 400 lands
 * on the input it names.
 */

const MIN_VARIANTS = 2;
const MAX_VARIANTS = 4;

export interface AbTestValues {
  variants: { url: string; weight: string }[];
  endsAt: string;
  winnerUrl: string;
  pickWinner: boolean;
}

export function initialAbTest(link: Link | null): AbTestValues {
  return {
    variants: (link?.testVariants ?? []).map(({ url, weight }) => ({ url, weight: String(weight) })),
    endsAt: toLocalInput(link?.testEndsAt ?? null),
    winnerUrl: link?.winnerUrl ?? '',
    pickWinner: link?.testPickWinner ?? false,
  };
}

export function validateAbTest(values: AbTestValues, errors: Errors): void {
  const { variants } = values;
  if (variants.length === 0) return;
  if (variants.length < MIN_VARIANTS)
    errors.testVariants = `An A/B test needs ${MIN_VARIANTS} to ${MAX_VARIANTS} variants`;
  variants.forEach((variant, index) => {
    if (!isHttpUrl(variant.url.trim()))
      errors[`testVariants[${index}].url`] = 'Variant URL must be a full http:// or https:// address';
    if (!/^\d+$/.test(variant.weight) || Number(variant.weight) < 1 || Number(variant.weight) > 99)
      errors[`testVariants[${index}].weight`] = 'Weight must be a whole number from 1 to 99';
  });
  const total = weightTotal(values);
  if (!errors.testVariants && total !== 100) errors.testVariants = `Weights must sum to 100 (they sum to ${total})`;
  if (values.endsAt && new Date(values.endsAt).getTime() <= Date.now())
    errors.testEndsAt = 'The end must be in the future';
}

function weightTotal(values: AbTestValues): number {
  return values.variants.reduce((sum, variant) => sum + (Number(variant.weight) || 0), 0);
}

/** The test's request fields: left out when nothing is set on creation; null ends a test the link had. */
export function abTestBody(values: AbTestValues, link: Link | null): Record<string, unknown> {
  if (values.variants.length === 0) return link?.testVariants ? { testVariants: null } : {};
  const creating = link === null;
  const endsAt = values.endsAt ? new Date(values.endsAt).toISOString() : creating ? undefined : null;
  return {
    testVariants: values.variants.map((variant) => ({ url: variant.url.trim(), weight: Number(variant.weight) })),
    // An end left as it was is not sent again: it may have passed since, and a past end is refused.
    testEndsAt: !creating && values.endsAt === toLocalInput(link.testEndsAt) ? undefined : endsAt,
    winnerUrl: values.winnerUrl || (creating ? undefined : null),
    testPickWinner: values.pickWinner,
  };
}

export function AbTestSection(props: {
  values: AbTestValues;
  errors: Errors;
  enabled: boolean;
  onChange: (values: AbTestValues) => void;
}) {
  const { values, errors, enabled, onChange } = props;
  const setVariant = (index: number, change: Partial<AbTestValues['variants'][number]>) =>
    onChange({
      ...values,
      variants: values.variants.map((variant, position) => (position === index ? { ...variant, ...change } : variant)),
    });
  const addVariant = () => {
    const variants = [...values.variants, { url: '', weight: '' }];
    // New variants start with even shares; the user adjusts them.
    const even = Math.floor(100 / variants.length);
    onChange({
      ...values,
      variants: variants.map((variant, index) => ({
        ...variant,
        weight: String(index === 0 ? 100 - even * (variants.length - 1) : even),
      })),
    });
  };
  const removeVariant = (index: number) =>
    onChange({
      ...values,
      variants: values.variants.filter((_variant, position) => position !== index),
      winnerUrl: values.variants[index]?.url === values.winnerUrl ? '' : values.winnerUrl,
    });
  const fieldsWithErrors = Object.keys(errors).filter((field) => field.startsWith('test') || field === 'winnerUrl');

  return (
    <details open={values.variants.length > 0 || fieldsWithErrors.length > 0}>
      <summary>A/B test{!enabled && ' (Creator plan)'}</summary>
      {!enabled && <p class="notice plan">A/B tests open with the Creator plan.</p>}
      <fieldset disabled={!enabled} class="plain">
        {values.variants.map((variant, index) => (
          <div class="row" key={index}>
            <Field
              label={`Variant ${index + 1} URL`}
              type="url"
              value={variant.url}
              onValue={(url) => setVariant(index, { url })}
              error={errors[`testVariants[${index}].url`]}
              placeholder="https://example.com/page-a"
            />
            <Field
              label={`Variant ${index + 1} weight (%)`}
              inputMode="numeric"
              value={variant.weight}
              onValue={(weight) => setVariant(index, { weight })}
              error={errors[`testVariants[${index}].weight`]}
            />
            <button type="button" class="secondary" onClick={() => removeVariant(index)}>
              Remove variant {index + 1}
            </button>
          </div>
        ))}
        {values.variants.length > 0 && <p class="hint">Weights sum to {weightTotal(values)} of 100.</p>}
        {errors.testVariants && <p class="field-error">{errors.testVariants}</p>}
        {values.variants.length < MAX_VARIANTS && (
          <button type="button" class="secondary" onClick={addVariant}>
            Add variant
          </button>
        )}
        {values.variants.length > 0 && (
          <div class="row">
            <Field
              label="Test ends at"
              type="datetime-local"
              value={values.endsAt}
              onValue={(endsAt) => onChange({ ...values, endsAt })}
              error={errors.testEndsAt}
              hint="Optional; then the winner takes every visitor"
            />
            <SelectField
              label="Winner after the end"
              value={values.winnerUrl}
              onValue={(winnerUrl) => onChange({ ...values, winnerUrl })}
              options={[
                ['', 'None chosen'],
                ...values.variants
                  .filter((variant) => variant.url.trim() !== '')
                  .map((variant): [string, string] => [variant.url.trim(), variant.url.trim()]),
              ]}
              error={errors.winnerUrl}
            />
            <label class="inline">
              <input
                type="checkbox"
                checked={values.pickWinner}
                onChange={(event) => onChange({ ...values, pickWinner: event.currentTarget.checked })}
              />{' '}
              Without a chosen winner, pick the best conversion rate
            </label>
          </div>
        )}
      </fieldset>
    </details>
  );
}
