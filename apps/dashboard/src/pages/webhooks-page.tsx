import { useState } from 'preact/hooks';
import { api, ApiError, Page } from '../api';
import type { Session } from '../app';
import { Chips, ConfirmDialog, Dialog, Empty, ErrorNotice, Field, SecretOnceDialog, Spinner } from '../components/ui';
import { formatDateTime, formatRelative } from '../format';
import { useLoad } from '../hooks';
import { Errors, hasErrors, required } from '../validation';

interface Webhook {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: string;
}
type CreatedWebhook = Webhook & { secret: string };
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

const EVENT_TYPES = [
  'link.created',
  'link.updated',
  'link.deleted',
  'link.clicked',
  'lead.created',
  'sale.created',
  'domain.verified',
  'domain.failing',
];
const PATH = '/api/v1/webhooks';

export function WebhooksPage(_props: { session: Session }) {
  const hooks = useLoad(() => api<Page<Webhook>>('GET', PATH, { query: { limit: 100 } }), []);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ webhook: CreatedWebhook; rotated: boolean } | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setFailure(undefined);
    setDone(null);
    try {
      await work();
      hooks.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section>
      <div class="page-header">
        <div>
          <p class="breadcrumb">Settings</p>
          <h1>Webhooks</h1>
          <p class="muted">Signed events POSTed to your endpoints, retried for about a day.</p>
        </div>
        <div class="actions">
          <button type="button" class="secondary" onClick={hooks.reload}>
            Refresh
          </button>
          <button type="button" onClick={() => setCreating(true)}>
            Add webhook
          </button>
        </div>
      </div>
      <ErrorNotice error={hooks.error} action="The webhooks could not be loaded" />
      <ErrorNotice error={failure} />
      {done && (
        <p class="notice success" role="status">
          {done}
        </p>
      )}
      {hooks.loading && <Spinner label={hooks.data ? 'Refreshing…' : 'Loading webhooks…'} />}
      {hooks.data && hooks.data.data.length === 0 && <Empty>No webhooks yet.</Empty>}
      {hooks.data && hooks.data.data.length > 0 && (
        <div class="table-wrap">
          <table class="stack-table">
            <thead>
              <tr>
                <th>Endpoint</th>
                <th>Events</th>
                <th>Status</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {hooks.data.data.map((hook) => (
                <tr key={hook.id} data-webhook-id={hook.id}>
                  <td>
                    <code>{hook.url}</code>
                    {hook.description && <div class="muted small">{hook.description}</div>}
                  </td>
                  <td data-label="Events">
                    <Chips values={hook.eventTypes} />
                  </td>
                  <td data-label="Status">
                    {hook.enabled ? (
                      <span class="badge">Enabled</span>
                    ) : (
                      <span class="badge danger" title={hook.disabledReason ?? undefined}>
                        Disabled{hook.disabledReason ? `: ${hook.disabledReason}` : ''}
                      </span>
                    )}
                  </td>
                  <td class="row-actions">
                    <button type="button" class="secondary small" onClick={() => setViewing(hook)}>
                      Deliveries
                    </button>
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() =>
                        act(async () => {
                          await api('POST', `${PATH}/${hook.id}/test`);
                          setDone(`Test event queued for ${hook.url}: its delivery is listed under Deliveries.`);
                        })
                      }
                    >
                      Send test
                    </button>
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() =>
                        act(async () =>
                          setSecret({
                            webhook: await api<CreatedWebhook>('POST', `${PATH}/${hook.id}/rotate-secret`, {
                              body: {},
                            }),
                            rotated: true,
                          }),
                        )
                      }
                    >
                      Rotate secret
                    </button>
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() =>
                        act(() => api('PATCH', `${PATH}/${hook.id}`, { body: { enabled: !hook.enabled } }))
                      }
                    >
                      {hook.enabled ? 'Disable' : 'Enable'}
                    </button>
                    <button type="button" class="danger small" onClick={() => setDeleting(hook)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <CreateWebhookDialog
          onClose={() => setCreating(false)}
          onCreated={(webhook) => {
            setCreating(false);
            setSecret({ webhook, rotated: false });
            hooks.reload();
          }}
        />
      )}
      {secret && <ShowSecretOnceDialog {...secret} onClose={() => setSecret(null)} />}
      {viewing && <DeliveriesDialog webhook={viewing} onClose={() => setViewing(null)} />}
      {deleting && (
        <ConfirmDialog
          title="Delete webhook?"
          confirmLabel="Delete webhook"
          failureAction="The webhook was not deleted"
          onConfirm={async () => {
            await api('DELETE', `${PATH}/${deleting.id}`);
            setDeleting(null);
            hooks.reload();
          }}
          onClose={() => setDeleting(null)}
        >
          <code>{deleting.url}</code> gets no more events; its pending deliveries are dropped.
        </ConfirmDialog>
      )}
    </section>
  );
}

function CreateWebhookDialog(props: { onClose: () => void; onCreated: (webhook: CreatedWebhook) => void }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Errors = {};
    required(found, 'url', url, 'URL');
    if (events.length === 0) found.eventTypes = 'Choose at least one event';
    setErrors(found);
    setFailure(undefined);
    if (hasErrors(found)) return;
    try {
      props.onCreated(await api<CreatedWebhook>('POST', PATH, { body: { url: url.trim(), eventTypes: events } }));
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    }
  };
  return (
    <Dialog title="Add webhook" onClose={props.onClose} wide>
      <form onSubmit={submit} noValidate>
        <Field label="URL" value={url} onValue={setUrl} error={errors.url} placeholder="https://…" autoFocus />
        <fieldset class={errors.eventTypes ? 'field invalid' : 'field'}>
          <legend>Events</legend>
          {EVENT_TYPES.map((type) => (
            <label class="inline" key={type}>
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(change) =>
                  setEvents((current) =>
                    change.currentTarget.checked ? [...current, type] : current.filter((item) => item !== type),
                  )
                }
              />{' '}
              {type}
            </label>
          ))}
          {errors.eventTypes && <p class="field-error">{errors.eventTypes}</p>}
        </fieldset>
        <ErrorNotice error={failure} action="The webhook was not created" />
        <div class="actions">
          <button type="button" class="secondary" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit">Add webhook</button>
        </div>
      </form>
    </Dialog>
  );
}

function ShowSecretOnceDialog(props: { webhook: CreatedWebhook; rotated: boolean; onClose: () => void }) {
  return (
    <SecretOnceDialog
      title={props.rotated ? 'Your new signing secret' : 'Your webhook signing secret'}
      warning="Copy this secret now."
      notice={`It is shown only once.${props.rotated ? ' The previous secret keeps signing beside it for a day.' : ''}`}
      secret={props.webhook.secret}
      label="Signing secret"
      savedLabel="I have saved the secret"
      onClose={props.onClose}
    />
  );
}

function DeliveriesDialog(props: { webhook: Webhook; onClose: () => void }) {
  const path = `${PATH}/${props.webhook.id}/deliveries`;
  const deliveries = useLoad(() => api<Page<Delivery>>('GET', path, { query: { limit: 50 } }), [path]);
  const [failure, setFailure] = useState<unknown>();
  const replay = async (delivery: Delivery) => {
    try {
      await api('POST', `${path}/${delivery.id}/replay`);
      deliveries.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <Dialog title="Deliveries" onClose={props.onClose} wide>
      <ErrorNotice error={deliveries.error ?? failure} />
      {deliveries.data && deliveries.data.data.length === 0 && <Empty>No deliveries yet.</Empty>}
      {deliveries.data && deliveries.data.data.length > 0 && (
        <table class="stack-table">
          <thead>
            <tr>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last answer</th>
              <th>
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.data.map((delivery) => (
              <tr key={delivery.id} data-delivery-id={delivery.id}>
                <td>{delivery.eventType}</td>
                <td data-label="Status" class="delivery-status">
                  {delivery.status}
                  {delivery.nextAttemptAt && ` (next ${formatRelative(delivery.nextAttemptAt)})`}
                </td>
                <td data-label="Attempts">{delivery.attempts}</td>
                <td data-label="Last answer" title={formatDateTime(delivery.lastAttemptAt, 'Not attempted')}>
                  {delivery.lastStatusCode ?? delivery.lastError ?? '—'}
                </td>
                <td class="row-actions">
                  <button type="button" class="secondary small" onClick={() => replay(delivery)}>
                    Replay
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={deliveries.reload}>
          Refresh
        </button>
        <button type="button" onClick={props.onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
