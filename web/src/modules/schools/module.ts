import type { WebModule } from '../web-module';

/** Routes and navigation of the schools module (filled in by the module). */
export const schoolsModule: WebModule = { id: 'schools' };
