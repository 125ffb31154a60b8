import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeDevice, makeStaffSession, makeUnit } from '../../../test/factories.js';
import { outboundMessages } from '../../platform/messaging/messaging.schema.js';
import { firstFreeTime, makeBookableService, makeVerifiedCitizen } from './appointments.fixtures.js';
import { expireHolds } from './booking.service.js';
import { foldLine, icsCalendar } from './ics.js';
import { appointmentsApi } from './index.js';
import { apptBookings, apptSlots } from './schema.js';
import { openingOn, timesIn } from './slots.service.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp({}, undefined, { parts: ['notify', 'appointments'] });
});
afterAll(async () => {
  await sut.close();
});

describe('calendar of a unit', () => {
  it('lays times around the break, with buffers, and closes holidays unless an exception opens them', () => {
    const day = [
      { from: '08:00', to: '09:00' },
      { from: '09:30', to: '10:00' },
    ];
    expect(timesIn(day, 20, 5)).toEqual([480, 505, 570]);
    const weekly = { '1': day };
    expect(openingOn('2026-03-30', weekly, new Map(), new Set())).toEqual(day); // a Monday
    expect(openingOn('2026-04-13', weekly, new Map(), new Set(['2026-04-13']))).toEqual([]); // Easter Monday
    expect(
      openingOn(
        '2026-04-13',
        weekly,
        new Map([['2026-04-13', { closed: false, intervals: [{ from: '10:00', to: '11:00' }] }]]),
        new Set(['2026-04-13']),
      ),
    ).toEqual([{ from: '10:00', to: '11:00' }]);
  });

  it('shows 60 days at a glance, then the times of a day; a closed date has no times', async () => {
    const { service, unit, head } = await makeBookableService(sut);
    const days = (await sut.app.inject({ url: `/api/appointments/services/${service.id}/days`, headers: sut.headers() })).json();
    expect(days).toHaveLength(60);
    const { day, times } = await firstFreeTime(sut, service.id);
    expect(times.length).toBeGreaterThan(0);
    const closed = await sut.app.inject({
      method: 'PUT',
      url: `/api/appointments/admin/units/${unit.id}/exceptions/${day.date}`,
      headers: sut.headers({ cookie: head.cookie }),
      payload: { closed: true },
    });
    expect(closed.statusCode).toBe(204);
    const after = (
      await sut.app.inject({ url: `/api/appointments/services/${service.id}/times?date=${day.date}`, headers: sut.headers() })
    ).json();
    expect(after).toEqual([]);
  });

  it('refuses bad hours with a translated field error and is closed to employees', async () => {
    const { unit, head } = await makeBookableService(sut);
    const bad = await sut.app.inject({
      method: 'PUT',
      url: `/api/appointments/admin/units/${unit.id}/hours`,
      headers: sut.headers({ cookie: head.cookie, 'accept-language': 'en' }),
      payload: { weekly: { '1': [{ from: '12:00', to: '09:00' }] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ field: 'weekly.1', code: 'appointment.bad_interval' });
    const employee = await makeStaffSession(sut.db, sut.tenant.id, 'employee', unit.id);
    const denied = await sut.app.inject({
      url: `/api/appointments/admin/units/${unit.id}`,
      headers: sut.headers({ cookie: employee.cookie }),
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('booking by a citizen', () => {
  it('holds, confirms, gives an iCalendar file and a manage link that cancels without login', async () => {
    const { service } = await makeBookableService(sut);
    const { first } = await firstFreeTime(sut, service.id);
    const citizen = await makeVerifiedCitizen(sut);
    const hold = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/holds',
      headers: citizen.headers(),
      payload: { slotId: first.slotId },
    });
    expect(hold.statusCode).toBe(201);
    expect(hold.json().status).toBe('held');

    // Another device finds the time taken while it is held.
    const other = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/holds',
      headers: sut.headers({ 'accept-language': 'en' }),
      payload: { slotId: first.slotId },
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'appointment.slot_full', message: expect.stringContaining('taken') });

    const confirm = await sut.app.inject({
      method: 'POST',
      url: `/api/appointments/holds/${hold.json().id}/confirm`,
      headers: citizen.headers(),
      payload: {},
    });
    expect(confirm.statusCode).toBe(201);
    const { booking, manageToken, icsUrl } = confirm.json();
    expect(booking.status).toBe('booked');
    const sms = await sut.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.recipient, citizen.user.phone as string));
    expect(sms.some((m) => m.body.includes(manageToken))).toBe(true);

    const ics = await sut.app.inject({ url: icsUrl, headers: sut.headers() });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2.0\r\n/);
    expect(ics.body).toContain(`DTSTART:${new Date(first.startsAt).toISOString().replace(/[-:]/g, '').replace('.000', '')}`);
    for (const line of ics.body.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const stranger = await sut.app.inject({ url: `/api/appointments/${booking.id}.ics`, headers: sut.headers() });
    expect(stranger.statusCode).toBe(404);

    const seen = await sut.app.inject({ url: `/api/appointments/manage?token=${manageToken}`, headers: sut.headers() });
    expect(seen.json()).toMatchObject({ id: booking.id, service: { id: service.id } });
    const cancel = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/manage/cancel',
      headers: sut.headers(),
      payload: { token: manageToken },
    });
    expect(cancel.json().status).toBe('cancelled');
    const [slot] = await sut.db.select().from(apptSlots).where(eq(apptSlots.id, first.slotId));
    expect(slot?.takenOnline).toBe(0);
  });

  it('a device holds one time at once; confirming needs a verified citizen; an expired hold fails cleanly', async () => {
    const { service } = await makeBookableService(sut);
    const { times } = await firstFreeTime(sut, service.id);
    const device = await makeDevice(sut.db, sut.tenant.id);
    const h = sut.headers({ 'x-device-token': device.token });
    const a = await sut.app.inject({ method: 'POST', url: '/api/appointments/holds', headers: h, payload: { slotId: times[0]?.slotId } });
    const b = await sut.app.inject({ method: 'POST', url: '/api/appointments/holds', headers: h, payload: { slotId: times[1]?.slotId } });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const rows = await sut.db
      .select()
      .from(apptBookings)
      .where(and(eq(apptBookings.deviceId, device.id)));
    expect(rows.map((r) => r.status).sort()).toEqual(['held', 'released']);
    const [first] = await sut.db
      .select()
      .from(apptSlots)
      .where(eq(apptSlots.id, times[0]?.slotId as string));
    expect(first?.takenOnline).toBe(0);

    const anon = await sut.app.inject({ method: 'POST', url: `/api/appointments/holds/${b.json().id}/confirm`, headers: h, payload: {} });
    expect(anon.statusCode).toBe(401);

    const citizen = await makeVerifiedCitizen(sut);
    const hold = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/holds',
      headers: citizen.headers(),
      payload: { slotId: times[2]?.slotId },
    });
    await sut.db
      .update(apptBookings)
      .set({ holdExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(apptBookings.id, hold.json().id));
    const late = await sut.app.inject({
      method: 'POST',
      url: `/api/appointments/holds/${hold.json().id}/confirm`,
      headers: citizen.headers({ 'accept-language': 'en' }),
      payload: {},
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'appointment.hold_expired', message: expect.stringContaining('expired') });
    const [s2] = await sut.db
      .select()
      .from(apptSlots)
      .where(eq(apptSlots.id, times[2]?.slotId as string));
    expect(s2?.takenOnline).toBe(0);

    // The cron releases holds nobody confirmed.
    await sut.db
      .update(apptBookings)
      .set({ holdExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(apptBookings.id, b.json().id));
    expect(await expireHolds(sut.platform)).toBeGreaterThanOrEqual(1);
    const [s1] = await sut.db
      .select()
      .from(apptSlots)
      .where(eq(apptSlots.id, times[1]?.slotId as string));
    expect(s1?.takenOnline).toBe(0);
  });

  it('limits bookings per citizen and period', async () => {
    const { service } = await makeBookableService(sut, { limitPerCitizen: 1 });
    const { times } = await firstFreeTime(sut, service.id);
    const citizen = await makeVerifiedCitizen(sut);
    const book = async (slotId: string | undefined) => {
      const hold = await sut.app.inject({
        method: 'POST',
        url: '/api/appointments/holds',
        headers: citizen.headers(),
        payload: { slotId },
      });
      return sut.app.inject({
        method: 'POST',
        url: `/api/appointments/holds/${hold.json().id}/confirm`,
        headers: citizen.headers(),
        payload: {},
      });
    };
    expect((await book(times[0]?.slotId)).statusCode).toBe(201);
    const second = await book(times[1]?.slotId);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('appointment.limit_reached');
  });

  it('offers a freed earlier time to the first on the waiting list, and confirming moves their booking', async () => {
    const { service } = await makeBookableService(sut);
    const { times } = await firstFreeTime(sut, service.id);
    const early = await makeVerifiedCitizen(sut);
    const waiting = await makeVerifiedCitizen(sut);
    const book = async (c: Awaited<ReturnType<typeof makeVerifiedCitizen>>, slotId: string | undefined) => {
      const hold = await sut.app.inject({ method: 'POST', url: '/api/appointments/holds', headers: c.headers(), payload: { slotId } });
      return (
        await sut.app.inject({
          method: 'POST',
          url: `/api/appointments/holds/${hold.json().id}/confirm`,
          headers: c.headers(),
          payload: {},
        })
      ).json();
    };
    const a = await book(early, times[0]?.slotId);
    const later = await book(waiting, times[3]?.slotId);
    const wl = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/waitlist',
      headers: waiting.headers(),
      payload: { serviceId: service.id, bookingId: later.booking.id },
    });
    expect(wl.statusCode).toBe(201);
    await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/manage/cancel',
      headers: sut.headers(),
      payload: { token: a.manageToken },
    });
    const [offer] = await sut.db
      .select()
      .from(apptBookings)
      .where(and(eq(apptBookings.citizenUserId, waiting.user.id), eq(apptBookings.status, 'held')));
    expect(offer?.slotId).toBe(times[0]?.slotId);
    await sut.platform.jobs.drain();
    const msgs = await sut.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.recipient, waiting.user.phone as string));
    expect(msgs.some((m) => m.body.includes('30'))).toBe(true);
    const ok = await sut.app.inject({
      method: 'POST',
      url: `/api/appointments/holds/${offer?.id}/confirm`,
      headers: waiting.headers(),
      payload: {},
    });
    expect(ok.statusCode).toBe(201);
    const [old] = await sut.db.select().from(apptBookings).where(eq(apptBookings.id, later.booking.id));
    expect(old?.status).toBe('cancelled');
  });
});

describe('front desk and statistics', () => {
  it('books a caller, checks in, serves, marks no-shows, issues walk-in tickets; stats and CSV follow', async () => {
    const { service, unit, head } = await makeBookableService(sut);
    const { day, times } = await firstFreeTime(sut, service.id);
    const operator = await makeStaffSession(sut.db, sut.tenant.id, 'operator', unit.id);
    const h = sut.headers({ cookie: operator.cookie });
    const phone = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/desk-bookings',
      headers: h,
      payload: { slotId: times[0]?.slotId, channel: 'phone', name: 'Γιώργος Παπαδόπουλος', phone: '+306900000001' },
    });
    expect(phone.statusCode).toBe(201);
    const full = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/desk-bookings',
      headers: h,
      payload: { slotId: times[0]?.slotId, channel: 'phone', name: 'Άλλος Καλών' },
    });
    expect(full.json().code).toBe('appointment.slot_full'); // the phone quota of that time is 1
    const second = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/desk-bookings',
      headers: h,
      payload: { slotId: times[1]?.slotId, channel: 'phone', name: 'Μαρία Νικολάου' },
    });
    const id = phone.json().booking.id;
    for (const action of ['check-in', 'start', 'served']) {
      const r = await sut.app.inject({ method: 'POST', url: `/api/appointments/${id}/${action}`, headers: h });
      expect(r.statusCode).toBe(200);
    }
    const twice = await sut.app.inject({ method: 'POST', url: `/api/appointments/${id}/check-in`, headers: h });
    expect(twice.json().code).toBe('appointment.bad_transition');
    await sut.app.inject({ method: 'POST', url: `/api/appointments/${second.json().booking.id}/no-show`, headers: h });

    const t1 = await sut.app.inject({
      method: 'POST',
      url: '/api/appointments/walk-ins',
      headers: h,
      payload: { unitId: unit.id, serviceId: service.id },
    });
    const t2 = await sut.app.inject({ method: 'POST', url: '/api/appointments/walk-ins', headers: h, payload: { unitId: unit.id } });
    expect([t1.json().ticketNumber, t2.json().ticketNumber]).toEqual(['Α001', 'Α002']);

    const view = (await sut.app.inject({ url: `/api/appointments/day?unitId=${unit.id}&date=${day.date}`, headers: h })).json();
    const listed = view.counters.flatMap((c: { appointments: { id: string; status: string }[] }) => c.appointments);
    expect(listed.find((a: { id: string }) => a.id === id)?.status).toBe('served');

    const stats = await sut.app.inject({
      url: `/api/appointments/admin/stats?from=${day.date}&to=${day.date}&unitId=${unit.id}`,
      headers: sut.headers({ cookie: head.cookie }),
    });
    expect(stats.statusCode).toBe(200);
    const row = stats.json()[0];
    expect(row).toMatchObject({ serviceId: service.id, bookings: 2, served: 1, noShows: 1, noShowRate: 0.5 });
    expect(row.avgServiceMin).not.toBeNull();
    expect(row.utilisation).toBeGreaterThan(0);
    const csv = await sut.app.inject({
      url: `/api/appointments/admin/stats.csv?from=${day.date}&to=${day.date}&unitId=${unit.id}`,
      headers: sut.headers({ cookie: head.cookie }),
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('noShowRate');

    const audits = await sut.db.execute(`select action from audit_log where entity_id = '${id}'`);
    expect((audits as unknown as { rows: unknown[] }).rows.length).toBe(4); // booked for the caller, checked in, started, served
  });

  it('folds long iCalendar lines without splitting Greek letters', () => {
    const line = `SUMMARY:${'Έκδοση πιστοποιητικού '.repeat(8)}`;
    const folded = foldLine(line);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(icsCalendar({ uid: 'x', start: new Date(0), end: new Date(60_000), summary: 'a;b,c' })).toContain('SUMMARY:a\\;b\\,c');
  });
});

describe('demo seed', () => {
  it('adds the two demo services with Mon–Fri hours and materialised times', async () => {
    const demo = await createTestApp({}, undefined, { parts: ['notify', 'appointments'] });
    try {
      await makeUnit(demo.db, demo.tenant.id, { code: 'DIMOT' });
      await makeUnit(demo.db, demo.tenant.id, { code: 'APOK' });
      await appointmentsApi.seedDemo?.(demo.platform, demo.tenant.id);
      const services = (await demo.app.inject({ url: '/api/appointments/services', headers: demo.headers() })).json();
      expect(services.map((s: { name: { el: string } }) => s.name.el).sort()).toEqual([
        'Έκδοση πιστοποιητικού οικογενειακής κατάστασης',
        'Παραλαβή κάδου ανακύκλωσης',
      ]);
      const days = (await demo.app.inject({ url: `/api/appointments/services/${services[0].id}/days`, headers: demo.headers() })).json();
      expect(days.some((d: { free: number }) => d.free > 0)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
