import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconFolder } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

/** Nursery enrolment: the citizen's page (call, criteria, apply, my application), the public ranking, the staff screen. */
export const nurseryModule: WebModule = {
  id: 'nursery',
  citizen: (parent) => [
    page(parent, '/nursery', () => import('./citizen-page'), 'NurseryPage'),
    page(parent, '/nursery/ranking/$callId', () => import('./ranking-page'), 'RankingPage'),
  ],
  staff: (parent) => [page(parent, 'nursery', () => import('./staff-page'), 'StaffNurseryPage')],
  staffNav: [
    { to: '/staff/nursery', label: { el: 'Παιδικοί σταθμοί', en: 'Nurseries' }, Icon: IconFolder, roles: ['admin', 'head', 'employee'] },
  ],
  citizenLinks: [{ to: '/nursery', label: { el: 'Παιδικοί σταθμοί', en: 'Nurseries' }, Icon: IconFolder }],
};
