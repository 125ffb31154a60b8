import { z } from 'zod';
import type { TFormDefinition, TFormField } from './form.schema.js';
import { PERSON_PART_LABELS } from './forms.messages.js';
import { personParts, showIfHolds } from './validate.js';

type TLocalized = { el: string; en: string };
const both = (s: string): TLocalized => ({ el: s, en: s });

const YES: TLocalized = { el: 'Ναι', en: 'Yes' };
const NO: TLocalized = { el: 'Όχι', en: 'No' };

/** A date as words in both languages («5 Μαρτίου 2026», "5 March 2026"); anything else as written. */
function dateWords(v: unknown): TLocalized {
  const s = String(v);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return both(s);
  const d = new Date(`${s}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  return { el: d.toLocaleDateString('el-GR', opts), en: d.toLocaleDateString('en-GB', opts) };
}

/** One answer of a submitted form, ready to show: the field's label and its value in words, in both languages. */
export const ZAnswer = z.object({
  id: z.string(),
  label: z.object({ el: z.string(), en: z.string() }),
  kind: z.enum(['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'yesNo', 'location', 'files', 'person', 'other']),
  /** The value in words (a choice's label, «Ναι», a date as a date, a location's address). */
  value: z.object({ el: z.string(), en: z.string() }).nullable(),
  /** A person block: its parts, labelled. */
  parts: z.array(z.object({ label: z.object({ el: z.string(), en: z.string() }), value: z.string() })).optional(),
  /** Attached files by name (ids for `/api/files/:id`). */
  files: z.array(z.object({ id: z.string(), name: z.string(), mime: z.string().nullable() })).optional(),
  location: z.object({ lat: z.number(), lon: z.number() }).optional(),
});
export type TAnswer = z.infer<typeof ZAnswer>;

export type TFileName = { name: string; mime: string | null };

function answerOf(f: TFormField, v: unknown, files: Map<string, TFileName>): TAnswer {
  const base = { id: f.id, label: f.label, kind: f.kind } as const;
  switch (f.kind) {
    case 'choice': {
      const o = f.options.find((x) => x.value === v);
      return { ...base, value: o ? o.label : both(String(v)) };
    }
    case 'multiChoice': {
      const vs = Array.isArray(v) ? v : [v];
      const labels = vs.map((x) => f.options.find((o) => o.value === x)?.label ?? both(String(x)));
      return { ...base, value: { el: labels.map((l) => l.el).join(', '), en: labels.map((l) => l.en).join(', ') } };
    }
    case 'yesNo':
      return { ...base, value: v === true ? YES : v === false ? NO : both(String(v)) };
    case 'date':
      return { ...base, value: dateWords(v) };
    case 'number':
      return { ...base, value: { el: Number(v).toLocaleString('el-GR'), en: Number(v).toLocaleString('en-GB') } };
    case 'person': {
      const p = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
      const parts = personParts(f)
        .asked.filter((k) => p[k] !== undefined && p[k] !== '')
        .map((k) => ({
          label: f.partLabels?.[k] ?? PERSON_PART_LABELS[k],
          value: k === 'birthDate' ? dateWords(p[k]).el : String(p[k]),
        }));
      const name = [p.name, p.surname].filter(Boolean).join(' ');
      return { ...base, value: name ? both(name) : null, parts };
    }
    case 'files': {
      const ids = (Array.isArray(v) ? v : [v]).map(String);
      return {
        ...base,
        value: null,
        files: ids.map((id) => ({ id, name: files.get(id)?.name ?? id.slice(0, 8), mime: files.get(id)?.mime ?? null })),
      };
    }
    case 'location': {
      const l = (v && typeof v === 'object' ? v : {}) as { lat?: number; lon?: number; address?: string };
      const at = typeof l.lat === 'number' && typeof l.lon === 'number' ? { lat: l.lat, lon: l.lon } : undefined;
      const words = l.address ?? (at ? `${at.lat.toFixed(5)}, ${at.lon.toFixed(5)}` : '');
      return { ...base, value: both(words), ...(at ? { location: at } : {}) };
    }
    default:
      return { ...base, value: both(String(v)) };
  }
}

/**
 * A submission as staff read it, in the form's order: labels instead of field ids, choice labels
 * instead of values, «Ναι/Όχι», dates as dates, a person as a person, files by their names. Fields the
 * form hid (showIf not met) and empty answers are left out. Values the form does not name (kept
 * from an older version of the form) come last, under a neutral label, never as an internal key.
 */
export function renderAnswers(form: TFormDefinition, data: Record<string, unknown>, files: Map<string, TFileName> = new Map()): TAnswer[] {
  const out: TAnswer[] = [];
  const known = new Set<string>();
  for (const f of form.fields) {
    known.add(f.id);
    if (f.showIf && !showIfHolds(f.showIf, data[f.showIf.field])) continue;
    const v = data[f.id];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out.push(answerOf(f, v, files));
  }
  for (const [k, v] of Object.entries(data)) {
    if (known.has(k) || v === undefined || v === null || v === '') continue;
    const text =
      typeof v === 'object'
        ? Object.values(v as Record<string, unknown>)
            .filter((x) => x !== null && x !== '')
            .join(', ')
        : String(v);
    out.push({ id: k, label: { el: 'Άλλο στοιχείο', en: 'Other detail' }, kind: 'other', value: both(text) });
  }
  return out;
}

/** Every file id in a submission's `files` fields (to look their names up once). */
export function answerFileIds(form: TFormDefinition, data: Record<string, unknown>): string[] {
  return form.fields
    .filter((f) => f.kind === 'files')
    .flatMap((f) => (Array.isArray(data[f.id]) ? (data[f.id] as unknown[]).map(String) : []));
}
