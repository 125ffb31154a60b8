/** The participation module's events (see platform/jobs/catalogue.ts). */
declare module '../../platform/jobs/catalogue.js' {
  interface EventCatalogue {
    'participation.proposal.threshold_reached': { proposalId: string; title: string };
  }
}

export {};
