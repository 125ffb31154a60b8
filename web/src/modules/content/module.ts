import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconCalendar, IconInfo, IconNews, IconSpeaker } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load as never, name as never) });

const EDITORS = ['admin', 'head', 'employee', 'mayor_office'];

/** News, events, alerts and the council's meetings: citizen pages and the press office's editors. */
export const contentModule: WebModule = {
  id: 'content',
  citizen: (parent) => [
    page(parent, '/news', () => import('./news-page'), 'NewsPage'),
    page(parent, '/news/$id', () => import('./news-page'), 'NewsDetailPage'),
    page(parent, '/events', () => import('./events-page'), 'EventsPage'),
    page(parent, '/events/$id', () => import('./events-page'), 'EventDetailPage'),
    page(parent, '/council', () => import('./council-page'), 'CouncilPage'),
    page(parent, '/council/$id', () => import('./council-page'), 'MeetingPage'),
  ],
  staff: (parent) => [
    page(parent, 'content', () => import('./staff-content-page'), 'ContentListPage'),
    page(parent, 'content/new', () => import('./staff-content-page'), 'ContentEditPage'),
    page(parent, 'content/$id', () => import('./staff-content-page'), 'ContentEditPage'),
    page(parent, 'alerts', () => import('./staff-alerts-page'), 'AlertsPage'),
    page(parent, 'council', () => import('./staff-council-page'), 'CouncilEditorPage'),
    page(parent, 'announcements', () => import('./staff-announcements-page'), 'AnnouncementsPage'),
  ],
  staffNav: [
    { to: '/staff/content', label: { el: 'Περιεχόμενο', en: 'Content' }, Icon: IconNews, roles: EDITORS },
    { to: '/staff/alerts', label: { el: 'Επείγουσες ειδοποιήσεις', en: 'Urgent alerts' }, Icon: IconInfo, roles: EDITORS },
    {
      to: '/staff/council',
      label: { el: 'Δημοτικό Συμβούλιο', en: 'Municipal Council' },
      Icon: IconCalendar,
      roles: ['admin', 'head', 'employee'],
    },
    { to: '/staff/announcements', label: { el: 'Εσωτερικές ανακοινώσεις', en: 'Internal announcements' }, Icon: IconSpeaker },
  ],
  citizenLinks: [
    { to: '/news', label: { el: 'Νέα και ανακοινώσεις', en: 'News and announcements' }, Icon: IconNews },
    { to: '/events', label: { el: 'Εκδηλώσεις', en: 'Events' }, Icon: IconCalendar },
    { to: '/council', label: { el: 'Δημοτικό Συμβούλιο', en: 'Municipal Council' }, Icon: IconSpeaker },
  ],
};
