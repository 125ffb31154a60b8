import type { WebModule } from '../web-module';

/** Routes and navigation of the reports module (filled in by the module). */
export const reportsModule: WebModule = { id: 'reports' };
