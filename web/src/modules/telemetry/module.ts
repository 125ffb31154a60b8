import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { IconSettings } from '../../app/components/icons';
import type { WebModule } from '../web-module';

/** Telemetry devices (trackers, truck lift units, BLE gateways, phones): registry, secrets, refused input. */
export const telemetryModule: WebModule = {
  id: 'telemetry',
  staff: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: 'telemetry/devices',
      component: lazyRouteComponent(() => import('./devices-page'), 'DevicesPage'),
    }),
  ],
  staffNav: [
    {
      to: '/staff/telemetry/devices',
      label: { el: 'Συσκευές τηλεμετρίας', en: 'Telemetry devices' },
      Icon: IconSettings,
      roles: ['admin'],
    },
  ],
};
