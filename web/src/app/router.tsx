import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Outlet } from '@tanstack/react-router';
import { CitizenLayout } from '../citizen/citizen-layout';
import { HomePage } from '../citizen/home-page';
import { WEB_MODULES } from '../modules/registry';
import { NotFound } from './components/not-found';
import { PwaPrompt } from './pwa/pwa-prompt';

// Only the citizen shell and home page are in the entry chunk; every other page, and the
// whole staff and kiosk faces (with Leaflet), load on demand.

const rootRoute = createRootRoute({
  component: () => (
    <>
      <Outlet />
      <PwaPrompt />
    </>
  ),
  notFoundComponent: NotFound,
});

// ---- citizen face: "/" ----
/** `/track?protocol=…&code=…`: follow a request without an account. */
export interface TrackSearch {
  code?: string;
  protocol?: string;
}
const citizen = createRoute({ getParentRoute: () => rootRoute, id: 'citizen', component: CitizenLayout });
const citizenRoutes = [
  createRoute({ getParentRoute: () => citizen, path: '/', component: HomePage }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/map',
    component: lazyRouteComponent(() => import('../citizen/map-page'), 'MapPage'),
  }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/new',
    component: lazyRouteComponent(() => import('../citizen/new-request-page'), 'NewRequestPage'),
  }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/requests',
    component: lazyRouteComponent(() => import('../citizen/requests-page'), 'RequestsPage'),
  }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/track',
    validateSearch: (search: Record<string, unknown>): TrackSearch => ({
      ...(typeof search.code === 'string' ? { code: search.code } : {}),
      ...(typeof search.protocol === 'string' ? { protocol: search.protocol } : {}),
    }),
    component: lazyRouteComponent(() => import('../citizen/track-page'), 'TrackPage'),
  }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/notifications',
    component: lazyRouteComponent(() => import('../citizen/notifications-page'), 'NotificationsPage'),
  }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/account',
    component: lazyRouteComponent(() => import('../citizen/account-page'), 'AccountPage'),
  }),
  createRoute({
    getParentRoute: () => citizen,
    path: '/accessibility',
    component: lazyRouteComponent(() => import('../citizen/accessibility-page'), 'AccessibilityPage'),
  }),
];

// ---- staff face: "/staff" ----
const staff = createRoute({
  getParentRoute: () => rootRoute,
  path: '/staff',
  component: lazyRouteComponent(() => import('../staff/staff-layout'), 'StaffLayout'),
});
const staffRoutes = [
  createRoute({
    getParentRoute: () => staff,
    path: '/',
    component: lazyRouteComponent(() => import('../staff/staff-home'), 'StaffHome'),
  }),
  createRoute({
    getParentRoute: () => staff,
    path: '$module',
    component: lazyRouteComponent(() => import('../staff/module-page'), 'ModulePage'),
  }),
];

// ---- kiosk face: "/kiosk" ----
export interface KioskSearch {
  idle?: number;
}
const kiosk = createRoute({
  getParentRoute: () => rootRoute,
  path: '/kiosk',
  validateSearch: (search: Record<string, unknown>): KioskSearch => {
    const idle = Number(search.idle);
    return Number.isFinite(idle) && idle > 0 ? { idle } : {};
  },
  component: lazyRouteComponent(() => import('../kiosk/kiosk-layout'), 'KioskLayout'),
});
const kioskRoutes = [
  createRoute({
    getParentRoute: () => kiosk,
    path: '/',
    component: lazyRouteComponent(() => import('../kiosk/kiosk-home'), 'KioskHome'),
  }),
  createRoute({
    getParentRoute: () => kiosk,
    path: 'request',
    component: lazyRouteComponent(() => import('../kiosk/kiosk-request'), 'KioskRequest'),
  }),
  createRoute({
    getParentRoute: () => kiosk,
    path: 'info',
    component: lazyRouteComponent(() => import('../kiosk/kiosk-info'), 'KioskInfo'),
  }),
  createRoute({
    getParentRoute: () => kiosk,
    path: 'accessibility',
    component: lazyRouteComponent(() => import('../kiosk/kiosk-accessibility'), 'KioskAccessibility'),
  }),
];

// Each feature module adds its own pages under the three faces (web/src/modules/<name>/module.ts).
const moduleCitizenRoutes = WEB_MODULES.flatMap((m) => m.citizen?.(citizen) ?? []);
const moduleStaffRoutes = WEB_MODULES.flatMap((m) => m.staff?.(staff) ?? []);
const moduleKioskRoutes = WEB_MODULES.flatMap((m) => m.kiosk?.(kiosk) ?? []);

const routeTree = rootRoute.addChildren([
  citizen.addChildren([...citizenRoutes, ...moduleCitizenRoutes]),
  staff.addChildren([...staffRoutes, ...moduleStaffRoutes]),
  kiosk.addChildren([...kioskRoutes, ...moduleKioskRoutes]),
]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
