import { definePermissions } from '../../platform/access/access.js';
import type { Platform } from '../../platform/context.js';
import type { ApiPart } from '../../platform/http/app.js';
import './messages.js';
import { BROADCAST_QUEUE, fanOut } from './broadcast.service.js';
import { deliverHandler } from './deliver.worker.js';
import { registerCaseEvents } from './events.js';
import { OBLIGATIONS_QUEUE, sendDueNotices } from './obligations.js';
import { fireReminder, REMINDER_QUEUE } from './reminders.js';
import { notifyRoutes } from './routes.js';
import { DELIVER_QUEUE } from './send.service.js';

/**
 * Notifications: Web Push, SMS (Apifon, Yuboto, Routee), e-mail and an in-app inbox;
 * preferences, subscriptions, templates, broadcasts and reminders. See README.md.
 */

export { scheduleApprovedBroadcast } from './broadcast.service.js';
export {
  closeObligation,
  DEFAULT_OBLIGATION_CHANNELS,
  OBLIGATIONS_QUEUE,
  obligationsOf,
  sendDueNotices,
  type TObligationInput,
  upsertObligation,
} from './obligations.js';
export { subscribe, subscribersOf } from './prefs.service.js';
export { cancelReminder, scheduleReminder, type TReminderInput } from './reminders.js';
export { notify, type TNotifyInput, type TRecipient } from './send.service.js';
export { countSegments, smsCost } from './sms.js';

definePermissions({
  'notify.templates': [],
  'broadcasts.send': ['mayor_office'],
  'broadcasts.approve': ['mayor_office'],
});

export const notifyApi: ApiPart = {
  name: 'notify',
  plugin: async (app, { platform }) => {
    await notifyRoutes(app, platform);
  },
  async setup(platform: Platform) {
    platform.jobs.register(DELIVER_QUEUE, deliverHandler(platform), { maxAttempts: 6, backoffMs: 2000 });
    platform.jobs.register(BROADCAST_QUEUE, async (job) => fanOut(platform, job.tenantId as string, String(job.payload.broadcastId)), {
      maxAttempts: 10,
    });
    platform.jobs.register(REMINDER_QUEUE, async (job) =>
      fireReminder(platform, job.tenantId as string, String(job.payload.reminderId), String(job.payload.at)),
    );
    registerCaseEvents(platform);
    platform.jobs.register(OBLIGATIONS_QUEUE, async () => {
      await sendDueNotices(platform);
    });
    await platform.jobs.schedule(OBLIGATIONS_QUEUE, '0 8 * * *', OBLIGATIONS_QUEUE);
  },
};
