import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { makeUser } from '../../../test/factories.js';
import { closeObligation, offsetDue, sendDueNotices, upsertObligation } from './obligations.js';
import { notifyDeliveries, notifyMessages, notifyPreferences } from './schema.js';

let sut: TestApp;
beforeAll(async () => {
  sut = await createTestApp();
});
afterAll(async () => sut?.close());

const messagesFor = (subjectId: string) =>
  sut.db
    .select()
    .from(notifyMessages)
    .where(and(eq(notifyMessages.tenantId, sut.tenant.id), eq(notifyMessages.source, 'reminder')))
    .then((rows) => rows.filter((m) => (m.data as { subjectId?: string }).subjectId === subjectId));

describe('dated obligations', () => {
  it('picks the nearest offset already reached', () => {
    expect(offsetDue('2026-04-30', [30, 7, 0], '2026-03-30')).toBe(null);
    expect(offsetDue('2026-04-30', [30, 7, 0], '2026-03-31')).toBe(30);
    expect(offsetDue('2026-04-30', [30, 7, 0], '2026-04-25')).toBe(7);
    expect(offsetDue('2026-04-30', [30, 7, 0], '2026-05-03')).toBe(0);
  });

  it('sends each notice once by e-mail, SMS and in-app, skips missed offsets, starts afresh on renewal, stops when closed', async () => {
    const user = await makeUser(sut.db, sut.tenant.id, {
      kind: 'staff',
      email: 'garage@example.gr',
      emailVerifiedAt: new Date(),
      phone: '6900000001',
      phoneVerifiedAt: new Date(),
    });
    // the recipient's own channels (their preference) are respected: this one takes SMS too
    await sut.db.insert(notifyPreferences).values({ tenantId: sut.tenant.id, userId: user.id, channels: ['email', 'sms', 'inapp'] });
    const subjectId = randomUUID();
    const input = {
      tenantId: sut.tenant.id,
      subjectKind: 'test.paper',
      subjectId,
      title: { el: 'ΚΤΕΟ ΚΗΥ-1234', en: 'MOT ΚΗΥ-1234' },
      dueDate: '2026-04-30',
      offsetsDays: [30, 7, 0],
      recipients: [{ userId: user.id }],
    };
    await upsertObligation(sut.db, input);
    expect((await sendDueNotices(sut.platform, '2026-03-20')).sent).toBe(0);
    // first run after both the 30- and the 7-day marks: one notice (7 days), not two
    expect((await sendDueNotices(sut.platform, '2026-04-24')).sent).toBe(1);
    expect((await sendDueNotices(sut.platform, '2026-04-24')).sent).toBe(0);
    expect((await sendDueNotices(sut.platform, '2026-04-26')).sent).toBe(0);
    let msgs = await messagesFor(subjectId);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]?.subjectEl).toBe('Λήγει σε 6 ημέρες: ΚΤΕΟ ΚΗΥ-1234');
    expect(msgs[0]?.subjectEn).toBe('Due in 6 days: MOT ΚΗΥ-1234');
    const channels = (
      await sut.db
        .select()
        .from(notifyDeliveries)
        .where(eq(notifyDeliveries.messageId, msgs[0]?.id as string))
    )
      .map((d) => d.channel)
      .sort();
    expect(channels).toEqual(['email', 'inapp', 'sms']);
    // two workers on the same day: still one
    const both = await Promise.all([sendDueNotices(sut.platform, '2026-04-30'), sendDueNotices(sut.platform, '2026-04-30')]);
    expect(both[0].sent + both[1].sent).toBe(1);
    msgs = await messagesFor(subjectId);
    expect(msgs.map((m) => m.subjectEl).sort()).toEqual(['Λήγει σήμερα: ΚΤΕΟ ΚΗΥ-1234', 'Λήγει σε 6 ημέρες: ΚΤΕΟ ΚΗΥ-1234']);
    // renewed: the next due date's notices come again
    await upsertObligation(sut.db, { ...input, dueDate: '2027-04-30' });
    expect((await sendDueNotices(sut.platform, '2027-04-01')).sent).toBe(1);
    await closeObligation(sut.db, sut.tenant.id, 'test.paper', subjectId);
    expect((await sendDueNotices(sut.platform, '2027-04-29')).sent).toBe(0);
    expect(await messagesFor(subjectId)).toHaveLength(3);
  });
});
