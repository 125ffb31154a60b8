import { and, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { definePermissions } from '../access/access.js';
import { audit } from '../audit/audit.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import type { App } from '../http/types.js';
import { registerMessages } from '../i18n/i18n.js';
import { tenantHolidays } from './calendar.schema.js';
import { greekPublicHolidays, parseLocalDate } from './holidays.js';

definePermissions({ 'calendar.manage': [] });

registerMessages({
  'calendar.holiday_exists': {
    el: 'Υπάρχει ήδη αργία του δήμου στις {date}.',
    en: 'The municipality already has a day off on {date}.',
  },
  'calendar.holiday_not_found': { el: 'Η αργία δεν βρέθηκε.', en: 'Day off not found.' },
  'calendar.date_invalid': { el: 'Η ημερομηνία δεν είναι έγκυρη.', en: 'The date is not valid.' },
  'calendar.year_out_of_range': { el: 'Το έτος πρέπει να είναι από 1900 έως 2099.', en: 'The year must be from 1900 to 2099.' },
});

const isRealDate = (s: string) => {
  try {
    parseLocalDate(s);
    return true;
  } catch {
    return false;
  }
};

const ZTenantHoliday = z.object({
  id: z.uuid(),
  date: z.string().meta({ description: 'YYYY-MM-DD' }),
  nameEl: z.string(),
  nameEn: z.string(),
  kind: z.enum(['holiday', 'closure']),
});

const ZHolidayBody = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    nameEl: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    kind: z.enum(['holiday', 'closure']).default('holiday'),
  })
  .strict();

const ZCalendar = z.object({
  year: z.number().int(),
  /** National public holidays (computed, the same for every municipality). */
  national: z.array(z.object({ date: z.string(), key: z.string(), nameEl: z.string(), nameEn: z.string() })),
  /** The municipality's own days off: local holidays and closures. */
  tenant: z.array(ZTenantHoliday),
});

/**
 * The working calendar: national holidays (read-only) and the municipality's own days off,
 * which administrators add and remove. Registered by the org API part (tenancy).
 */
export async function calendarRoutes(r: App, db: Db) {
  r.get(
    '/api/holidays',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['calendar'],
        summary: "A year's national holidays and the municipality's own days off",
        querystring: z.object({ year: z.coerce.number().int().optional() }).strict(),
        response: { 200: ZCalendar },
      },
    },
    async (req) => {
      const year = req.query.year ?? Number(new Date().toISOString().slice(0, 4));
      if (year < 1900 || year > 2099) {
        throw new AppError('calendar.year_out_of_range', 400, {}, [{ field: 'year', code: 'calendar.year_out_of_range' }]);
      }
      const own = await db
        .select()
        .from(tenantHolidays)
        .where(
          and(
            eq(tenantHolidays.tenantId, req.tenant.id),
            gte(tenantHolidays.date, `${year}-01-01`),
            lte(tenantHolidays.date, `${year}-12-31`),
          ),
        )
        .orderBy(tenantHolidays.date);
      return {
        year,
        national: greekPublicHolidays(year).map((h) => ({ date: h.date, key: h.key, nameEl: h.name.el, nameEn: h.name.en })),
        tenant: own.map((h) => ({ id: h.id, date: h.date, nameEl: h.nameEl, nameEn: h.nameEn, kind: h.kind })),
      };
    },
  );

  r.post(
    '/api/holidays',
    {
      config: { access: 'perm:calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Add a day off of the municipality (local holiday or closure); it stops SLA clocks',
        body: ZHolidayBody,
        response: { 201: ZTenantHoliday },
      },
    },
    async (req, reply) => {
      const body = req.body;
      if (!isRealDate(body.date)) {
        throw new AppError('calendar.date_invalid', 400, {}, [{ field: 'date', code: 'calendar.date_invalid' }]);
      }
      const row = await db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: tenantHolidays.id })
          .from(tenantHolidays)
          .where(and(eq(tenantHolidays.tenantId, req.tenant.id), eq(tenantHolidays.date, body.date)));
        if (existing) {
          throw new AppError('calendar.holiday_exists', 409, { date: body.date }, [
            { field: 'date', code: 'calendar.holiday_exists', params: { date: body.date } },
          ]);
        }
        const [created] = await tx
          .insert(tenantHolidays)
          .values({ tenantId: req.tenant.id, ...body })
          .returning();
        if (!created) throw new Error('holiday insert returned nothing');
        await audit(tx, req, { action: 'calendar.holiday.create', entity: 'tenant_holiday', entityId: created.id, data: { ...body } });
        return created;
      });
      return reply.status(201).send({ id: row.id, date: row.date, nameEl: row.nameEl, nameEn: row.nameEn, kind: row.kind });
    },
  );

  r.delete(
    '/api/holidays/:id',
    {
      config: { access: 'perm:calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Remove a day off of the municipality',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null().meta({ description: 'Deleted' }) },
      },
    },
    async (req, reply) => {
      await db.transaction(async (tx) => {
        const [gone] = await tx
          .delete(tenantHolidays)
          .where(and(eq(tenantHolidays.tenantId, req.tenant.id), eq(tenantHolidays.id, req.params.id)))
          .returning();
        if (!gone) throw new AppError('calendar.holiday_not_found', 404);
        await audit(tx, req, { action: 'calendar.holiday.delete', entity: 'tenant_holiday', entityId: gone.id, data: { date: gone.date } });
      });
      return reply.status(204).send(null);
    },
  );
}
