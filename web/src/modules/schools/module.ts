import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconFolder, IconMap } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

const READERS = ['admin', 'head', 'employee', 'operator', 'mayor_office'];

/** Schools: the registry and figures for staff; the principal's own page (partner users) on the citizen face. */
export const schoolsModule: WebModule = {
  id: 'schools',
  citizen: (parent) => [page(parent, '/school', () => import('./principal-page'), 'PrincipalPage')],
  staff: (parent) => [
    page(parent, 'schools', () => import('./schools-page'), 'SchoolsPage'),
    page(parent, 'schools/overview', () => import('./overview-page'), 'OverviewPage'),
    page(parent, 'schools/$id', () => import('./school-page'), 'SchoolPage'),
  ],
  staffNav: [
    { to: '/staff/schools', label: { el: 'Σχολεία', en: 'Schools' }, Icon: IconFolder, roles: READERS },
    { to: '/staff/schools/overview', label: { el: 'Αιτήματα σχολείων', en: 'School requests' }, Icon: IconMap, roles: READERS },
  ],
};
