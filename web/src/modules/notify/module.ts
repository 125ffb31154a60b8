import type { WebModule } from '../web-module';

/** Routes and navigation of the notify module (filled in by the module). */
export const notifyModule: WebModule = { id: 'notify' };
