import { Navigate } from 'react-router';
import { areasFor } from '../area-registry';
import { useSession } from '../session/use-session';

/** /console/ opens the first area the caller may see. */
export function HomeRedirect() {
  const current = useSession()!;
  const first = areasFor(current.kind)[0];
  return first ? <Navigate to={`/${first.key}`} replace /> : null;
}
