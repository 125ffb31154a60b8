import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api/client';
import type { components } from '../../app/api/schema';
import { useMe } from '../../app/auth/use-me';

type UnitNode = components['schemas']['UnitNode'];
export interface StaffUnit {
  id: string;
  name: { el: string; en: string };
  depth: number;
}

/** The org units this member of staff may work on: tenant-wide roles see all, others their units and those below. */
export function useStaffUnits() {
  const { me } = useMe();
  const tree = useQuery({ queryKey: ['units'], queryFn: () => unwrap(api.GET('/api/units')) });
  const roots = new Set((me?.roles ?? []).map((r) => r.unitId ?? '*'));
  const out: StaffUnit[] = [];
  const walk = (nodes: UnitNode[], depth: number, inside: boolean) => {
    for (const n of nodes) {
      const mine = inside || roots.has('*') || roots.has(n.id);
      if (mine) out.push({ id: n.id, name: { el: n.nameEl, en: n.nameEn }, depth });
      walk(n.children, depth + 1, mine);
    }
  };
  if (tree.data) walk(tree.data.items, 0, false);
  return { ...tree, units: out };
}

export const dayView = (unitId: string, date: string) => unwrap(api.GET('/api/appointments/day', { params: { query: { unitId, date } } }));
export const deskAction = (id: string, action: 'check-in' | 'start' | 'served' | 'no-show' | 'cancel') =>
  unwrap(api.POST('/api/appointments/{id}/{action}', { params: { path: { id, action } } }));
export const issueTicket = (body: { unitId: string; serviceId?: string; name?: string }) =>
  unwrap(api.POST('/api/appointments/walk-ins', { body }));
export const deskTimes = (serviceId: string, date: string) =>
  unwrap(api.GET('/api/appointments/desk/times', { params: { query: { serviceId, date } } }));
export const bookForCaller = (body: {
  slotId: string;
  channel: 'phone' | 'counter';
  name: string;
  phone?: string;
  email?: string;
  notes?: string;
}) => unwrap(api.POST('/api/appointments/desk-bookings', { body }));
export const unitConfig = (unitId: string) => unwrap(api.GET('/api/appointments/admin/units/{unitId}', { params: { path: { unitId } } }));

/** Today in Athens as YYYY-MM-DD. */
export const todayAthens = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Athens' }).format(new Date());
