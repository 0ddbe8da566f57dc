/** The sign-in form: Tenant, Email, Password, "Sign in"; the server's refusal is shown as it says. */
import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../bridge/bridge';
import { useConnection } from '../stores/connection-store';
import { useSignIn } from './session-queries';

/** Signs a staff member in to their tenant. */
export function SignIn() {
  const signIn = useSignIn();
  const [tenant, setTenant] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  // Why the last session ended (e.g. "Your session has ended. Sign in again."), or why the
  // console cannot reach its host; shown until the next sign-in attempt.
  const connection = useConnection();
  const notice =
    !signIn.isError &&
    connection.detail &&
    (connection.state === 'signed-out' || connection.state === 'offline')
      ? connection.detail
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ tenant: tenant.trim(), email: email.trim(), password });
  };

  return (
    <main className="sign-in">
      <form
        className="sign-in-card"
        onSubmit={submit}
        aria-describedby={signIn.isError ? errorId : undefined}
      >
        <h1>Supervisor Console</h1>
        <p className="muted">Sign in to monitor your contact centre's enquiries.</p>
        <label>
          Tenant
          <input
            name="tenant"
            autoComplete="organization"
            value={tenant}
            onChange={(event) => setTenant(event.target.value)}
            required
            autoFocus
          />
        </label>
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
        </label>
        {notice && (
          <p className="form-notice" role="status">
            {notice}
          </p>
        )}
        {signIn.isError && (
          <p id={errorId} className="form-error" role="alert">
            {describeError(signIn.error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
