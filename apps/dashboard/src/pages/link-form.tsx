import { useState } from 'preact/hooks';
import { api, ApiError, Link } from '../api';
import { Dialog, ErrorNotice, Field, SelectField } from '../components/ui';
import { deviceUrl, Errors, hasErrors, maxLength, required, SLUG_PATTERN, url } from '../validation';
import { planIncludes } from '../plans';
import { toLocalInput } from '../format';
import { AbTestSection, AbTestValues, abTestBody, initialAbTest, validateAbTest } from './link-ab-test';
import {
  initialSocialPreview,
  SocialPreviewSection,
  socialPreviewBody,
  SocialPreviewValues,
  validateSocialPreview,
} from './link-social-preview';
import type { LinkOptions } from './links-page';

const UTM_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
type UtmField = (typeof UTM_FIELDS)[number];

interface Values extends Record<UtmField, string> {
  url: string;
  domain: string;
  slug: string;
  title: string;
  description: string;
  folderId: string;
  tagIds: string[];
  password: string;
  removePassword: boolean;
  expiresAt: string;
  expiredUrl: string;
  ios: string;
  android: string;
  archived: boolean;
  abTest: AbTestValues;
  socialPreview: SocialPreviewValues;
}

function initialValues(link: Link | null): Values {
  return {
    url: link?.url ?? '',
    domain: link?.domain ?? '',
    slug: link?.slug ?? '',
    title: link?.title ?? '',
    description: link?.description ?? '',
    folderId: link?.folderId ?? '',
    tagIds: link?.tagIds ?? [],
    utm_source: link?.utm_source ?? '',
    utm_medium: link?.utm_medium ?? '',
    utm_campaign: link?.utm_campaign ?? '',
    utm_term: link?.utm_term ?? '',
    utm_content: link?.utm_content ?? '',
    password: '',
    removePassword: false,
    expiresAt: toLocalInput(link?.expiresAt ?? null),
    expiredUrl: link?.expiredUrl ?? '',
    ios: link?.ios ?? '',
    android: link?.android ?? '',
    archived: link?.archived ?? false,
    abTest: initialAbTest(link),
    socialPreview: initialSocialPreview(link),
  };
}

function validate(values: Values, controls: boolean, abTesting: boolean, previews: boolean): Errors {
  const errors: Errors = {};
  required(errors, 'url', values.url, 'Destination URL');
  url(errors, 'url', values.url, 'Destination URL');
  if (values.slug && !SLUG_PATTERN.test(values.slug)) errors.slug = 'Use 1–190 letters, digits, - or _';
  maxLength(errors, 'title', values.title, 200, 'Title');
  maxLength(errors, 'description', values.description, 1000, 'Description');
  for (const field of UTM_FIELDS) maxLength(errors, field, values[field], 255, field);
  if (controls) {
    url(errors, 'expiredUrl', values.expiredUrl, 'Expired URL');
    deviceUrl(errors, 'ios', values.ios, 'iOS destination');
    deviceUrl(errors, 'android', values.android, 'Android destination');
    maxLength(errors, 'password', values.password, 200, 'Password');
    if (values.expiredUrl && !values.expiresAt) errors.expiresAt = 'Set an expiry time for the expired URL to apply';
  }
  if (abTesting) validateAbTest(values.abTest, errors);
  if (previews) validateSocialPreview(values.socialPreview, errors);
  return errors;
}

/** Only what the form shows: on creation empty fields are left out, on update cleared ones become null. */
function requestBody(
  values: Values,
  link: Link | null,
  controls: boolean,
  abTesting: boolean,
  previews: boolean,
): Record<string, unknown> {
  const creating = link === null;
  const text = (value: string) => (value.trim() === '' ? (creating ? undefined : null) : value.trim());
  const body: Record<string, unknown> = {
    url: values.url.trim(),
    slug: values.slug.trim() || undefined,
    domain: values.domain || undefined,
    title: text(values.title),
    description: text(values.description),
    folderId: values.folderId || (creating ? undefined : null),
    tagIds: creating && values.tagIds.length === 0 ? undefined : values.tagIds,
    archived: creating && !values.archived ? undefined : values.archived,
  };
  for (const field of UTM_FIELDS) body[field] = text(values[field]);
  if (controls) {
    body.expiresAt = values.expiresAt ? new Date(values.expiresAt).toISOString() : creating ? undefined : null;
    body.expiredUrl = text(values.expiredUrl);
    body.ios = text(values.ios);
    body.android = text(values.android);
    if (values.password) body.password = values.password;
    else if (values.removePassword) body.password = null;
  }
  if (abTesting) Object.assign(body, abTestBody(values.abTest, link));
  if (previews) Object.assign(body, socialPreviewBody(values.socialPreview, link));
  // Unchanged values are not sent on update: the slug check runs only when the short link moves.
  if (!creating) {
    if (body.slug === link.slug) delete body.slug;
    if (body.domain === link.domain) delete body.domain;
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

export function LinkFormDialog(props: {
  link: Link | null;
  plan: string;
  options: LinkOptions;
  onClose: () => void;
  onSaved: (link: Link) => void;
}) {
  const { link, options } = props;
  const controls = planIncludes(props.plan, 'linkControls');
  const abTesting = planIncludes(props.plan, 'abTesting');
  const previews = planIncludes(props.plan, 'socialPreviews');
  const [values, setValues] = useState<Values>(() => initialValues(link));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const verifiedDomains = options.domains.filter((domain) => domain.verified).map((domain) => domain.domain);
  const domainOptions: [string, string][] = [
    ['', 'Default short domain'],
    ...verifiedDomains.map((domain): [string, string] => [domain, domain]),
  ];
  if (link && link.domain && !verifiedDomains.includes(link.domain)) domainOptions[0] = [link.domain, link.domain];

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate(values, controls, abTesting, previews);
    setErrors(found);
    setFailure(undefined);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const body = requestBody(values, link, controls, abTesting, previews);
      props.onSaved(
        link
          ? await api<Link>('PATCH', `/api/v1/links/${link.id}`, { body })
          : await api<Link>('POST', '/api/v1/links', { body }),
      );
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={link ? 'Edit link' : 'Create link'} onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate>
        <Field
          label="Destination URL"
          type="url"
          value={values.url}
          onValue={set('url')}
          error={errors.url}
          placeholder="https://example.com/page"
          autoFocus
        />
        <div class="row">
          <SelectField
            label="Domain"
            value={values.domain}
            onValue={set('domain')}
            options={domainOptions}
            error={errors.domain}
          />
          <Field
            label="Slug (optional)"
            value={values.slug}
            onValue={set('slug')}
            error={errors.slug}
            placeholder="random if empty"
            hint="Letters, digits, - and _"
          />
        </div>
        <div class="row">
          <Field label="Title (optional)" value={values.title} onValue={set('title')} error={errors.title} />
          <Field
            label="Description (optional)"
            value={values.description}
            onValue={set('description')}
            error={errors.description}
          />
        </div>
        {(options.folders.length > 0 || options.tags.length > 0) && (
          <div class="row">
            {options.folders.length > 0 && (
              <SelectField
                label="Folder"
                value={values.folderId}
                onValue={set('folderId')}
                options={[
                  ['', 'No folder'],
                  ...options.folders.map((folder): [string, string] => [folder.id, folder.name]),
                ]}
                error={errors.folderId}
              />
            )}
            {options.tags.length > 0 && (
              <fieldset class="field">
                <legend>Tags</legend>
                <div class="chips">
                  {options.tags.map((tag) => (
                    <label class="inline" key={tag.id}>
                      <input
                        type="checkbox"
                        checked={values.tagIds.includes(tag.id)}
                        onChange={(event) =>
                          set('tagIds')(
                            event.currentTarget.checked
                              ? [...values.tagIds, tag.id]
                              : values.tagIds.filter((id) => id !== tag.id),
                          )
                        }
                      />{' '}
                      {tag.name}
                    </label>
                  ))}
                </div>
                {errors.tagIds && <p class="field-error">{errors.tagIds}</p>}
              </fieldset>
            )}
          </div>
        )}
        <details open={UTM_FIELDS.some((field) => values[field] || errors[field])}>
          <summary>UTM parameters</summary>
          <div class="row">
            {UTM_FIELDS.map((field) => (
              <Field key={field} label={field} value={values[field]} onValue={set(field)} error={errors[field]} />
            ))}
          </div>
        </details>
        <details open={['password', 'expiresAt', 'expiredUrl', 'ios', 'android'].some((field) => errors[field])}>
          <summary>Password, expiry and device targeting{!controls && ' (Starter plan)'}</summary>
          {!controls && (
            <p class="notice plan">Password protection, expiry and device targeting open with the Starter plan.</p>
          )}
          <fieldset disabled={!controls} class="plain">
            <div class="row">
              <Field
                label="Password"
                type="password"
                autoComplete="new-password"
                value={values.password}
                onValue={set('password')}
                error={errors.password}
                placeholder={link?.hasPassword ? 'unchanged' : 'none'}
              />
              {link?.hasPassword && (
                <label class="inline">
                  <input
                    type="checkbox"
                    checked={values.removePassword}
                    onChange={(event) => set('removePassword')(event.currentTarget.checked)}
                  />{' '}
                  Remove the password
                </label>
              )}
            </div>
            <div class="row">
              <Field
                label="Expires at"
                type="datetime-local"
                value={values.expiresAt}
                onValue={set('expiresAt')}
                error={errors.expiresAt}
              />
              <Field
                label="Expired URL"
                type="url"
                value={values.expiredUrl}
                onValue={set('expiredUrl')}
                error={errors.expiredUrl}
                placeholder="answer 410 when empty"
              />
            </div>
            <div class="row">
              <Field
                label="iOS destination"
                value={values.ios}
                onValue={set('ios')}
                error={errors.ios}
                placeholder="https://… or myapp://path"
                hint="A web page, a universal link, or an app URL (the app opens, else the destination URL)"
              />
              <Field
                label="Android destination"
                value={values.android}
                onValue={set('android')}
                error={errors.android}
                placeholder="https://… or myapp://path"
                hint="A web page, an App Link, or an app URL (the app opens, else the destination URL)"
              />
            </div>
          </fieldset>
        </details>
        <SocialPreviewSection
          values={values.socialPreview}
          errors={errors}
          enabled={previews}
          onChange={set('socialPreview')}
        />
        <AbTestSection values={values.abTest} errors={errors} enabled={abTesting} onChange={set('abTest')} />
        {link && (
          <label class="inline">
            <input
              type="checkbox"
              checked={values.archived}
              onChange={(event) => set('archived')(event.currentTarget.checked)}
            />{' '}
            Archived (keeps redirecting, hidden from the default list)
          </label>
        )}
        <ErrorNotice error={failure} action={link ? 'The link was not saved' : 'The link was not created'} />
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {link ? 'Save link' : 'Create link'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
