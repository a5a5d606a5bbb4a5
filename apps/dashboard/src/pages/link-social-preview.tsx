import type { Link } from '../api';
import { Field } from '../components/ui';
import { Errors, isHttpUrl, maxLength } from '../validation';

/**
 * The link form's social preview section: what link-preview crawlers (Slack, X, Facebook, WhatsApp…) show for the
 * short link. The rules mirror the API's (docs/API.md, Social previews) and its field names (`og.title`, …) key the
 * errors, so a 400 lands on the input it names.
 */

export interface SocialPreviewValues {
  title: string;
  description: string;
  image: string;
}

export function initialSocialPreview(link: Link | null): SocialPreviewValues {
  return { title: link?.og?.title ?? '', description: link?.og?.description ?? '', image: link?.og?.image ?? '' };
}

export function validateSocialPreview(values: SocialPreviewValues, errors: Errors): void {
  maxLength(errors, 'og.title', values.title.trim(), 200, 'Preview title');
  maxLength(errors, 'og.description', values.description.trim(), 500, 'Preview description');
  if (values.image.trim() && !isHttpUrl(values.image.trim()))
    errors['og.image'] = 'Preview image must be a full http:// or https:// address';
}

/** `og` when anything is set; on update, null removes a preview the link had. */
export function socialPreviewBody(values: SocialPreviewValues, link: Link | null): Record<string, unknown> {
  const og = { title: values.title.trim(), description: values.description.trim(), image: values.image.trim() };
  if (!og.title && !og.description && !og.image) return link?.og ? { og: null } : {};
  return { og: Object.fromEntries(Object.entries(og).filter(([, value]) => value !== '')) };
}

export function SocialPreviewSection(props: {
  values: SocialPreviewValues;
  errors: Errors;
  enabled: boolean;
  onChange: (values: SocialPreviewValues) => void;
}) {
  const { values, errors, enabled, onChange } = props;
  const fieldsWithErrors = Object.keys(errors).filter((field) => field.startsWith('og'));
  const set = (key: keyof SocialPreviewValues) => (value: string) => onChange({ ...values, [key]: value });
  return (
    <details open={fieldsWithErrors.length > 0 || Boolean(values.title || values.description || values.image)}>
      <summary>Social preview{!enabled && ' (Starter plan)'}</summary>
      {!enabled && <p class="notice plan">Social previews open with the Starter plan.</p>}
      <fieldset disabled={!enabled} class="plain">
        <p class="hint">What Slack, X, Facebook, LinkedIn, WhatsApp and other previews show for the short link.</p>
        <div class="row">
          <Field label="Preview title" value={values.title} onValue={set('title')} error={errors['og.title']} />
          <Field
            label="Preview image URL"
            type="url"
            value={values.image}
            onValue={set('image')}
            error={errors['og.image']}
            placeholder="https://example.com/card.png"
          />
        </div>
        <Field
          label="Preview description"
          value={values.description}
          onValue={set('description')}
          error={errors['og.description'] ?? errors.og}
        />
      </fieldset>
    </details>
  );
}
