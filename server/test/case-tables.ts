/**
 * The case engine's tables, for tests only: another module's test may arrange a case row (back-date
 * it, attach files) or look at its timeline to check what its own verbs did. Product code never
 * imports this; it goes through the verbs and read models in `src/modules/cases/index.ts`.
 */
export { caseEvents, caseFollowers, caseRatings, cases, caseTypes, caseTypeVersions, workflows } from '../src/modules/cases/schema.js';
