import { useState } from 'preact/hooks';
import { api, ApiError, ApiKey, CreatedApiKey, Page } from '../api';
import type { Session } from '../app';
import {
  Chips,
  ConfirmDialog,
  Dialog,
  Empty,
  ErrorNotice,
  Field,
  SelectField,
  SecretOnceDialog,
  Spinner,
} from '../components/ui';
import { formatDate, formatDateTime, formatRelative } from '../format';
import { useLoad } from '../hooks';
import { RouteLink } from '../router';
import { Errors, hasErrors, required } from '../validation';

const SCOPES: [string, string][] = [
  ['links', 'Links'],
  ['analytics', 'Analytics'],
  ['conversions', 'Conversions'],
  ['domains', 'Domains'],
  ['folders', 'Folders'],
  ['tags', 'Tags'],
  ['utm_templates', 'UTM templates'],
  ['api_keys', 'API keys'],
  ['webhooks', 'Webhooks'],
];

const GRACE_PERIODS: [string, string][] = [
  ['0', 'Revoke the old key now'],
  ['3600', 'Keep the old key for 1 hour'],
  ['86400', 'Keep the old key for 24 hours'],
  ['604800', 'Keep the old key for 7 days'],
];

const PATH = '/api/settings/api-keys';

export function ApiKeysPage(_props: { session: Session }) {
  const keys = useLoad(() => api<Page<ApiKey>>('GET', PATH, { query: { limit: 100 } }), []);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ key: CreatedApiKey; rotated: boolean } | null>(null);
  const [renaming, setRenaming] = useState<ApiKey | null>(null);
  const [deleting, setDeleting] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);

  return (
    <section>
      <div class="page-header">
        <div>
          <p class="breadcrumb">Settings</p>
          <h1>API keys</h1>
          <p class="muted">
            Secret keys authenticate your backend or CI (<code>Authorization: Bearer lt_live_…</code>); publishable keys
            only send conversions from a browser.
          </p>
          <p class="muted">
            Events for your endpoints: <RouteLink to="/settings/webhooks">Webhooks</RouteLink>.
          </p>
        </div>
        <div class="actions">
          <button type="button" class="secondary" onClick={keys.reload}>
            Refresh
          </button>
          <button type="button" onClick={() => setCreating(true)}>
            Create key
          </button>
        </div>
      </div>
      <ErrorNotice error={keys.error} action="The keys could not be loaded" />
      {keys.loading && <Spinner label={keys.data ? 'Refreshing…' : 'Loading keys…'} />}
      {keys.data && keys.data.data.length === 0 && (
        <Empty>No API keys yet. Create one to use the API from your code.</Empty>
      )}
      {keys.data && keys.data.data.length > 0 && (
        <div class="table-wrap">
          <table class="stack-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Scopes</th>
                <th>Created</th>
                <th>Last used</th>
                <th>Expires</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.data.map((key) => (
                <tr key={key.id} data-key-id={key.id}>
                  <td>
                    <strong>{key.name}</strong>
                    <div class="muted small">
                      {key.type === 'publishable' ? 'Publishable' : 'Secret'}
                      {key.owner.type === 'machine' && ' · machine user'}
                      {key.rateLimit !== null && ` · ${key.rateLimit}/min`}
                    </div>
                  </td>
                  <td data-label="Key">
                    <code class="key-prefix">{key.keyPrefix}</code>
                  </td>
                  <td data-label="Scopes">
                    <Chips values={key.scopes} />
                  </td>
                  <td data-label="Created" title={formatDateTime(key.createdAt)}>
                    {formatDate(key.createdAt)}
                  </td>
                  <td data-label="Last used" class="last-used" title={formatDateTime(key.lastUsedAt, 'Never used')}>
                    {formatRelative(key.lastUsedAt)}
                  </td>
                  <td data-label="Expires">
                    {key.revokesAt ? (
                      <span class="badge warning" title={formatDateTime(key.revokesAt)}>
                        Rotated; stops {formatRelative(key.revokesAt)}
                      </span>
                    ) : key.expiresAt ? (
                      <span class={new Date(key.expiresAt) < new Date() ? 'badge danger' : undefined}>
                        {formatDate(key.expiresAt)}
                      </span>
                    ) : (
                      'Never'
                    )}
                  </td>
                  <td class="row-actions">
                    {/* Members manage only keys they own or created (SECURITY.md); the list says which. */}
                    {!key.canManage && <span class="muted">Managed by its owner</span>}
                    {key.canManage && (
                      <>
                        <button
                          type="button"
                          class="secondary small"
                          onClick={() => setRenaming(key)}
                          aria-label={`Rename ${key.name}`}
                        >
                          Rename
                        </button>
                        <button
                          type="button"
                          class="secondary small"
                          onClick={() => setRotating(key)}
                          aria-label={`Rotate ${key.name}`}
                        >
                          Rotate
                        </button>
                        <button
                          type="button"
                          class="danger small"
                          onClick={() => setDeleting(key)}
                          aria-label={`Delete ${key.name}`}
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setShown({ key, rotated: false });
            keys.reload();
          }}
        />
      )}
      {rotating && (
        <RotateKeyDialog
          apiKey={rotating}
          onClose={() => setRotating(null)}
          onRotated={(key) => {
            setRotating(null);
            setShown({ key, rotated: true });
            keys.reload();
          }}
        />
      )}
      {shown && <ShowKeyOnceDialog created={shown.key} rotated={shown.rotated} onClose={() => setShown(null)} />}
      {renaming && (
        <RenameKeyDialog
          apiKey={renaming}
          onClose={() => setRenaming(null)}
          onRenamed={() => {
            setRenaming(null);
            keys.reload();
          }}
        />
      )}
      {deleting && (
        <DeleteKeyDialog
          apiKey={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            keys.reload();
          }}
        />
      )}
    </section>
  );
}

/** The end of the chosen day, in the user's time zone. */
function endOfDay(date: string): string {
  return new Date(`${date}T23:59:59.999`).toISOString();
}

function CreateKeyDialog(props: { onClose: () => void; onCreated: (key: CreatedApiKey) => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<'secret' | 'publishable'>('secret');
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const [rateLimit, setRateLimit] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const toggle = (scope: string, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((item) => item !== scope)));

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Errors = {};
    required(found, 'name', name, 'Name');
    if (name.length > 100) found.name = 'Name must be at most 100 characters';
    if (type === 'secret' && scopes.length === 0) found.scopes = 'Choose at least one scope';
    if (expiresOn && endOfDay(expiresOn) <= new Date().toISOString())
      found.expiresAt = 'The expiry date must be in the future';
    if (rateLimit && !(/^\d+$/.test(rateLimit) && Number(rateLimit) >= 1 && Number(rateLimit) <= 100_000))
      found.rateLimit = 'A whole number of requests per minute, 1 to 100000';
    setErrors(found);
    setFailure(undefined);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const body = {
        name: name.trim(),
        type,
        ...(type === 'secret' && { scopes }),
        ...(expiresOn && { expiresAt: endOfDay(expiresOn) }),
        ...(rateLimit && { rateLimit: Number(rateLimit) }),
      };
      props.onCreated(await api<CreatedApiKey>('POST', PATH, { body }));
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Create API key" onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate>
        <Field
          label="Name"
          value={name}
          onValue={setName}
          error={errors.name}
          placeholder="e.g. CI deploys"
          autoFocus
        />
        <fieldset class="field">
          <legend>Type</legend>
          <label class="inline">
            <input type="radio" name="type" checked={type === 'secret'} onChange={() => setType('secret')} /> Secret —
            for servers and CI
          </label>
          <label class="inline">
            <input type="radio" name="type" checked={type === 'publishable'} onChange={() => setType('publishable')} />{' '}
            Publishable — conversion events from a browser
          </label>
        </fieldset>
        {type === 'secret' ? (
          <fieldset class={errors.scopes ? 'field invalid' : 'field'}>
            <legend>Scopes</legend>
            <p class="hint">A full scope opens every route of its group; read only opens its GET routes.</p>
            <div class="scope-grid">
              {SCOPES.map(([scope, label]) => (
                <div class="scope-row" key={scope}>
                  <span>{label}</span>
                  <label class="inline">
                    <input
                      type="checkbox"
                      checked={scopes.includes(scope)}
                      onChange={(event) => toggle(scope, event.currentTarget.checked)}
                      aria-label={scope}
                    />{' '}
                    Full
                  </label>
                  <label class="inline">
                    <input
                      type="checkbox"
                      checked={scopes.includes(`${scope}:read`)}
                      onChange={(event) => toggle(`${scope}:read`, event.currentTarget.checked)}
                      aria-label={`${scope}:read`}
                    />{' '}
                    Read only
                  </label>
                </div>
              ))}
            </div>
            {errors.scopes && <p class="field-error">{errors.scopes}</p>}
          </fieldset>
        ) : (
          <p class="hint">
            Publishable keys always have the single scope <code>conversions</code>.
          </p>
        )}
        <div class="row">
          <Field
            label="Expires on (optional)"
            type="date"
            value={expiresOn}
            onValue={setExpiresOn}
            error={errors.expiresAt}
          />
          <Field
            label="Rate limit per minute (optional)"
            inputMode="numeric"
            value={rateLimit}
            onValue={setRateLimit}
            error={errors.rateLimit}
            placeholder="100"
          />
        </div>
        <ErrorNotice error={failure} action="The key was not created" />
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            Create key
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function ShowKeyOnceDialog(props: { created: CreatedApiKey; rotated: boolean; onClose: () => void }) {
  return (
    <SecretOnceDialog
      title={props.rotated ? 'Your rotated API key' : 'Your new API key'}
      warning="Copy this key now."
      notice="It is shown only once: LinkTrace stores only a hash of it and cannot show it again."
      secret={props.created.key}
      label="API key"
      savedLabel="I have saved the key"
      onClose={props.onClose}
    >
      {props.rotated && props.created.revokesAt === null && <p class="hint">The previous key has been revoked.</p>}
      <p class="hint">
        Send it as <code>Authorization: Bearer &lt;key&gt;</code>. Scopes: {props.created.scopes.join(', ')}.
      </p>
    </SecretOnceDialog>
  );
}

function RenameKeyDialog(props: { apiKey: ApiKey; onClose: () => void; onRenamed: () => void }) {
  const [name, setName] = useState(props.apiKey.name);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Errors = {};
    required(found, 'name', name, 'Name');
    if (name.length > 100) found.name = 'Name must be at most 100 characters';
    setErrors(found);
    if (hasErrors(found)) return;
    try {
      await api('PUT', `${PATH}/${props.apiKey.id}`, { body: { name: name.trim() } });
      props.onRenamed();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    }
  };
  return (
    <Dialog title="Rename API key" onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="New name" value={name} onValue={setName} error={errors.name} autoFocus />
        <ErrorNotice error={failure} />
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit">Save name</button>
        </div>
      </form>
    </Dialog>
  );
}

function RotateKeyDialog(props: { apiKey: ApiKey; onClose: () => void; onRotated: (key: CreatedApiKey) => void }) {
  const [grace, setGrace] = useState('3600');
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      props.onRotated(
        await api<CreatedApiKey>('POST', `${PATH}/${props.apiKey.id}/rotate`, {
          body: { gracePeriodSeconds: Number(grace) },
        }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={`Rotate “${props.apiKey.name}”`} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <p>
          A new key with the same scopes and settings replaces it. Update your applications, then let the old key
          expire.
        </p>
        <SelectField label="Old key" value={grace} onValue={setGrace} options={GRACE_PERIODS} />
        <ErrorNotice error={failure} action="The key was not rotated" />
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            Rotate key
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteKeyDialog(props: { apiKey: ApiKey; onClose: () => void; onDeleted: () => void }) {
  const remove = async () => {
    await api('DELETE', `${PATH}/${props.apiKey.id}`);
    props.onDeleted();
  };
  return (
    <ConfirmDialog
      title="Delete API key?"
      confirmLabel="Delete key"
      failureAction="The key was not deleted"
      onConfirm={remove}
      onClose={props.onClose}
    >
      <strong>{props.apiKey.name}</strong> (<code>{props.apiKey.keyPrefix}</code>) stops working immediately, on every
      server. This cannot be undone.
    </ConfirmDialog>
  );
}
