import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Platform } from '../context.js';
import type { App } from '../http/types.js';
import { outboundMessages } from '../messaging/messaging.schema.js';

/**
 * Development only (never mounted in production or tests): the newest messages the development
 * outbox holds for one address, so a person trying the demo, and the browser tests, can read
 * the codes the server e-mails (TOTP enrolment, verification) without an SMTP server.
 */
export async function devOutboxRoutes(app: App, platform: Platform) {
  if (platform.cfg.NODE_ENV !== 'development' || platform.cfg.SMTP_URL) return;
  app.get(
    '/api/dev/outbox',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: z.object({ to: z.string().trim().min(3).max(320) }),
        response: { 200: z.array(z.object({ subject: z.string().nullable(), body: z.string(), at: z.string() })) },
      },
    },
    async (req) => {
      const found = await platform.db
        .select()
        .from(outboundMessages)
        .where(and(eq(outboundMessages.tenantId, req.tenant.id), eq(outboundMessages.recipient, req.query.to)))
        .orderBy(desc(outboundMessages.createdAt))
        .limit(5);
      return found.map((m) => ({ subject: m.subject ?? null, body: m.body, at: m.createdAt.toISOString() }));
    },
  );
}
