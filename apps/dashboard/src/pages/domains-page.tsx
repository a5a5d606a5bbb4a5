import { useState } from 'preact/hooks';
import { api, ApiError, Domain, Page, Schemas } from '../api';
import type { Session } from '../app';
import { CopyButton, Dialog, Empty, ErrorNotice, Field, Spinner } from '../components/ui';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { planGateMessage, planIncludes } from '../plans';
import { Errors, HOSTNAME_PATTERN } from '../validation';
import { DomainAppsDialog } from './domain-apps';

type Verification = Schemas['DomainVerificationDto'];

export function DomainsPage(props: { session: Session }) {
  const deepLinks = planIncludes(props.session.workspace.plan, 'deepLinks');
  const domains = useLoad(() => api<Page<Domain>>('GET', '/api/v1/domains', { query: { limit: 100 } }), []);
  const [host, setHost] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [added, setAdded] = useState<Domain | null>(null);
  const [results, setResults] = useState<Record<string, Verification | ApiError | Error>>({});
  const [verifying, setVerifying] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Domain | null>(null);
  const [editingApps, setEditingApps] = useState<Domain | null>(null);

  const add = async (event: Event) => {
    event.preventDefault();
    const value = host.trim().toLowerCase().replace(/\.$/, '');
    const found: Errors = {};
    if (!value) found.domain = 'Domain is required';
    else if (/^[a-z]+:\/\//.test(value) || value.includes('/'))
      found.domain = 'Enter only the host name, such as go.example.com (no https:// or path)';
    else if (!HOSTNAME_PATTERN.test(value)) found.domain = 'Enter a host name such as go.example.com';
    setErrors(found);
    setFailure(undefined);
    if (found.domain) return;
    try {
      setAdded(await api<Domain>('POST', '/api/v1/domains', { body: { domain: value } }));
      setHost('');
      domains.reload();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    }
  };

  const verify = async (domain: Domain) => {
    setVerifying(domain.id);
    try {
      const result = await api<Verification>('POST', `/api/v1/domains/${domain.id}/verify`);
      setResults((current) => ({ ...current, [domain.id]: result }));
      domains.reload();
    } catch (error) {
      setResults((current) => ({ ...current, [domain.id]: error as Error }));
    } finally {
      setVerifying(null);
    }
  };

  return (
    <section>
      <div class="page-header">
        <div>
          <h1>Domains</h1>
          <p class="muted">
            Serve short links from your own domain, such as go.example.com. Add it, create the DNS records, then verify.
          </p>
        </div>
      </div>
      <form class="toolbar" onSubmit={add} noValidate>
        <Field
          label="Domain"
          value={host}
          onValue={setHost}
          error={errors.domain}
          placeholder="go.example.com"
          autoComplete="off"
        />
        <button type="submit" class="align-end">
          Add domain
        </button>
      </form>
      <ErrorNotice
        error={failure && !(failure instanceof ApiError && failure.errors.length) ? failure : undefined}
        action="The domain was not added"
      />
      {added && (
        <div class="card">
          <h2>Create these DNS records for {added.domain}</h2>
          <p class="muted">At your DNS provider; then press Verify. DNS changes can take a few minutes to appear.</p>
          <DnsRecords records={added.dnsRecords} />
        </div>
      )}
      <ErrorNotice error={domains.error} action="The domains could not be loaded" />
      {domains.loading && !domains.data && <Spinner />}
      {domains.data && domains.data.data.length === 0 && (
        <Empty>No custom domains yet. Links use the default short domain.</Empty>
      )}
      {domains.data?.data.map((domain) => {
        const result = results[domain.id];
        return (
          <article class="card domain" key={domain.id} data-domain={domain.domain}>
            <header class="domain-header">
              <h2>{domain.domain}</h2>
              <span class={`badge status-${domain.status}`}>{domain.status}</span>
              <span class="muted small">
                {domain.verifiedAt
                  ? `Verified ${formatDateTime(domain.verifiedAt)}`
                  : `Last checked ${formatDateTime(domain.lastCheckedAt, 'never')}`}
              </span>
              <div class="actions">
                <button
                  type="button"
                  class="secondary small"
                  onClick={() => verify(domain)}
                  disabled={verifying === domain.id}
                  aria-label={`Verify ${domain.domain}`}
                >
                  {verifying === domain.id ? 'Checking…' : 'Verify'}
                </button>
                <button
                  type="button"
                  class="secondary small"
                  onClick={() => setEditingApps(domain)}
                  disabled={!deepLinks}
                  title={deepLinks ? undefined : planGateMessage('deepLinks')}
                  aria-label={`Apps for ${domain.domain}`}
                >
                  Apps
                </button>
                <button
                  type="button"
                  class="danger small"
                  onClick={() => setDeleting(domain)}
                  aria-label={`Delete ${domain.domain}`}
                >
                  Delete
                </button>
              </div>
            </header>
            {domain.lastCheckError && !result && <p class="notice error">{domain.lastCheckError}</p>}
            {result && <VerificationResult result={result} />}
            {domain.apps && (
              <p class="muted small" data-apps>
                Opens{' '}
                {[
                  domain.apps.ios && `iOS ${domain.apps.ios.appId}`,
                  domain.apps.android && `Android ${domain.apps.android.packageName}`,
                ]
                  .filter(Boolean)
                  .join(' and ')}{' '}
                (deep links)
              </p>
            )}
            {!domain.verified && (
              <details open={domain.id === added?.id}>
                <summary>DNS records</summary>
                <DnsRecords records={domain.dnsRecords} />
              </details>
            )}
          </article>
        );
      })}
      {!deepLinks && <p class="notice plan">App deep links (the Apps of a domain) open with the Creator plan.</p>}
      {editingApps && (
        <DomainAppsDialog
          domain={editingApps}
          onClose={() => setEditingApps(null)}
          onSaved={() => {
            setEditingApps(null);
            domains.reload();
          }}
        />
      )}
      {deleting && (
        <DeleteDomainDialog
          domain={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            domains.reload();
          }}
        />
      )}
    </section>
  );
}

function DnsRecords(props: { records: Schemas['DnsRecordDto'][] }) {
  return (
    <div class="table-wrap">
      <table class="dns">
        <thead>
          <tr>
            <th>Type</th>
            <th>Name</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          {props.records.map((record) => (
            <tr key={`${record.type} ${record.name}`}>
              <td>
                <code>{record.type}</code>
              </td>
              <td>
                <code>{record.name}</code> <CopyButton text={record.name} />
              </td>
              <td>
                <code>{record.value}</code> <CopyButton text={record.value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VerificationResult(props: { result: Verification | Error }) {
  if (props.result instanceof Error) return <ErrorNotice error={props.result} action="Verification failed" />;
  const { verified, problems } = props.result;
  if (verified) {
    return (
      <p class="notice success" role="status">
        Verified: short links on this domain work now.
      </p>
    );
  }
  return (
    <div class="notice error" role="status">
      <strong>Not verified yet.</strong>
      <ul class="problems">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

function DeleteDomainDialog(props: { domain: Domain; onClose: () => void; onDeleted: () => void }) {
  const [failure, setFailure] = useState<unknown>();
  const inUse = failure instanceof ApiError && failure.status === 409;
  const remove = async (force: boolean) => {
    try {
      await api('DELETE', `/api/v1/domains/${props.domain.id}`, { query: force ? { force: true } : {} });
      props.onDeleted();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <Dialog title="Delete domain?" onClose={props.onClose}>
      <p>
        Short links on <strong>{props.domain.domain}</strong> stop working.
      </p>
      <ErrorNotice error={failure} />
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Cancel
        </button>
        {inUse ? (
          <button type="button" class="danger" onClick={() => remove(true)}>
            Delete and archive its links
          </button>
        ) : (
          <button type="button" class="danger" onClick={() => remove(false)}>
            Delete domain
          </button>
        )}
      </div>
    </Dialog>
  );
}
