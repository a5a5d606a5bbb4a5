import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';

/** A modal dialog (the native <dialog>: focus trap, Escape closes). */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    const cancel = (event: Event) => {
      event.preventDefault();
      props.onClose();
    };
    dialog.addEventListener('cancel', cancel);
    return () => dialog.removeEventListener('cancel', cancel);
  }, [props.onClose]);
  return (
    <dialog ref={ref} class={props.wide ? 'dialog wide' : 'dialog'} aria-labelledby={titleId}>
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

/**
 * "Are you sure?" for a destructive action: Cancel, or the danger button, disabled while the action runs.
 * A failure stays in the dialog with the API's message (after `failureAction`, e.g. "The key was not deleted").
 */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  failureAction: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p>{props.children}</p>
      <ErrorNotice error={failure} action={props.failureAction} />
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={confirm} disabled={busy}>
          {props.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** The input attributes the forms use. */
interface InputProps {
  type?: 'text' | 'email' | 'password' | 'url' | 'date' | 'datetime-local' | 'number';
  placeholder?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  maxLength?: number;
  inputMode?: 'numeric' | 'text';
}

/** A labelled input with its error (client-side or the API's `errors[]`) right below it. */
export function Field(
  props: InputProps & {
    label: string;
    value: string;
    error?: string;
    hint?: ComponentChildren;
    onValue: (value: string) => void;
  },
) {
  const { label, error, hint, onValue, value, ...input } = props;
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      <input
        id={id}
        // Preact types each input type apart; the cast keeps one component for all of them.
        type={(input.type ?? 'text') as 'text'}
        value={value}
        placeholder={input.placeholder}
        autoComplete={input.autoComplete}
        autoFocus={input.autoFocus}
        maxLength={input.maxLength}
        inputMode={input.inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField(props: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  options: [string, string][];
  error?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class={props.error ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        onChange={(event) => props.onValue(event.currentTarget.value)}
      >
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {props.error && <p class="field-error">{props.error}</p>}
    </div>
  );
}

/** The API's message for a failed call; a plan gate says which plan opens the feature. */
export function ErrorNotice(props: { error: unknown; action?: string }) {
  if (!props.error) return null;
  const error = props.error as Error;
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.code === 'plan_upgrade_required')
    return <PlanNotice message={apiError.message} plan={apiError.requiredPlan} />;
  return (
    <div class="notice error" role="alert">
      {props.action && <strong>{props.action}: </strong>}
      {error.message}
      {apiError && apiError.errors.length > 0 && (
        <ul>
          {apiError.errors.map((item) => (
            <li key={item.field}>
              <code>{item.field}</code>: {item.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function PlanNotice(props: { message: string; plan: string | null }) {
  const plan = props.plan ? props.plan[0].toUpperCase() + props.plan.slice(1) : null;
  return (
    <div class="notice plan" role="status">
      <strong>{props.message}.</strong>
      {plan && <> Upgrade to the {plan} plan to open it; your operator sets the plan of a workspace.</>}
    </div>
  );
}

/** Copies text; when the clipboard is not available, the text is selected for a manual copy instead. */
export function CopyButton(props: { text: string; label?: string; target?: () => HTMLInputElement | null }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      props.target?.()?.select();
      setState('failed');
    }
  };
  return (
    <button type="button" class="secondary small" onClick={copy} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press Ctrl+C to copy' : (props.label ?? 'Copy')}
    </button>
  );
}

export function Spinner(props: { label?: string }) {
  return (
    <p class="muted spinner" role="status">
      {props.label ?? 'Loading…'}
    </p>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <p class="empty">{props.children}</p>;
}

/**
 * A secret the server shows only once (an API key, a webhook signing secret): a warning, the value with a copy
 * button, what to do with it, and a button that says it was saved.
 */
export function SecretOnceDialog(props: {
  title: string;
  /** The warning's first words, e.g. "Copy this key now." */
  warning: string;
  /** What follows the warning (why it is shown once, what happened to the previous one). */
  notice?: ComponentChildren;
  secret: string;
  label: string;
  savedLabel: string;
  onClose: () => void;
  children?: ComponentChildren;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <div class="notice warning" role="alert">
        <strong>{props.warning}</strong> {props.notice}
      </div>
      <div class="key-display">
        <input
          ref={input}
          readOnly
          value={props.secret}
          aria-label={props.label}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={props.secret} target={() => input.current} />
      </div>
      {props.children}
      <div class="actions">
        <button type="button" onClick={props.onClose}>
          {props.savedLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** Short values shown as chips (scopes, event types). */
export function Chips(props: { values: string[] }) {
  return (
    <div class="chips">
      {props.values.map((value) => (
        <span class="chip" key={value}>
          {value}
        </span>
      ))}
    </div>
  );
}
