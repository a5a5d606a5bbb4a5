import { useEffect, useState } from 'preact/hooks';
import { api, Import, ImportDryRun, Schemas } from '../api';
import { downloadBlob } from '../analytics/export';
import type { Session } from '../app';
import { ErrorNotice, Spinner } from '../components/ui';

type RowResult = Schemas['ImportRowResultDto'];
/** How often a running import's progress is read again. */
const POLL_MS = 1_000;

/** Import links from a CSV export: pick a file, read the dry run's report, then run it and watch it progress. */
export function ImportsPage(_props: { session: Session }) {
  const [file, setFile] = useState<File | null>(null);
  const [onConflict, setOnConflict] = useState<'skip' | 'update'>('skip');
  const [preview, setPreview] = useState<ImportDryRun | null>(null);
  const [job, setJob] = useState<Import | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const send = async <T,>(dryRun: boolean): Promise<T> => {
    const form = new FormData();
    form.append('dryRun', String(dryRun));
    form.append('onConflict', onConflict);
    form.append('file', file!, file!.name);
    return api<T>('POST', '/api/v1/imports', { form });
  };

  const check = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setFailure(undefined);
    setJob(null);
    try {
      setPreview(await send<ImportDryRun>(true));
    } catch (error) {
      setPreview(null);
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      setJob(await send<Import>(false));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  // Through the API (the workspace header and session), not a plain link the browser would send without them.
  const downloadReport = async (done: Import) => {
    try {
      const report = await api<Blob>('GET', `/api/v1/imports/${done.id}/report`, { as: 'blob' });
      downloadBlob(report, 'linktrace-import-report.csv');
    } catch (error) {
      setFailure(error);
    }
  };

  // Follows the import until it has finished.
  useEffect(() => {
    if (!job || job.status === 'completed' || job.status === 'failed') return;
    const timer = setTimeout(async () => {
      try {
        setJob(await api<Import>('GET', `/api/v1/imports/${job.id}`));
      } catch (error) {
        setFailure(error);
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  return (
    <section>
      <div class="page-header">
        <div>
          <h1>Import links</h1>
          <p class="muted">
            A CSV export of Bitly, Rebrandly or Short.io, or LinkTrace's columns (url, slug, domain, title, tags,
            folder, externalId, createdAt). Check the file first: nothing is written until you run the import.
          </p>
        </div>
      </div>
      <form class="toolbar" onSubmit={check} noValidate>
        <label class="field">
          <span>CSV file</span>
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null);
              setPreview(null);
              setJob(null);
            }}
          />
        </label>
        <label class="field">
          <span>Links that already exist</span>
          <select
            value={onConflict}
            onChange={(event) => setOnConflict((event.currentTarget as HTMLSelectElement).value as 'skip' | 'update')}
          >
            <option value="skip">Report them, change nothing</option>
            <option value="update">Update them</option>
          </select>
        </label>
        <button type="submit" class="align-end" disabled={!file || busy}>
          Check file
        </button>
      </form>
      <ErrorNotice error={failure} action="The file was not imported" />
      {busy && <Spinner label="Reading the file" />}
      {preview && !job && (
        <div>
          <h2>Dry run: {preview.format} export</h2>
          <p aria-label="Dry run counts">
            {preview.totalRows} rows: {preview.counts.created} to create, {preview.counts.updated} to update,{' '}
            {preview.counts.conflict} conflicts, {preview.counts.error} errors
          </p>
          <RowTable rows={preview.rows} caption="What each row would do" />
          <button type="button" onClick={run} disabled={busy || preview.counts.created + preview.counts.updated === 0}>
            Run import
          </button>
        </div>
      )}
      {job && (
        <div>
          <h2>Import {job.status}</h2>
          <progress max={job.totalRows} value={job.processedRows} aria-label="Import progress" />
          <p aria-label="Import counts">
            {job.processedRows} of {job.totalRows} rows: {job.counts.created} created, {job.counts.updated} updated,{' '}
            {job.counts.conflict} conflicts, {job.counts.error} errors
          </p>
          {job.problems.length > 0 && <RowTable rows={job.problems} caption="Rows not imported" />}
          {(job.status === 'completed' || job.status === 'failed') && (
            <button type="button" class="secondary" onClick={() => void downloadReport(job)}>
              Download the report (CSV)
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function RowTable(props: { rows: RowResult[]; caption: string }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th>Row</th>
          <th>Result</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.row}>
            <td>{row.row}</td>
            <td>{row.status}</td>
            <td>{row.error?.message ?? row.note ?? row.shortLink ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
