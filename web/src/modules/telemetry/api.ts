import { api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export const DEVICE_KINDS = ['vehicle_tracker', 'lift_unit', 'ble_gateway', 'phone'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
// The types are the server's (generated from its OpenAPI document by `npm run api:generate`).
export type Device = Json<'/api/telemetry/devices', 'get', 200>[number];
export type Refusal = Json<'/api/telemetry/refusals', 'get', 200>[number];

const id = (v: string) => ({ params: { path: { id: v } } });

// Routes of the telemetry platform area (server/src/platform/telemetry/routes.ts).
export const listDevices = () => unwrap(api.GET('/api/telemetry/devices'));
export const listRefusals = () => unwrap(api.GET('/api/telemetry/refusals'));
export const addDevice = (body: { kind: DeviceKind; uniqueId: string; name: string }) =>
  unwrap(api.POST('/api/telemetry/devices', { body }));
export const rotateSecret = (d: string) => unwrap(api.POST('/api/telemetry/devices/{id}/rotate-secret', id(d)));
export const setDisabled = (d: string, disabled: boolean) =>
  unwrap(api.POST('/api/telemetry/devices/{id}/disabled', { ...id(d), body: { disabled } }));
