import type { WebModule } from '../web-module';

/** Routes and navigation of the appointments module (filled in by the module). */
export const appointmentsModule: WebModule = { id: 'appointments' };
