/** Who is signed in: a merchant (its API key) or the platform admin (the operator's ADMIN_TOKEN). */
export type Role = 'merchant' | 'admin';

export interface Session {
  kind: Role;
  token: string;
  name: string;
}

const STORAGE_KEY = 'engage.console.session';

function read(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return stored && typeof stored.token === 'string' && (stored.kind === 'merchant' || stored.kind === 'admin')
      ? stored
      : null;
  } catch {
    return null; // unreadable storage is no session
  }
}

let current = read();
const listeners = new Set<() => void>();

function change(next: Session | null): void {
  current = next;
  if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

/** Kept in sessionStorage: it lasts while the tab does and is gone when the browser closes. */
export const session = {
  current: (): Session | null => current,
  signIn: (next: Session): void => change(next),
  signOut: (): void => change(null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
