import { useState } from 'preact/hooks';
import { api, ApiError, Domain } from '../api';
import { Dialog, ErrorNotice, Field } from '../components/ui';
import { Errors, hasErrors } from '../validation';

/**
 * A domain's apps (deep links): the iOS and Android apps its links open, published by the server as
 * /.well-known/apple-app-site-association and /.well-known/assetlinks.json. The checks mirror the API's
 * (docs/API.md, App deep links) and its field names (`apps.ios.teamId`, …) key the errors.
 */

const TEAM_ID = /^[A-Z0-9]{10}$/;
const BUNDLE_ID = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+$/;
const FINGERPRINT = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;
const PATH = /^(?:NOT )?(?:\*|\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)$/;

interface AppsValues {
  appId: string;
  teamId: string;
  iosPaths: string;
  webCredentials: boolean;
  packageName: string;
  fingerprints: string;
  androidPaths: string;
}

/** A comma- or line-separated list, blanks dropped. */
const list = (text: string) =>
  text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

function initialValues(domain: Domain): AppsValues {
  const { ios, android } = domain.apps ?? { ios: null, android: null };
  return {
    appId: ios?.appId ?? '',
    teamId: ios?.teamId ?? '',
    iosPaths: (ios?.paths ?? ['*']).join(', '),
    webCredentials: ios?.webCredentials ?? false,
    packageName: android?.packageName ?? '',
    fingerprints: (android?.sha256CertFingerprints ?? []).join('\n'),
    androidPaths: (android?.paths ?? ['*']).join(', '),
  };
}

function validate(values: AppsValues): Errors {
  const errors: Errors = {};
  if (values.appId || values.teamId) {
    if (!BUNDLE_ID.test(values.appId.trim()))
      errors['apps.ios.appId'] = 'Bundle ID must be in reverse-DNS form, e.g. com.example.app';
    if (!TEAM_ID.test(values.teamId.trim())) errors['apps.ios.teamId'] = 'Team ID is 10 upper-case letters or digits';
    if (!list(values.iosPaths).every((path) => PATH.test(path)))
      errors['apps.ios.paths'] = 'Paths are * or start with / (optionally after NOT )';
  }
  if (values.packageName || values.fingerprints) {
    if (!PACKAGE_NAME.test(values.packageName.trim()))
      errors['apps.android.packageName'] = 'Package name must be like com.example.app (parts start with a letter)';
    const fingerprints = list(values.fingerprints);
    if (fingerprints.length === 0 || !fingerprints.every((fingerprint) => FINGERPRINT.test(fingerprint)))
      errors['apps.android.sha256CertFingerprints'] =
        'Each fingerprint is 32 upper-case hex pairs separated by colons (AA:BB:…)';
    if (!list(values.androidPaths).every((path) => PATH.test(path)))
      errors['apps.android.paths'] = 'Paths are * or start with / (optionally after NOT )';
  }
  return errors;
}

function requestBody(values: AppsValues): Record<string, unknown> {
  const ios = values.appId.trim()
    ? {
        appId: values.appId.trim(),
        teamId: values.teamId.trim(),
        paths: list(values.iosPaths).length > 0 ? list(values.iosPaths) : undefined,
        webCredentials: values.webCredentials,
      }
    : null;
  const android = values.packageName.trim()
    ? {
        packageName: values.packageName.trim(),
        sha256CertFingerprints: list(values.fingerprints),
        paths: list(values.androidPaths).length > 0 ? list(values.androidPaths) : undefined,
      }
    : null;
  return { apps: ios || android ? { ios, android } : null };
}

export function DomainAppsDialog(props: { domain: Domain; onClose: () => void; onSaved: (domain: Domain) => void }) {
  const { domain } = props;
  const [values, setValues] = useState<AppsValues>(() => initialValues(domain));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof AppsValues>(key: K) =>
    (value: AppsValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    setFailure(undefined);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      props.onSaved(await api<Domain>('PATCH', `/api/v1/domains/${domain.id}`, { body: requestBody(values) }));
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Apps for ${domain.domain}`} onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate>
        <p class="muted">
          Links on this domain open these apps when installed. The server publishes
          /.well-known/apple-app-site-association and /.well-known/assetlinks.json from them. Leave a platform empty to
          remove it.
        </p>
        <h3>iOS</h3>
        <div class="row">
          <Field
            label="Bundle ID"
            value={values.appId}
            onValue={set('appId')}
            error={errors['apps.ios.appId']}
            placeholder="com.example.app"
          />
          <Field
            label="Team ID"
            value={values.teamId}
            onValue={set('teamId')}
            error={errors['apps.ios.teamId']}
            placeholder="ABCDE12345"
          />
        </div>
        <div class="row">
          <Field
            label="iOS paths"
            value={values.iosPaths}
            onValue={set('iosPaths')}
            error={errors['apps.ios.paths']}
            hint="Comma-separated: * for every link, /promo/*, NOT /admin/*"
          />
          <label class="inline">
            <input
              type="checkbox"
              checked={values.webCredentials}
              onChange={(event) => set('webCredentials')(event.currentTarget.checked)}
            />{' '}
            Also for password autofill (webcredentials)
          </label>
        </div>
        <h3>Android</h3>
        <div class="row">
          <Field
            label="Package name"
            value={values.packageName}
            onValue={set('packageName')}
            error={errors['apps.android.packageName']}
            placeholder="com.example.app"
          />
          <Field
            label="Android paths"
            value={values.androidPaths}
            onValue={set('androidPaths')}
            error={errors['apps.android.paths']}
            hint="Comma-separated, as for iOS"
          />
        </div>
        <Field
          label="SHA-256 certificate fingerprints"
          value={values.fingerprints}
          onValue={set('fingerprints')}
          error={errors['apps.android.sha256CertFingerprints']}
          placeholder="AA:BB:…:FF"
          hint="Comma-separated, as keytool -list -v prints them"
        />
        <ErrorNotice error={failure} action="The apps were not saved" />
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            Save apps
          </button>
        </div>
      </form>
    </Dialog>
  );
}
