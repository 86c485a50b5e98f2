import { createBrowserRouter, type RouteObject } from 'react-router';
import { AREAS } from '../area-registry';
import { RequireSession } from '../session/RequireSession';
import { SignInPage } from '../session/SignInPage';
import { AppShell } from '../shell/AppShell';
import { HomeRedirect } from '../shell/HomeRedirect';
import { NotFoundPage } from '../shell/NotFoundPage';

// Each area under /<key>, guarded by its roles (a merchant never renders an admin page, nor the reverse).
const areaRoutes: RouteObject[] = AREAS.map((area) => ({
  path: area.key,
  element: <RequireSession roles={area.roles} />,
  children: area.routes,
}));

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <AppShell />,
          children: [
            { index: true, element: <HomeRedirect /> },
            ...areaRoutes,
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ],
  { basename: '/console' },
);
