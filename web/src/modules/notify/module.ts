import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconSpeaker } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

/** Notifications: the staff screens for mass broadcasts (list, composer, one broadcast with live figures). */
export const notifyModule: WebModule = {
  id: 'notify',
  staff: (parent) => [
    page(parent, 'broadcasts', () => import('./broadcasts-page'), 'BroadcastsPage'),
    page(parent, 'broadcasts/new', () => import('./composer-page'), 'ComposerPage'),
    page(parent, 'broadcasts/$id', () => import('./broadcast-page'), 'BroadcastPage'),
  ],
  staffNav: [
    {
      to: '/staff/broadcasts',
      label: { el: 'Μαζικά μηνύματα', en: 'Broadcasts' },
      Icon: IconSpeaker,
      roles: ['admin', 'mayor_office'],
    },
  ],
};
