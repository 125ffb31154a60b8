import { callJson } from '../../app/api/client';

export const DEVICE_KINDS = ['vehicle_tracker', 'lift_unit', 'ble_gateway', 'phone'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type Device = {
  id: string;
  kind: DeviceKind;
  uniqueId: string;
  name: string;
  disabledAt: string | null;
  lastSeenAt: string | null;
  accepted: number;
  refused: number;
};
export type Refusal = { deviceId: string | null; reason: string; count: number; lastAt: string };

// Routes of the telemetry platform area (server/src/platform/telemetry/routes.ts).
export const listDevices = () => callJson<Device[]>('GET', '/api/telemetry/devices');
export const listRefusals = () => callJson<Refusal[]>('GET', '/api/telemetry/refusals');
export const addDevice = (body: { kind: DeviceKind; uniqueId: string; name: string }) =>
  callJson<{ device: Device; secret: string }>('POST', '/api/telemetry/devices', body);
export const rotateSecret = (id: string) => callJson<{ secret: string }>('POST', `/api/telemetry/devices/${id}/rotate-secret`);
export const setDisabled = (id: string, disabled: boolean) =>
  callJson<Device>('POST', `/api/telemetry/devices/${id}/disabled`, { disabled });
