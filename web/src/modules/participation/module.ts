import type { WebModule } from '../web-module';

/** Routes and navigation of the participation module (filled in by the module). */
export const participationModule: WebModule = { id: 'participation' };
