import nodemailer, { type Transporter } from 'nodemailer';
import type { Lang } from '../../platform/i18n/i18n.js';
import type { TBranding } from '../../platform/tenancy/tenancy.schema.js';
import { escapeHtml, textToHtml } from './templates.js';

/** E-mail with the municipality's branding: its name, colour and footer, in HTML and plain text. */

export type TBrand = { nameEl: string; nameEn: string; branding: TBranding };

const transports = new Map<string, Transporter>();
/** One pooled SMTP transport per URL per process (keeps connections open across deliveries). */
export function smtpTransport(url: string) {
  let t = transports.get(url);
  if (!t) {
    const u = new URL(url);
    t = nodemailer.createTransport({
      host: u.hostname,
      port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
      secure: u.protocol === 'smtps:',
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      pool: true,
      maxConnections: 10,
      maxMessages: Number.POSITIVE_INFINITY,
      ignoreTLS: u.hostname === '127.0.0.1' || u.hostname === 'localhost',
    });
    transports.set(url, t);
  }
  return t;
}

const safeColor = (c: string | undefined) => (c && /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : '#1c4e80');

export function brandedEmail(brand: TBrand, lang: Lang, m: { subject: string; text: string; html?: string | null; url?: string | null }) {
  const name = lang === 'en' ? brand.nameEn : brand.nameEl;
  const footer = (lang === 'en' ? brand.branding.emailFooterEn : brand.branding.emailFooterEl) ?? '';
  const color = safeColor(brand.branding.primaryColor);
  const body = m.html ?? textToHtml(m.text);
  const link = m.url ? `<p><a href="${escapeHtml(m.url)}">${escapeHtml(m.url)}</a></p>` : '';
  const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>
<body style="margin:0;font-family:Arial,sans-serif;color:#1a1a1a">
<div style="background:${color};color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold">${escapeHtml(name)}</div>
<div style="padding:24px">
<h1 style="font-size:18px;color:${color}">${escapeHtml(m.subject)}</h1>
${body}
${link}
</div>
<div style="border-top:3px solid ${color};padding:12px 24px;font-size:12px;color:#555555">${textToHtml(footer || name)}</div>
</body></html>`;
  const text = [name, '', m.text, ...(m.url ? ['', m.url] : []), '', '--', footer || name].join('\n');
  return { subject: m.subject, html, text };
}
