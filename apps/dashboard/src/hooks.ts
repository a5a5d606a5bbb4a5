import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

export interface Loaded<T> {
  data?: T;
  error?: ApiError | Error;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `dependencies`; a late answer of an older load never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, dependencies: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const current = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current === generation.current && setState({ data, loading: false }),
      (error: Error) => current === generation.current && setState({ error, loading: false }),
    );
    // The caller lists what the load depends on (the load function itself is new on every render).
  }, [...dependencies, reloads]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { ...state, reload };
}

/** The value, once it has stopped changing for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}
