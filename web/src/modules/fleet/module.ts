import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconList, IconMap, IconUser } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const VIEWERS = ['admin', 'head', 'employee', 'operator'];

/** The municipal fleet: live map, a page per vehicle (replay, δελτίο κίνησης), reports, and the driver's phone view. */
export const fleetModule: WebModule = {
  id: 'fleet',
  staff: (parent) => [
    createRoute({ getParentRoute: () => parent, path: 'fleet', component: lazyRouteComponent(() => import('./live-page'), 'LivePage') }),
    createRoute({
      getParentRoute: () => parent,
      path: 'fleet/vehicles/$id',
      component: lazyRouteComponent(() => import('./vehicle-page'), 'VehiclePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: 'fleet/reports',
      component: lazyRouteComponent(() => import('./reports-page'), 'ReportsPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: 'fleet/driver',
      component: lazyRouteComponent(() => import('./driver-page'), 'DriverPage'),
    }),
  ],
  staffNav: [
    { to: '/staff/fleet', label: { el: 'Στόλος οχημάτων', en: 'Fleet' }, Icon: IconMap, roles: VIEWERS },
    { to: '/staff/fleet/reports', label: { el: 'Αναφορές στόλου', en: 'Fleet reports' }, Icon: IconList, roles: VIEWERS },
    { to: '/staff/fleet/driver', label: { el: 'Οδηγός', en: 'Driver' }, Icon: IconUser },
  ],
};
