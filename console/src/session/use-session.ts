import { useSyncExternalStore } from 'react';
import { session, type Session } from './session-store';

/** The signed-in session, re-rendering on sign-in and sign-out (a 401 from any call included). */
export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.current);
}
