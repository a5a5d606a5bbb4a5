import { useEffect, useState } from 'preact/hooks';
import { api, Domain, Link, Page } from '../api';
import type { Session } from '../app';
import { RouteLink } from '../router';
import { ConfirmDialog, CopyButton, Empty, ErrorNotice, Spinner } from '../components/ui';
import { formatDate, formatDateTime, formatNumber } from '../format';
import { useDebounced, useLoad } from '../hooks';
import { LinkFormDialog } from './link-form';
import { QrDialog } from './qr-dialog';

type ArchivedFilter = 'active' | 'archived' | 'all';
const ARCHIVED_QUERY: Record<ArchivedFilter, boolean | undefined> = { active: false, archived: true, all: undefined };

export interface LinkOptions {
  domains: Domain[];
  folders: { id: string; name: string }[];
  tags: { id: string; name: string; color: string }[];
}

/** Domains, folders and tags for the filters and the form; each may fail on its own without hiding the links. */
async function loadOptions(): Promise<LinkOptions> {
  const list = <T,>(path: string) =>
    api<Page<T>>('GET', path, { query: { limit: 100 } }).then(
      (page) => page.data,
      () => [] as T[],
    );
  const [domains, folders, tags] = await Promise.all([
    list<Domain>('/api/v1/domains'),
    list<{ id: string; name: string }>('/api/v1/link_folders'),
    list<{ id: string; name: string; color: string }>('/api/v1/link_tags'),
  ]);
  return { domains, folders, tags };
}

export function LinksPage(props: { session: Session }) {
  const [search, setSearch] = useState('');
  const [domain, setDomain] = useState('');
  const [archived, setArchived] = useState<ArchivedFilter>('active');
  const debouncedSearch = useDebounced(search.trim(), 300);
  const [links, setLinks] = useState<Link[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const [editing, setEditing] = useState<Link | 'new' | null>(null);
  const [qrFor, setQrFor] = useState<Link | null>(null);
  const [deleting, setDeleting] = useState<Link | null>(null);
  const options = useLoad(loadOptions, []);

  const query = { search: debouncedSearch, domain, archived: ARCHIVED_QUERY[archived], limit: 50 };
  const firstPage = useLoad(
    () => api<Page<Link>>('GET', '/api/v1/links', { query }),
    [debouncedSearch, domain, archived],
  );
  useEffect(() => {
    if (!firstPage.data) return;
    setLinks(firstPage.data.data);
    setNextCursor(firstPage.data.nextCursor);
  }, [firstPage.data]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await api<Page<Link>>('GET', '/api/v1/links', { query: { ...query, cursor: nextCursor } });
      setLinks((current) => [...current, ...page.data]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const domainChoices = [
    ...new Set([...(options.data?.domains.map((item) => item.domain) ?? []), ...links.map((link) => link.domain)]),
  ].sort();
  const filtered = debouncedSearch !== '' || domain !== '' || archived !== 'active';

  return (
    <section>
      <div class="page-header">
        <h1>Links</h1>
        <div class="actions">
          {/* From the links, not the main navigation: it stays four entries on phones. */}
          <RouteLink to="/imports">Import links</RouteLink>
          <button type="button" onClick={() => setEditing('new')}>
            Create link
          </button>
        </div>
      </div>
      <div class="toolbar" role="search">
        <input
          type="search"
          aria-label="Search links"
          placeholder="Search slug, destination or title"
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
        <select aria-label="Domain" value={domain} onChange={(event) => setDomain(event.currentTarget.value)}>
          <option value="">All domains</option>
          {domainChoices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
        <select
          aria-label="Archived"
          value={archived}
          onChange={(event) => setArchived(event.currentTarget.value as ArchivedFilter)}
        >
          <option value="active">Active links</option>
          <option value="archived">Archived links</option>
          <option value="all">All links</option>
        </select>
      </div>
      <ErrorNotice error={firstPage.error} action="The links could not be loaded" />
      {firstPage.loading && <Spinner label={links.length ? 'Updating…' : 'Loading links…'} />}
      {!firstPage.loading && !firstPage.error && links.length === 0 && (
        <Empty>{filtered ? 'No link matches these filters.' : 'No links yet. Create your first short link.'}</Empty>
      )}
      {links.length > 0 && (
        <div class="table-wrap">
          <table class="stack-table">
            <thead>
              <tr>
                <th>Short link</th>
                <th>Destination</th>
                <th class="number">Clicks</th>
                <th>Created</th>
                <th>
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {links.map((link) => (
                <tr key={link.id} data-link-id={link.id}>
                  <td>
                    <a href={link.shortLink} target="_blank" rel="noopener noreferrer" class="short-link">
                      {link.shortLink.replace(/^https?:\/\//, '')}
                    </a>
                    <CopyButton text={link.shortLink} label="Copy" />
                    <div class="muted small">
                      {link.title}
                      {link.archived && <span class="badge">archived</span>}
                      {link.hasPassword && <span class="badge">password</span>}
                      {link.expiresAt && (
                        <span class="badge" title={formatDateTime(link.expiresAt)}>
                          expires {formatDate(link.expiresAt)}
                        </span>
                      )}
                      {link.folder && <span class="badge">{link.folder.name}</span>}
                      {link.tags.map((tag) => (
                        <span key={tag.id} class={`badge tag-${tag.color}`}>
                          {tag.name}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td class="destination" data-label="Destination" title={link.url}>
                    {link.url}
                  </td>
                  <td class="number" data-label="Clicks">
                    <span class="clicks">{formatNumber(link.clicks)}</span>
                  </td>
                  <td data-label="Created" title={formatDateTime(link.createdAt)}>
                    {formatDate(link.createdAt)}
                  </td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() => setEditing(link)}
                      aria-label={`Edit ${link.slug}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="secondary small"
                      onClick={() => setQrFor(link)}
                      aria-label={`QR code for ${link.slug}`}
                    >
                      QR
                    </button>
                    <button
                      type="button"
                      class="danger small"
                      onClick={() => setDeleting(link)}
                      aria-label={`Delete ${link.slug}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNotice error={moreError} action="More links could not be loaded" />
      {nextCursor && (
        <button type="button" class="secondary" onClick={loadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
      {editing && (
        <LinkFormDialog
          link={editing === 'new' ? null : editing}
          plan={props.session.workspace.plan}
          options={options.data ?? { domains: [], folders: [], tags: [] }}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            firstPage.reload();
          }}
        />
      )}
      {qrFor && <QrDialog link={qrFor} onClose={() => setQrFor(null)} />}
      {deleting && (
        <DeleteLinkDialog
          link={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            firstPage.reload();
          }}
        />
      )}
    </section>
  );
}

function DeleteLinkDialog(props: { link: Link; onClose: () => void; onDeleted: () => void }) {
  const remove = async () => {
    await api('DELETE', `/api/v1/links/${props.link.id}`);
    props.onDeleted();
  };
  return (
    <ConfirmDialog
      title="Delete link?"
      confirmLabel="Delete link"
      failureAction="The link was not deleted"
      onConfirm={remove}
      onClose={props.onClose}
    >
      <strong>{props.link.shortLink}</strong> stops redirecting immediately. To keep it working but out of your list,
      archive it instead.
    </ConfirmDialog>
  );
}
