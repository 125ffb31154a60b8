import { ApiError, api, unwrap } from '../../app/api/client';
import type { paths } from '../../app/api/schema';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put', S extends number> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Service = Json<'/api/appointments/services', 'get', 200>[number];
export type Day = Json<'/api/appointments/services/{id}/days', 'get', 200>[number];
export type Time = Json<'/api/appointments/services/{id}/times', 'get', 200>[number];
export type Booking = Json<'/api/appointments/holds', 'post', 201>;
export type Confirmed = Json<'/api/appointments/holds/{id}/confirm', 'post', 201>;
export type DayView = Json<'/api/appointments/day', 'get', 200>;
export type StaffBooking = DayView['walkIns'][number];
export type UnitConfig = Json<'/api/appointments/admin/units/{unitId}', 'get', 200>;
export type Stats = Json<'/api/appointments/admin/stats', 'get', 200>;

export const listServices = (unitId?: string) =>
  unwrap(api.GET('/api/appointments/services', { params: { query: unitId ? { unitId } : {} } }));
export const listDays = (id: string) => unwrap(api.GET('/api/appointments/services/{id}/days', { params: { path: { id } } }));
export const listTimes = (id: string, date: string) =>
  unwrap(api.GET('/api/appointments/services/{id}/times', { params: { path: { id }, query: { date } } }));
export const holdSlot = (slotId: string) => unwrap(api.POST('/api/appointments/holds', { body: { slotId } }));
export const releaseHold = (id: string) => unwrap(api.DELETE('/api/appointments/holds/{id}', { params: { path: { id } } }));
export const confirmHold = (id: string, body: { name?: string; notes?: string }) =>
  unwrap(api.POST('/api/appointments/holds/{id}/confirm', { params: { path: { id } }, body }));
export const myBookings = () => unwrap(api.GET('/api/appointments/mine'));
export const byToken = (token: string) => unwrap(api.GET('/api/appointments/manage', { params: { query: { token } } }));
export const cancelByToken = (token: string) => unwrap(api.POST('/api/appointments/manage/cancel', { body: { token } }));
export const moveByToken = (token: string, slotId: string) =>
  unwrap(api.POST('/api/appointments/manage/move', { body: { token, slotId } }));
export const joinWaitlist = (body: { serviceId: string; bookingId?: string; untilDate?: string }) =>
  unwrap(api.POST('/api/appointments/waitlist', { body }));
export const leaveWaitlist = (id: string) => unwrap(api.DELETE('/api/appointments/waitlist/{id}', { params: { path: { id } } }));

export const icsHref = (bookingId: string, token?: string) =>
  `/api/appointments/${encodeURIComponent(bookingId)}.ics${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/** What the hold page needs after a reload or a TaxisNet round trip (same tab). */
export interface HoldInfo {
  id: string;
  serviceId: string | null;
  startsAt: string | null;
  holdExpiresAt: string | null;
}
const holdKey = (id: string) => `appointments.hold.${id}`;
export function rememberHold(b: Booking) {
  const info: HoldInfo = { id: b.id, serviceId: b.serviceId, startsAt: b.startsAt, holdExpiresAt: b.holdExpiresAt };
  try {
    sessionStorage.setItem(holdKey(b.id), JSON.stringify(info));
  } catch {
    // storage disabled: the page still confirms, without the countdown
  }
}
export function recallHold(id: string): HoldInfo | null {
  try {
    const raw = sessionStorage.getItem(holdKey(id));
    return raw ? (JSON.parse(raw) as HoldInfo) : null;
  } catch {
    return null;
  }
}
export function forgetHold(id: string) {
  try {
    sessionStorage.removeItem(holdKey(id));
  } catch {
    // nothing to forget
  }
}

export const codeOf = (e: unknown) => (e instanceof ApiError ? e.code : 'generic');
