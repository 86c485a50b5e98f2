import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import type { Role } from './session/session-store';

/**
 * One section of the console: a folder src/areas/<key>/ whose index.tsx exports `area`. The shell mounts its
 * routes under /console/<key>/ (so they are relative: `{index: true}`, `{path: ':id'}`), lists it in the menu for
 * its roles, and shows it to no one else.
 */
export interface Area {
  /** The URL segment and menu key: /console/<key>. */
  key: string;
  /** i18n key of the menu label, with its namespace: 'dashboard:nav'. */
  navLabelKey: string;
  icon: ReactNode;
  /** Menu position, ascending. */
  order: number;
  roles: Role[];
  routes: RouteObject[];
}
