import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, currentWorkspaceId, Health, Me, selectWorkspace, whenUnauthorized, Workspace } from './api';
import { Dialog, ErrorNotice, Field, Spinner } from './components/ui';
import { AnalyticsPage } from './pages/analytics-page';
import { ApiKeysPage } from './pages/api-keys-page';
import { WebhooksPage } from './pages/webhooks-page';
import { AuthPage } from './pages/auth-page';
import { DomainsPage } from './pages/domains-page';
import { ImportsPage } from './pages/imports-page';
import { LinksPage } from './pages/links-page';
import { navigate, RouteLink, useRoute } from './router';
import { required } from './validation';

export interface Session {
  user: Me;
  workspaces: Workspace[];
  workspace: Workspace;
}

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'no-workspace'; user: Me }
  | { status: 'failed'; error: unknown }
  | ({ status: 'signed-in' } & Session);

/** Who is signed in and in which workspace; the remembered workspace when it is still one of theirs. */
async function loadSession(): Promise<SessionState> {
  // The health route names a valid session and ignores a missing or stale one: no 401 before anyone signed in.
  const health = await api<Health>('GET', '/api/health', { withoutWorkspace: true });
  if (!health.user) return { status: 'signed-out' };
  const user = await api<Me>('GET', '/api/auth/me', { withoutWorkspace: true });
  const { data: workspaces } = await api<{ data: Workspace[] }>('GET', '/api/workspaces', { withoutWorkspace: true });
  const workspace = workspaces.find((item) => item.id === currentWorkspaceId()) ?? workspaces[0];
  if (!workspace) return { status: 'no-workspace', user };
  selectWorkspace(workspace.id);
  return { status: 'signed-in', user, workspaces, workspace };
}

const NAVIGATION: [string, string][] = [
  ['/links', 'Links'],
  ['/analytics', 'Analytics'],
  ['/domains', 'Domains'],
  ['/settings/api-keys', 'API keys'],
];

export function App() {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const route = useRoute();

  const refresh = () => loadSession().then(setState, (error: unknown) => setState({ status: 'failed', error }));

  useEffect(() => {
    whenUnauthorized(() => setState({ status: 'signed-out' }));
    void refresh();
  }, []);

  useEffect(() => {
    if (state.status === 'signed-in' && (route === '/' || route === '/login' || route === '/signup'))
      navigate('/links', { replace: true });
  }, [state.status, route]);

  if (state.status === 'loading') return <Spinner />;
  if (state.status === 'failed') {
    return (
      <main class="auth">
        <ErrorNotice error={state.error} action="The dashboard could not load" />
        <button type="button" onClick={() => void refresh()}>
          Try again
        </button>
      </main>
    );
  }
  if (state.status === 'signed-out')
    return <AuthPage mode={route === '/signup' ? 'signup' : 'login'} onSignedIn={() => void refresh()} />;
  if (state.status === 'no-workspace')
    return <NewWorkspaceDialog onCreated={() => void refresh()} onClose={() => undefined} required />;

  const switchWorkspace = (id: string) => {
    selectWorkspace(id);
    void refresh();
  };
  return (
    <Shell
      session={state}
      route={route}
      onSwitch={switchWorkspace}
      onSignedOut={() => setState({ status: 'signed-out' })}
      onChanged={() => void refresh()}
    />
  );
}

function Shell(props: {
  session: Session;
  route: string;
  onSwitch: (id: string) => void;
  onSignedOut: () => void;
  onChanged: () => void;
}) {
  const { session, route } = props;
  const [creating, setCreating] = useState(false);
  const [logoutError, setLogoutError] = useState<unknown>();

  const logout = async () => {
    try {
      await api('POST', '/api/auth/logout', { withoutWorkspace: true });
      selectWorkspace(null);
      props.onSignedOut();
      navigate('/login', { replace: true });
    } catch (error) {
      setLogoutError(error);
    }
  };

  let page;
  if (route.startsWith('/links') || route === '/') page = <LinksPage session={session} />;
  else if (route.startsWith('/analytics'))
    page = <AnalyticsPage session={session} onWorkspaceChanged={props.onChanged} />;
  else if (route.startsWith('/domains')) page = <DomainsPage session={session} />;
  else if (route.startsWith('/imports')) page = <ImportsPage session={session} />;
  else if (route.startsWith('/settings/webhooks')) page = <WebhooksPage session={session} />;
  else if (route.startsWith('/settings')) page = <ApiKeysPage session={session} />;
  else page = <NotFound />;

  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">LinkTrace</span>
        <nav aria-label="Main">
          {NAVIGATION.map(([to, label]) => (
            <RouteLink key={to} to={to} class="nav-link" current={route.startsWith(to)}>
              {label}
            </RouteLink>
          ))}
        </nav>
        <div class="account">
          <label class="workspace-switcher">
            <span class="visually-hidden">Workspace</span>
            <select
              aria-label="Workspace"
              value={session.workspace.id}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (value === '__new') {
                  event.currentTarget.value = session.workspace.id;
                  setCreating(true);
                } else props.onSwitch(value);
              }}
            >
              {session.workspaces.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name} ({workspace.plan})
                </option>
              ))}
              <option value="__new">+ New workspace…</option>
            </select>
          </label>
          <span class="muted user">{session.user.email}</span>
          <button type="button" class="secondary small" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      {logoutError !== undefined && <ErrorNotice error={logoutError} action="Logging out failed" />}
      {/* A new workspace remounts the page, so nothing of the previous one stays on screen. */}
      <main class="content" key={session.workspace.id}>
        {page}
      </main>
      {creating && (
        <NewWorkspaceDialog
          onClose={() => setCreating(false)}
          onCreated={(workspace) => {
            setCreating(false);
            props.onSwitch(workspace.id);
          }}
        />
      )}
    </div>
  );
}

function NewWorkspaceDialog(props: {
  onCreated: (workspace: Workspace) => void;
  onClose: () => void;
  required?: boolean;
}) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    required(found, 'name', name, 'Name');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      props.onCreated(
        await api<Workspace>('POST', '/api/workspaces', { body: { name: name.trim() }, withoutWorkspace: true }),
      );
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.required ? 'Create your first workspace' : 'New workspace'} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        <Field label="Workspace name" value={name} onValue={setName} error={errors.name} maxLength={100} autoFocus />
        <ErrorNotice error={failure && !(failure instanceof ApiError && failure.errors.length) ? failure : undefined} />
        <div class="actions">
          <button type="submit" disabled={busy}>
            Create workspace
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        This page does not exist. <RouteLink to="/links">Go to your links</RouteLink>.
      </p>
    </section>
  );
}
