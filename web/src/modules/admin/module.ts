import type { WebModule } from '../web-module';

/** Routes and navigation of the admin module (filled in by the module). */
export const adminModule: WebModule = { id: 'admin' };
