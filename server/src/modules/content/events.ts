/** The content module's events (see platform/jobs/catalogue.ts). */
declare module '../../platform/jobs/catalogue.js' {
  interface EventCatalogue {
    'content.published': { id: string; kind: string };
  }
}

export {};
