import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { TConfig } from '../config/config.js';
import type { Db } from '../db/database.js';
import { outboundMessages } from './messaging.schema.js';

export type Email = { to: string; subject: string; text: string; html?: string };

/**
 * The platform's minimal outgoing channels, used for verification codes and password
 * resets. E-mail goes over SMTP when SMTP_URL is set; SMS goes to the configured provider
 * (the notifications module plugs real providers in). Every message is also recorded in
 * `outbound_messages`, which in development is the outbox you read codes from.
 */
export class Messaging {
  private transport: Transporter | undefined;
  private smsSender: ((to: string, text: string) => Promise<{ provider: string }>) | undefined;

  constructor(
    private db: Db,
    private cfg: Pick<TConfig, 'SMTP_URL' | 'MAIL_FROM'>,
    private log: FastifyBaseLogger,
  ) {
    if (cfg.SMTP_URL) this.transport = nodemailer.createTransport(cfg.SMTP_URL);
  }

  /** Lets the notifications module route SMS through a real provider. */
  useSmsSender(fn: (to: string, text: string) => Promise<{ provider: string }>) {
    this.smsSender = fn;
  }

  async sendEmail(tenantId: string, mail: Email) {
    const [row] = await this.db
      .insert(outboundMessages)
      .values({
        tenantId,
        channel: 'email',
        recipient: mail.to,
        subject: mail.subject,
        body: mail.text,
        provider: this.transport ? 'smtp' : 'outbox',
      })
      .returning({ id: outboundMessages.id });
    if (!this.transport) return;
    try {
      await this.transport.sendMail({ from: this.cfg.MAIL_FROM, ...mail });
      await this.mark(row?.id, 'sent');
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'e-mail failed');
      await this.mark(row?.id, 'failed');
      throw err;
    }
  }

  async sendSms(tenantId: string, to: string, text: string) {
    const provider = this.smsSender ? 'provider' : 'outbox';
    const [row] = await this.db
      .insert(outboundMessages)
      .values({ tenantId, channel: 'sms', recipient: to, body: text, provider })
      .returning({ id: outboundMessages.id });
    if (!this.smsSender) return;
    await this.smsSender(to, text);
    await this.mark(row?.id, 'sent');
  }

  private async mark(id: string | undefined, status: 'sent' | 'failed') {
    if (!id) return;
    await this.db
      .update(outboundMessages)
      .set({ status, sentAt: status === 'sent' ? new Date() : null })
      .where(eq(outboundMessages.id, id));
  }
}
