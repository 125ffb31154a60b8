import type { WebModule } from '../web-module';

/** Routes and navigation of the helpdesk module (filled in by the module). */
export const helpdeskModule: WebModule = { id: 'helpdesk' };
