import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { type Lang, t } from '../../platform/i18n/i18n.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import { getCaseType, LIFE_EVENTS, listCaseTypes, type TCaseTypeSnapshot, type TCaseTypeView } from '../cases/index.js';

/**
 * The citizen catalogue is a view of the case types: every public, active type that names at
 * least one life event (or has its own application page). Nothing is stored here; an
 * administrator's edit of a type shows at once.
 */
export type TLifeEvent = (typeof LIFE_EVENTS)[number];

/** Lower case, no accents or diaeresis, final sigma folded: «Γέννηση» ~ «γεννηση» ~ «ΓΕΝΝΗΣΗ». */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('el').replace(/ς/g, 'σ');
}

export const inCatalogue = (s: TCaseTypeSnapshot) => s.public && (s.lifeEvents.length > 0 || s.applyPath !== null);

const name = (s: TCaseTypeSnapshot, lang: Lang) => (lang === 'en' ? s.nameEn : s.nameEl);
const description = (s: TCaseTypeSnapshot, lang: Lang) => (lang === 'en' ? s.descriptionEn : s.descriptionEl) ?? '';
/** The first sentence of the description, for lists. */
function summaryOf(text: string) {
  const m = /^(.+?[.;·!?])(\s|$)/u.exec(text);
  return (m?.[1] ?? text).slice(0, 300);
}

function feeView(s: TCaseTypeSnapshot) {
  if (!s.fee) return null;
  return {
    cents: s.fee.cents,
    ...(s.fee.eParavoloCode ? { eParavoloCode: s.fee.eParavoloCode } : {}),
    ...(s.fee.lateFrom ? { lateFrom: s.fee.lateFrom } : {}),
    ...(s.fee.lateFines?.length ? { lateFines: s.fee.lateFines.map((f) => ({ ...f })) } : {}),
  };
}

function searchable(type: TCaseTypeView) {
  const s = type.snapshot;
  return fold(
    [s.nameEl, s.nameEn, s.descriptionEl ?? '', s.descriptionEn ?? '', ...s.requiredDocuments.flatMap((d) => [d.el, d.en]), type.key].join(
      ' ',
    ),
  );
}

function summary(type: TCaseTypeView, lang: Lang) {
  const s = type.snapshot;
  return {
    key: type.key,
    name: name(s, lang),
    summary: summaryOf(description(s, lang)),
    group: type.group,
    icon: type.icon,
    lifeEvents: s.lifeEvents,
    identity: s.identity,
    slaDays: s.slaDays,
    fee: feeView(s),
    issuesDocument: Boolean(s.issuedDocument?.templateKey),
    applyPath: s.applyPath,
  };
}
export type TServiceSummary = ReturnType<typeof summary>;

export async function catalogue(db: DbOrTx, tenantId: string, lang: Lang, opts: { q?: string; lifeEvent?: TLifeEvent }) {
  const all = (await listCaseTypes(db, tenantId, { publicOnly: true })).filter((ct) => inCatalogue(ct.snapshot));
  const words = opts.q ? fold(opts.q).split(/\s+/).filter(Boolean) : [];
  const matching = words.length
    ? all.filter((ct) => {
        const hay = searchable(ct);
        return words.every((w) => hay.includes(w));
      })
    : all;
  const lifeEvents = LIFE_EVENTS.map((key) => ({
    key,
    name: t(lang, `eservices.life_event.${key}`),
    count: matching.filter((ct) => ct.snapshot.lifeEvents.includes(key)).length,
  }));
  const listed = opts.lifeEvent ? matching.filter((ct) => ct.snapshot.lifeEvents.includes(opts.lifeEvent as TLifeEvent)) : matching;
  const services = listed.map((ct) => summary(ct, lang)).sort((a, b) => a.name.localeCompare(b.name, lang));
  return { lifeEvents, services };
}

/** The type behind a catalogue key, or 404 `eservices.not_found` (also for types not in the catalogue). */
export async function catalogueType(db: DbOrTx, tenantId: string, key: string): Promise<TCaseTypeView> {
  const type = /^[a-z0-9][a-z0-9_-]{0,62}$/.test(key) ? await getCaseType(db, tenantId, key).catch(() => null) : null;
  if (!type?.active || !inCatalogue(type.snapshot)) throw new AppError('eservices.not_found', 404);
  return type;
}

export async function servicePage(db: DbOrTx, tenantId: string, lang: Lang, key: string) {
  const type = await catalogueType(db, tenantId, key);
  const s = type.snapshot;
  let issuingUnit: { name: string } | null = null;
  if (s.defaultUnitId) {
    const [u] = await db
      .select({ nameEl: orgUnits.nameEl, nameEn: orgUnits.nameEn })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, s.defaultUnitId)));
    if (u) issuingUnit = { name: lang === 'en' ? u.nameEn : u.nameEl };
  }
  return {
    key: type.key,
    name: name(s, lang),
    description: description(s, lang),
    group: type.group,
    icon: type.icon,
    lifeEvents: s.lifeEvents,
    identity: s.identity,
    onBehalf: s.onBehalf,
    issuingUnit,
    slaDays: s.slaDays,
    fee: feeView(s),
    issuesDocument: Boolean(s.issuedDocument?.templateKey),
    applyPath: s.applyPath,
    requiredDocuments: s.requiredDocuments.map((d) => ({
      ...(d.key ? { key: d.key } : {}),
      label: lang === 'en' ? d.en : d.el,
      optional: Boolean(d.optional),
      ...(d.registry ? { registry: d.registry } : {}),
    })),
    form: s.form,
  };
}
