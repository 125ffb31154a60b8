import type { WebModule } from '../web-module';

/** Routes and navigation of the places module (filled in by the module). */
export const placesModule: WebModule = { id: 'places' };
