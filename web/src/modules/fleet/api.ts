import { callJson } from '../../app/api/client';

// Routes of the fleet module (server/src/modules/fleet/routes.ts).
export type Vehicle = {
  id: string;
  plate: string;
  category: string;
  make: string | null;
  model: string | null;
  fuelType: string;
  tankLitres: number | null;
  odometerKm: number;
  engineHours: number;
  deviceId: string | null;
  normLPer100Km: number | null;
  normLPerHour: number | null;
  active: boolean;
};
export type LiveVehicle = {
  vehicleId: string;
  plate: string;
  category: string;
  lat: number | null;
  lon: number | null;
  speedKmh: number | null;
  fixTime: string | null;
  state: 'moving' | 'idle' | 'parked' | 'offline' | 'no_device';
  onShift: boolean;
};
export type Trip = {
  id: string;
  startAt: string;
  endAt: string;
  distanceKm: number;
  durationS: number;
  idleS: number;
  maxSpeedKmh: number;
  fuelUsedL: number | null;
};
export type TrackPoint = { t: string; lat: number; lon: number; speedKmh: number | null };
export type Shift = { id: string; vehicleId: string; startedAt: string; phoneDeviceId: string | null };
export type DueItem = {
  planId: string;
  plate: string;
  name: string;
  status: 'ok' | 'due' | 'overdue';
  kmLeft: number | null;
  hoursLeft: number | null;
  daysLeft: number | null;
  nextDate: string | null;
};
export type Paper = {
  id: string;
  kind: string;
  validUntil: string;
  plate: string | null;
  driverName: string | null;
  number: string | null;
};
export type VehicleLog = {
  day: string;
  trips: { startAt: string; endAt: string; distanceKm: number; driverName: string | null }[];
  drivers: { userId: string; name: string }[];
  distanceKm: number;
  refuelledL: number;
  fuelUsedL: number | null;
  fuelSource: 'sensor' | 'norm';
  normL: number | null;
  normCheck: 'within' | 'over' | 'unknown';
  confirmed: { by: string; at: string; remarks: string | null } | null;
};

export const listVehicles = () => callJson<{ items: Vehicle[] }>('GET', '/api/fleet/vehicles').then((r) => r.items);
export const getVehicle = (id: string) => callJson<Vehicle>('GET', `/api/fleet/vehicles/${id}`);
export const live = () => callJson<{ items: LiveVehicle[] }>('GET', '/api/fleet/live').then((r) => r.items);
export const track = (id: string, from: string, to: string) =>
  callJson<{ points: TrackPoint[]; trips: Trip[] }>(
    'GET',
    `/api/fleet/vehicles/${id}/track?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
  );
export const vehicleLog = (id: string, day: string) => callJson<VehicleLog>('GET', `/api/fleet/vehicles/${id}/log/${day}`);
export const confirmLog = (id: string, day: string) => callJson<unknown>('POST', `/api/fleet/vehicles/${id}/log/${day}/confirm`, {});
export const maintenanceDue = (vehicleId?: string) =>
  callJson<{ items: DueItem[] }>('GET', `/api/fleet/maintenance/due${vehicleId ? `?vehicleId=${vehicleId}` : ''}`).then((r) => r.items);
export const papers = (vehicleId?: string) =>
  callJson<{ items: Paper[] }>('GET', `/api/fleet/papers${vehicleId ? `?vehicleId=${vehicleId}` : ''}`).then((r) => r.items);
export const me = () => callJson<{ shift: Shift | null; vehicle: Vehicle | null; vehicles: Vehicle[] }>('GET', '/api/fleet/me');
export const startShift = (vehicleId: string, sharePhone: boolean) =>
  callJson<Shift>('POST', '/api/fleet/shifts', { vehicleId, sharePhone });
export const endShift = (id: string) => callJson<unknown>('POST', `/api/fleet/shifts/${id}/end`, {});
export const sendFixes = (
  id: string,
  fixes: { time: string; lat: number; lon: number; speedKmh: number | null; accuracy: number | null }[],
) => callJson<unknown>('POST', `/api/fleet/shifts/${id}/positions`, { fixes });
export const logRefuel = (body: {
  vehicleId: string;
  litres: number;
  cost: number | null;
  odometerKm: number | null;
  station: string | null;
  receiptFileId: string | null;
  clientKey: string;
}) => callJson<{ id: string }>('POST', '/api/fleet/refuels', body);
export const reportFault = (body: { vehicleId: string; description: string; canDrive: boolean; fileIds: string[]; clientKey: string }) =>
  callJson<{ caseId: string }>('POST', '/api/fleet/faults', body);
