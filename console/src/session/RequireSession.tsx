import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from './session-store';
import { useSession } from './use-session';

/** Renders its routes for a signed-in caller of one of `roles`; anyone else goes to sign-in (or home). */
export function RequireSession({ roles }: { roles?: Role[] }) {
  const current = useSession();
  const location = useLocation();
  if (!current) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (roles && !roles.includes(current.kind)) return <Navigate to="/" replace />;
  return <Outlet />;
}
