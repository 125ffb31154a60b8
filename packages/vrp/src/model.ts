/**
 * The solver's internal, index-based view of a problem. Clients are 1..n (0 is unused, so that
 * arrays can be indexed by client number); every client, depot and facility has a location index
 * into the travel matrices.
 */
export interface VehicleModel {
  /** Index in the problem's vehicle list. */
  index: number;
  id: number | string;
  startLoc: number;
  endLoc: number;
  /** One value per capacity dimension. */
  capacity: Float64Array;
  shiftStart: number;
  shiftEnd: number;
  maxDuration: number;
  maxDistance: number;
  fixedCost: number;
  costPerDistance: number;
  costPerTime: number;
  skills: Set<string>;
  /** Multi-trip: location of the unloading facility (or -1), its service time and opening hours. */
  facilityLoc: number;
  facilityService: number;
  facilityOpen: number;
  facilityClose: number;
  maxTrips: number;
}

export interface Model {
  n: number;
  dims: number;
  nLoc: number;
  /** Row-major nLoc × nLoc. */
  dist: Float64Array;
  time: Float64Array;
  /** Per client (index 1..n). */
  loc: Int32Array;
  demand: Float64Array; // (n+1)*dims
  service: Float64Array;
  twEarly: Float64Array;
  twLate: Float64Array;
  priority: Float64Array;
  /** Client ids as given by the problem (for output), index 1..n. */
  clientId: (number | string)[];
  /** Optional coordinates per location, for polar sectors (may be absent). */
  x?: Float64Array;
  y?: Float64Array;
  vehicles: VehicleModel[];
  /** allowed[c * nVeh + v] = 1 when vehicle v may serve client c (skills); undefined when all may. */
  allowed?: Uint8Array;
  /** True when the route cost needs time-window/duration information. */
  timed: boolean;
  /** True when some vehicle does several trips with unloading at a facility. */
  multiTrip: boolean;
  /** Upper bound on the number of routes used (number of vehicles). */
  fleetSize: number;
}

export const BIG = 1e15;
