import { type AnyRoute, createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconCalendar, IconList, IconSettings } from '../../app/components/icons';
import type { WebModule } from '../web-module';

const page = (parent: AnyRoute, path: string, load: () => Promise<Record<string, unknown>>, name: string, search?: boolean) =>
  createRoute({
    getParentRoute: () => parent,
    path,
    ...(search ? { validateSearch: (s: Record<string, unknown>) => ({ token: typeof s.token === 'string' ? s.token : undefined }) } : {}),
    component: lazyRouteComponent(load as never, name as never),
  });

/** Booking a time with a municipal service: citizen pages, the front desk, configuration and statistics. */
export const appointmentsModule: WebModule = {
  id: 'appointments',
  citizen: (parent) => [
    page(parent, '/appointments', () => import('./book-page'), 'BookPage'),
    page(parent, '/appointments/mine', () => import('./mine-page'), 'MinePage'),
    page(parent, '/appointments/manage', () => import('./manage-page'), 'ManagePage', true),
    page(parent, '/appointments/hold/$holdId', () => import('./hold-page'), 'HoldPage'),
    page(parent, '/appointments/offer/$holdId', () => import('./hold-page'), 'HoldPage'),
    page(parent, '/appointments/$serviceId', () => import('./service-page'), 'ServicePage'),
  ],
  staff: (parent) => [
    page(parent, 'appointments', () => import('./staff-day-page'), 'StaffDayPage'),
    page(parent, 'appointments/settings', () => import('./staff-settings-page'), 'StaffSettingsPage'),
    page(parent, 'appointments/stats', () => import('./staff-stats-page'), 'StaffStatsPage'),
  ],
  staffNav: [
    {
      to: '/staff/appointments',
      label: { el: 'Ραντεβού: ημέρα', en: 'Appointments: day' },
      Icon: IconCalendar,
      roles: ['admin', 'head', 'employee', 'operator'],
    },
    {
      to: '/staff/appointments/settings',
      label: { el: 'Ραντεβού: ρυθμίσεις', en: 'Appointments: settings' },
      Icon: IconSettings,
      roles: ['admin', 'head'],
    },
    {
      to: '/staff/appointments/stats',
      label: { el: 'Ραντεβού: στατιστικά', en: 'Appointments: statistics' },
      Icon: IconList,
      roles: ['admin', 'head'],
    },
  ],
  citizenLinks: [{ to: '/appointments', label: { el: 'Κλείστε ραντεβού', en: 'Book an appointment' }, Icon: IconCalendar }],
};
