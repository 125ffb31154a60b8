/** @dimos/vrp — vehicle-routing solver (hybrid genetic search) with its own feasibility checker. */
export { type CheckResult, checkSolution } from './checker.js';
export { formatSol } from './cli.js';
export { type Format, type Parsed, parseCvrplib, parseFile, parseSolomon } from './parsers.js';
export {
  compile,
  type FacilitySpec,
  type Id,
  type JobSpec,
  type Location,
  type Problem,
  ProblemError,
  type ProblemOptions,
  type VehicleSpec,
  validateProblem,
} from './problem.js';
export type { RouteOut, Solution, Step } from './solution.js';
export { type ProgressEvent, type SolveOptions, type SolveResult, solve } from './solve.js';
