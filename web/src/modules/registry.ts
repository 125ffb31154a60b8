import { adminModule } from './admin/module';
import { appointmentsModule } from './appointments/module';
import { contentModule } from './content/module';
import { documentsModule } from './documents/module';
import { eservicesModule } from './eservices/module';
import { fleetModule } from './fleet/module';
import { helpdeskModule } from './helpdesk/module';
import { identityModule } from './identity/module';
import { notifyModule } from './notify/module';
import { nurseryModule } from './nursery/module';
import { participationModule } from './participation/module';
import { placesModule } from './places/module';
import { reportsModule } from './reports/module';
import { schoolsModule } from './schools/module';
import { telemetryModule } from './telemetry/module';
import type { WebModule } from './web-module';

/** Every feature module of the web app, in staff-navigation order. */
export const WEB_MODULES: WebModule[] = [
  eservicesModule,
  helpdeskModule,
  reportsModule,
  contentModule,
  placesModule,
  appointmentsModule,
  participationModule,
  schoolsModule,
  nurseryModule,
  documentsModule,
  fleetModule,
  telemetryModule,
  notifyModule,
  adminModule,
  identityModule,
];
