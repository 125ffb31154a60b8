/** The route-planning module's events (see platform/jobs/catalogue.ts). */
declare module '../../platform/jobs/catalogue.js' {
  interface EventCatalogue {
    /** A solve run ended: done, failed or cancelled. */
    'vrp.run_finished': { runId: string; problemId: string; status: string; cost?: number | null };
  }
}

export {};
