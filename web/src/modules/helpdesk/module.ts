import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconFolder, IconInbox, IconList, IconUser } from '../../app/components/icons';
import type { WebModule } from '../web-module';

/** The help desk: inbox, case search, case page, call-centre intake, reply templates and the dashboard. */
export const helpdeskModule: WebModule = {
  id: 'helpdesk',
  staff: (parent) => [
    createRoute({ getParentRoute: () => parent, path: 'inbox', component: lazyRouteComponent(() => import('./pages'), 'InboxRoute') }),
    createRoute({ getParentRoute: () => parent, path: 'cases', component: lazyRouteComponent(() => import('./pages'), 'CasesRoute') }),
    createRoute({
      getParentRoute: () => parent,
      path: 'cases/$id',
      component: lazyRouteComponent(() => import('./case-page'), 'CasePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: 'intake',
      component: lazyRouteComponent(() => import('./intake-page'), 'IntakePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: 'templates',
      component: lazyRouteComponent(() => import('./templates-page'), 'TemplatesPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: 'dashboard',
      component: lazyRouteComponent(() => import('./dashboard-page'), 'DashboardPage'),
    }),
  ],
  staffNav: [
    { to: '/staff/inbox', label: { el: 'Εισερχόμενα', en: 'Inbox' }, Icon: IconInbox },
    { to: '/staff/cases', label: { el: 'Υποθέσεις', en: 'Cases' }, Icon: IconFolder },
    {
      to: '/staff/intake',
      label: { el: 'Τηλεφωνικό κέντρο', en: 'Call centre' },
      Icon: IconUser,
      roles: ['operator', 'head', 'employee', 'admin'],
    },
    {
      to: '/staff/templates',
      label: { el: 'Πρότυπα απαντήσεων', en: 'Reply templates' },
      Icon: IconList,
      roles: ['head', 'employee', 'admin'],
    },
    { to: '/staff/dashboard', label: { el: 'Πίνακας ελέγχου', en: 'Dashboard' }, Icon: IconList, roles: ['head', 'mayor_office', 'admin'] },
  ],
};
