import type { WebModule } from '../web-module';

/** Routes and navigation of the content module (filled in by the module). */
export const contentModule: WebModule = { id: 'content' };
