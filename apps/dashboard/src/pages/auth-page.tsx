import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorNotice, Field } from '../components/ui';
import { RouteLink } from '../router';
import { Errors, hasErrors, maxLength, required } from '../validation';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function AuthPage(props: { mode: 'login' | 'signup'; onSignedIn: () => void }) {
  const signup = props.mode === 'signup';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const validate = (): Errors => {
    const found: Errors = {};
    required(found, 'email', email, 'Email');
    if (!found.email && !EMAIL_PATTERN.test(email.trim()))
      found.email = 'Enter an email address such as you@example.com';
    required(found, 'password', password, 'Password');
    if (signup && password && password.length < 10) found.password = 'Password must be at least 10 characters';
    maxLength(found, 'password', password, 200, 'Password');
    maxLength(found, 'name', name, 100, 'Name');
    maxLength(found, 'workspaceName', workspaceName, 100, 'Workspace name');
    return found;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFailure(undefined);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const body = signup
        ? {
            email: email.trim(),
            password,
            ...(name.trim() && { name: name.trim() }),
            ...(workspaceName.trim() && { workspaceName: workspaceName.trim() }),
          }
        : { email: email.trim(), password };
      await api('POST', signup ? '/api/auth/signup' : '/api/auth/login', { body, withoutWorkspace: true });
      props.onSignedIn();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setErrors(error.fieldErrors());
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="auth">
      <h1 class="brand">LinkTrace</h1>
      <form class="card" onSubmit={submit} noValidate>
        <h2>{signup ? 'Create your account' : 'Log in'}</h2>
        <Field label="Email" type="email" autoComplete="email" value={email} onValue={setEmail} error={errors.email} />
        <Field
          label="Password"
          type="password"
          autoComplete={signup ? 'new-password' : 'current-password'}
          value={password}
          onValue={setPassword}
          error={errors.password}
          hint={signup ? 'At least 10 characters.' : undefined}
        />
        {signup && (
          <>
            <Field
              label="Your name (optional)"
              autoComplete="name"
              value={name}
              onValue={setName}
              error={errors.name}
            />
            <Field
              label="Workspace name (optional)"
              value={workspaceName}
              onValue={setWorkspaceName}
              error={errors.workspaceName}
            />
          </>
        )}
        <ErrorNotice error={failure} />
        <button type="submit" class="block" disabled={busy}>
          {busy ? 'Please wait…' : signup ? 'Sign up' : 'Log in'}
        </button>
        <p class="switch">
          {signup ? (
            <>
              Already have an account? <RouteLink to="/login">Log in</RouteLink>
            </>
          ) : (
            <>
              New to LinkTrace? <RouteLink to="/signup">Create an account</RouteLink>
            </>
          )}
        </p>
      </form>
    </main>
  );
}
