import type { Platform } from '../../platform/context.js';
import { t } from '../../platform/i18n/i18n.js';
import type { DomainEvent } from '../../platform/jobs/jobs.js';
import { systemContextOf } from '../../platform/service-context.js';
import { findCase, moveCaseToState } from '../cases/index.js';
import { notify } from '../notify/index.js';
import { alertsFor } from './alerts.service.js';
import { areasOf } from './areas.js';
import { categoryByType } from './categories.js';
import { staleMap } from './map.service.js';
import { loadReportSettings, publicStatus } from './status.js';

/**
 * What the module does when the case engine reports a change to a street problem:
 * a new report for an outside body is forwarded (state → the workflow's "rejected" state, a public
 * "sent to X" entry, an e-mail to the body); a new report sets off area alerts; a report marked
 * fixed gets a question some weeks later, asking the reporter whether it really was.
 */

export const FIXED_CHECK_QUEUE = 'reports.fixed-check';

async function caseOf(platform: Platform, tenantId: string, caseId: string) {
  return findCase(platform.db, tenantId, caseId);
}

async function forward(platform: Platform, e: DomainEvent) {
  const c = await caseOf(platform, e.tenantId, String(e.payload.caseId));
  if (!c) return;
  const cat = await categoryByType(platform.db, e.tenantId, c.caseTypeId);
  if (!cat?.outsideBody) return;
  const body = cat.outsideBody;
  const ctx = await systemContextOf(platform.db, e.tenantId, { kind: 'job', name: 'reports:forward' });
  const sent = await platform.db.transaction(async (tx) =>
    moveCaseToState(platform, tx, ctx, c.id, {
      onlyFrom: ['new'], // already handled (or gone) otherwise
      to: (states) => states.find((s) => s.key === 'forwarded') ?? states.find((s) => s.category === 'rejected'),
      event: ({ from, to }) => ({
        kind: 'forwarded',
        public: true,
        data: { toEl: body.nameEl, toEn: body.nameEn, kind: body.kind, email: body.email ?? null, from, to },
      }),
      emit: { forwardedTo: body.nameEl, comment: `${body.nameEl}${body.phone ? ` (${body.phone})` : ''}` },
    }),
  );
  if (!sent) return;
  staleMap(e.tenantId);
  if (body.email) {
    const where = c.lat != null && c.lon != null ? `${c.lat.toFixed(6)}, ${c.lon.toFixed(6)}` : '';
    await platform.messaging.sendEmail(e.tenantId, {
      to: body.email,
      subject: t('el', 'reports.forwarded_subject', { protocol: c.protocolNumber ?? c.trackingCode }),
      text: [
        c.title,
        c.description ?? '',
        c.address ?? '',
        where,
        `https://www.openstreetmap.org/?mlat=${c.lat}&mlon=${c.lon}#map=18/${c.lat}/${c.lon}`,
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
}

async function areaAlerts(platform: Platform, e: DomainEvent) {
  const c = await caseOf(platform, e.tenantId, String(e.payload.caseId));
  if (!c || c.lat == null || c.lon == null) return;
  const cat = await categoryByType(platform.db, e.tenantId, c.caseTypeId);
  if (!cat) return;
  staleMap(e.tenantId);
  const hits = await alertsFor(platform.db, e.tenantId, c.lon, c.lat);
  // the reporter does not need to hear about their own report
  const recipients = hits.filter((a) => !(a.userId && a.userId === c.citizenUserId) && !(a.deviceId && a.deviceId === c.deviceId));
  if (!recipients.length) return;
  const areas = await areasOf(platform.db, e.tenantId);
  await platform.db.transaction(async (tx) => {
    for (const a of recipients) {
      const district = a.kind === 'district' ? areas.find((x) => x.id === a.areaId) : null;
      const areaName = (lang: 'el' | 'en') =>
        a.label ??
        (district ? (lang === 'el' ? district.nameEl : district.nameEn) : lang === 'el' ? 'γύρω από το σημείο σας' : 'around your point');
      const text = (lang: 'el' | 'en') =>
        t(lang, 'reports.alert_new', { area: areaName(lang), title: c.title, category: lang === 'el' ? cat.name.el : cat.name.en });
      await notify(tx, {
        tenantId: e.tenantId,
        recipients: [{ userId: a.userId, deviceId: a.deviceId }],
        subject: { el: t('el', 'reports.alert_subject'), en: t('en', 'reports.alert_subject') },
        text: { el: text('el'), en: text('en') },
        url: `/reports/${c.id}`,
        channels: ['push', 'email', 'inapp'],
        source: 'event',
        dedupeKey: `reports.alert:${a.id}:${c.id}`,
      });
    }
  });
}

/** When a report becomes "fixed", the question is scheduled; a later state change makes the job do nothing. */
async function scheduleFixedCheck(platform: Platform, e: DomainEvent) {
  const c = await caseOf(platform, e.tenantId, String(e.payload.caseId));
  if (!c) return;
  if (!(await categoryByType(platform.db, e.tenantId, c.caseTypeId))) return;
  staleMap(e.tenantId);
  const s = await loadReportSettings(platform.db, e.tenantId);
  if (publicStatus(c.state, c.stateCategory, s.statusMap) !== 'fixed' || !c.resolvedAt) return;
  if (!c.citizenUserId && !c.deviceId) return;
  await platform.db.transaction(async (tx) => {
    await platform.jobs.enqueue(tx, {
      queue: FIXED_CHECK_QUEUE,
      tenantId: e.tenantId,
      payload: { caseId: c.id, resolvedAt: c.resolvedAt?.toISOString() },
      runAt: new Date(c.resolvedAt!.getTime() + s.fixedCheckWeeks * 7 * 86_400_000),
      dedupeKey: `${FIXED_CHECK_QUEUE}:${c.id}:${c.resolvedAt!.getTime()}`,
    });
  });
}

/** The question itself: only if the report is still "fixed" since the same moment. */
export async function fixedCheck(platform: Platform, tenantId: string, caseId: string, resolvedAt: string) {
  const c = await caseOf(platform, tenantId, caseId);
  if (!c?.resolvedAt || c.resolvedAt.toISOString() !== resolvedAt) return false;
  const s = await loadReportSettings(platform.db, tenantId);
  if (publicStatus(c.state, c.stateCategory, s.statusMap) !== 'fixed') return false;
  const text = (lang: 'el' | 'en') => t(lang, 'reports.fixed_check', { title: c.title });
  const sent = await platform.db.transaction(async (tx) =>
    notify(tx, {
      tenantId,
      recipients: [{ userId: c.citizenUserId, deviceId: c.deviceId }],
      subject: { el: t('el', 'reports.fixed_check_subject'), en: t('en', 'reports.fixed_check_subject') },
      text: { el: text('el'), en: text('en') },
      url: `/reports/${c.id}`,
      source: 'event',
      dedupeKey: `${FIXED_CHECK_QUEUE}:${c.id}:${resolvedAt}`,
    }),
  );
  return sent !== null;
}

export function registerReportEvents(platform: Platform) {
  platform.jobs.on('case.submitted', 'reports:forward', (e) => forward(platform, e));
  platform.jobs.on('case.submitted', 'reports:alerts', (e) => areaAlerts(platform, e));
  platform.jobs.on('case.transitioned', 'reports:transitioned', (e) => scheduleFixedCheck(platform, e));
  platform.jobs.on('case.merged', 'reports:merged', async (e) => staleMap(e.tenantId));
  platform.jobs.register(FIXED_CHECK_QUEUE, async (job) => {
    await fixedCheck(platform, job.tenantId as string, String(job.payload.caseId), String(job.payload.resolvedAt));
  });
}
