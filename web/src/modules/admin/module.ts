import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconSettings } from '../../app/components/icons';
import type { WebModule } from '../web-module';

/** The back office's Administration area: /staff/admin/… (administrators only). */
function staffRoutes(parent: AnyRoute): AnyRoute[] {
  const admin = createRoute({
    getParentRoute: () => parent,
    path: 'admin',
    component: lazyRouteComponent(() => import('./admin-layout'), 'AdminLayout'),
  });
  const page = (path: string, load: () => Promise<Record<string, unknown>>, name: string) =>
    createRoute({ getParentRoute: () => admin, path, component: lazyRouteComponent(load as never, name as never) });
  return [
    admin.addChildren([
      page('/', () => import('./admin-home'), 'AdminHome'),
      page('units', () => import('./units-page'), 'UnitsPage'),
      page('staff', () => import('./staff-page'), 'StaffPage'),
      page('case-types', () => import('./case-types-page'), 'CaseTypesPage'),
      page('case-types/$id', () => import('./case-type-editor'), 'CaseTypeEditorPage'),
      page('workflows', () => import('./workflows-page'), 'WorkflowsPage'),
      page('holidays', () => import('./holidays-page'), 'HolidaysPage'),
      page('templates', () => import('./templates-page'), 'TemplatesPage'),
      page('settings', () => import('./settings-page'), 'SettingsPage'),
    ]),
  ];
}

export const adminModule: WebModule = {
  id: 'admin',
  staff: staffRoutes,
  staffNav: [{ to: '/staff/admin', label: { el: 'Διαχείριση', en: 'Administration' }, Icon: IconSettings, roles: ['admin'] }],
};
