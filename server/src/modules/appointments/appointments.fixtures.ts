import type { TestApp } from '../../../test/app.js';
import { makeDevice, makeStaffSession, makeUnit, makeUser, sessionCookie } from '../../../test/factories.js';

/** A unit open every day 08:00–14:00 (break 10:30–11:00) with one service, configured through the API as a head would. */
export async function makeBookableService(sut: TestApp, over: Record<string, unknown> = {}) {
  const unit = await makeUnit(sut.db, sut.tenant.id);
  const head = await makeStaffSession(sut.db, sut.tenant.id, 'head', unit.id);
  const day = [
    { from: '08:00', to: '10:30' },
    { from: '11:00', to: '14:00' },
  ];
  const weekly = Object.fromEntries(['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, day]));
  const hours = await sut.app.inject({
    method: 'PUT',
    url: `/api/appointments/admin/units/${unit.id}/hours`,
    headers: sut.headers({ cookie: head.cookie }),
    payload: { weekly },
  });
  if (hours.statusCode !== 204) throw new Error(hours.body);
  const res = await sut.app.inject({
    method: 'POST',
    url: '/api/appointments/admin/services',
    headers: sut.headers({ cookie: head.cookie }),
    payload: {
      unitId: unit.id,
      nameEl: 'Πιστοποιητικό',
      nameEn: 'Certificate',
      durationMin: 30,
      capOnline: 1,
      capPhone: 1,
      minLeadHours: 0,
      horizonDays: 20,
      documentsEl: ['Ταυτότητα'],
      documentsEn: ['Identity card'],
      ...over,
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { unit, head, service: res.json() as { id: string; unitId: string } };
}

/** A citizen with a verified phone, a device of theirs and a session: headers for both. */
export async function makeVerifiedCitizen(sut: TestApp, n = Math.floor(Math.random() * 1e8)) {
  const user = await makeUser(sut.db, sut.tenant.id, {
    kind: 'citizen',
    email: null,
    phone: `+3069${String(n).padStart(8, '0')}`,
    phoneVerifiedAt: new Date(),
  });
  const device = await makeDevice(sut.db, sut.tenant.id, user.id);
  const cookie = await sessionCookie(sut.db, user);
  return {
    user,
    device,
    headers: (extra: Record<string, string> = {}) => sut.headers({ cookie, 'x-device-token': device.token, ...extra }),
  };
}

/** The first day with free places and its first free time. */
export async function firstFreeTime(sut: TestApp, serviceId: string) {
  const days = (await sut.app.inject({ url: `/api/appointments/services/${serviceId}/days`, headers: sut.headers() })).json() as {
    date: string;
    free: number;
  }[];
  const day = days.find((d) => d.free > 0);
  if (!day) throw new Error('no free day');
  const times = (
    await sut.app.inject({ url: `/api/appointments/services/${serviceId}/times?date=${day.date}`, headers: sut.headers() })
  ).json() as {
    slotId: string;
    startsAt: string;
    free: number;
  }[];
  return { day, times, first: times.find((t) => t.free > 0) as { slotId: string; startsAt: string; free: number } };
}
