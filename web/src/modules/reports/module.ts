import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconInbox, IconMap } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

/** Street problems: the public map and list, a report's page, area alerts; the staff moderation queue. */
export const reportsModule: WebModule = {
  id: 'reports',
  citizen: (parent) => [
    page(parent, '/reports', () => import('./reports-map-page'), 'ReportsMapPage'),
    page(parent, '/reports/alerts', () => import('./alerts-page'), 'AlertsPage'),
    page(parent, '/reports/$id', () => import('./report-page'), 'ReportPage'),
  ],
  staff: (parent) => [page(parent, 'reports/moderation', () => import('./moderation-page'), 'ModerationPage')],
  staffNav: [
    {
      to: '/staff/reports/moderation',
      label: { el: 'Εποπτεία αναφορών', en: 'Report moderation' },
      Icon: IconInbox,
      roles: ['admin', 'head', 'employee', 'mayor_office'],
    },
  ],
  citizenLinks: [{ to: '/reports', label: { el: 'Αναφορές προβλημάτων στον χάρτη', en: 'Problem reports on the map' }, Icon: IconMap }],
};
