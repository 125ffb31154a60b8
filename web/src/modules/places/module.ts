import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconMap } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

/** Places of interest: the citizen map and list, a page per place, and the staff editor with import/export. */
export const placesModule: WebModule = {
  id: 'places',
  citizen: (parent) => [
    page(parent, '/places', () => import('./places-page'), 'PlacesPage'),
    page(parent, '/places/$id', () => import('./place-page'), 'PlacePage'),
  ],
  staff: (parent) => [page(parent, 'places', () => import('./staff-places-page'), 'StaffPlacesPage')],
  staffNav: [
    { to: '/staff/places', label: { el: 'Σημεία ενδιαφέροντος', en: 'Places of interest' }, Icon: IconMap, roles: ['admin', 'head'] },
  ],
  citizenLinks: [{ to: '/places', label: { el: 'Σημεία ενδιαφέροντος', en: 'Places of interest' }, Icon: IconMap }],
};
