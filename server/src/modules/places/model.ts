import { z } from 'zod';
import { hoursValid } from './hours.js';
import type { TWeeklyHours } from './schema.js';

const ZInterval = z.object({ open: z.string(), close: z.string() });
export const ZWeeklyHours = z
  .object({
    mon: z.array(ZInterval).max(6).optional(),
    tue: z.array(ZInterval).max(6).optional(),
    wed: z.array(ZInterval).max(6).optional(),
    thu: z.array(ZInterval).max(6).optional(),
    fri: z.array(ZInterval).max(6).optional(),
    sat: z.array(ZInterval).max(6).optional(),
    sun: z.array(ZInterval).max(6).optional(),
  })
  .strict()
  .refine((h) => hoursValid(h as TWeeklyHours), { message: 'places.hours_invalid' });

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));
const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A place as staff edit it (and as each imported row must be). */
export const ZPlaceBody = z.object({
  category: z.string().min(1).max(64).describe('category key'),
  nameEl: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  descriptionEl: text(4000),
  descriptionEn: text(4000),
  address: z.string().trim().min(1).max(300),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  phones: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{5,20}$/),
    )
    .max(10)
    .default([]),
  email: z.email().max(200).nullable().optional(),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
  hours: ZWeeklyHours.nullable().optional(),
  hoursNoteEl: text(500),
  hoursNoteEn: text(500),
  wheelchair: z.enum(['yes', 'limited', 'no']).nullable().optional(),
  accessibilityEl: text(2000),
  accessibilityEn: text(2000),
  dutyDates: z.array(ZDay).max(400).default([]),
  photoIds: z.array(z.uuid()).max(10).default([]),
  published: z.boolean().default(true),
});
export type TPlaceBody = z.infer<typeof ZPlaceBody>;

export const ZCategoryBody = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/),
  nameEl: z.string().trim().min(1).max(120),
  nameEn: z.string().trim().min(1).max(120),
  icon: z.string().trim().min(1).max(40),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#0b5394'),
  sort: z.number().int().min(0).max(1000).default(0),
});

const ZLocalized = z.object({ el: z.string(), en: z.string() });

export const ZCategoryView = z.object({
  id: z.uuid(),
  key: z.string(),
  name: ZLocalized,
  icon: z.string(),
  color: z.string(),
  sort: z.number().int(),
  count: z.number().int(),
});

export const ZPlaceSummary = z.object({
  id: z.uuid(),
  category: z.object({ key: z.string(), name: ZLocalized, icon: z.string(), color: z.string() }),
  name: ZLocalized,
  address: z.string(),
  lat: z.number(),
  lon: z.number(),
  phones: z.array(z.string()),
  wheelchair: z.enum(['yes', 'limited', 'no']).nullable(),
  openNow: z.boolean().nullable(),
  onDutyToday: z.boolean(),
  distanceM: z.number().nullable(),
  thumbUrl: z.string().nullable(),
  published: z.boolean(),
});

export const ZPlaceView = ZPlaceSummary.extend({
  description: ZLocalized.nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  hours: ZWeeklyHours.nullable(),
  hoursNote: ZLocalized.nullable(),
  accessibility: ZLocalized.nullable(),
  dutyDates: z.array(z.string()),
  photos: z.array(
    z.object({
      id: z.uuid(),
      url: z.string(),
      thumbUrl: z.string().nullable(),
      width: z.number().nullable(),
      height: z.number().nullable(),
    }),
  ),
  updatedAt: z.date(),
});
