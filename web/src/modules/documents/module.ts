import type { WebModule } from '../web-module';

/** Routes and navigation of the documents module (filled in by the module). */
export const documentsModule: WebModule = { id: 'documents' };
