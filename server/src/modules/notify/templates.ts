import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { notifyTemplates } from './schema.js';

/** Default templates, seeded per tenant on first use; administrators edit the tenant's copies. */
export const DEFAULT_TEMPLATES: Record<string, Record<Lang, { subject: string; text: string }>> = {
  'case.received': {
    el: {
      subject: 'Λάβαμε το αίτημά σας {{protocolNumber}}',
      text: 'Το αίτημά σας καταχωρίστηκε με αριθμό πρωτοκόλλου {{protocolNumber}}. Κωδικός παρακολούθησης: {{trackingCode}}.',
    },
    en: {
      subject: 'We received your request {{protocolNumber}}',
      text: 'Your request was registered with protocol number {{protocolNumber}}. Tracking code: {{trackingCode}}.',
    },
  },
  'case.answered': {
    el: { subject: 'Απάντηση στο αίτημα {{protocolNumber}}', text: 'Ο Δήμος απάντησε στο αίτημά σας {{protocolNumber}}:\n{{body}}' },
    en: { subject: 'Reply to request {{protocolNumber}}', text: 'The municipality replied to your request {{protocolNumber}}:\n{{body}}' },
  },
  'case.info_needed': {
    el: {
      subject: 'Χρειάζονται στοιχεία για το αίτημα {{protocolNumber}}',
      text: 'Για να προχωρήσει το αίτημά σας {{protocolNumber}} χρειαζόμαστε: {{message}}',
    },
    en: {
      subject: 'Information needed for request {{protocolNumber}}',
      text: 'To move your request {{protocolNumber}} forward we need: {{message}}',
    },
  },
  'case.resolved': {
    el: { subject: 'Το αίτημα {{protocolNumber}} ολοκληρώθηκε', text: 'Το αίτημά σας {{protocolNumber}} ολοκληρώθηκε. {{comment}}' },
    en: { subject: 'Request {{protocolNumber}} completed', text: 'Your request {{protocolNumber}} has been completed. {{comment}}' },
  },
  'case.status_changed': {
    el: {
      subject: 'Νέα κατάσταση για το αίτημα {{protocolNumber}}',
      text: 'Το αίτημά σας {{protocolNumber}} άλλαξε κατάσταση. {{comment}}',
    },
    en: { subject: 'New status for request {{protocolNumber}}', text: 'Your request {{protocolNumber}} changed status. {{comment}}' },
  },
  'case.protocol_assigned': {
    el: { subject: 'Αριθμός πρωτοκόλλου {{protocolNumber}}', text: 'Το αίτημά σας πήρε αριθμό πρωτοκόλλου {{protocolNumber}}.' },
    en: { subject: 'Protocol number {{protocolNumber}}', text: 'Your request was given protocol number {{protocolNumber}}.' },
  },
  'case.assigned': {
    el: { subject: 'Σας ανατέθηκε το αίτημα {{protocolNumber}}', text: 'Σας ανατέθηκε το αίτημα {{protocolNumber}}.' },
    en: { subject: 'Request {{protocolNumber}} assigned to you', text: 'Request {{protocolNumber}} was assigned to you.' },
  },
  'case.overdue': {
    el: { subject: 'Εκπρόθεσμο αίτημα', text: 'Ένα αίτημα που χειρίζεστε πέρασε την προθεσμία ({{dueDate}}).' },
    en: { subject: 'Overdue request', text: 'A request you handle is past its due date ({{dueDate}}).' },
  },
  'case.escalated': {
    el: {
      subject: 'Κλιμάκωση: εκπρόθεσμο αίτημα {{protocolNumber}}',
      text: 'Το αίτημα {{protocolNumber}} της μονάδας σας πέρασε την προθεσμία ({{dueDate}}).',
    },
    en: {
      subject: 'Escalation: overdue request {{protocolNumber}}',
      text: 'Request {{protocolNumber}} of your unit is past its due date ({{dueDate}}).',
    },
  },
  reminder: {
    el: { subject: 'Υπενθύμιση', text: '{{text}}' },
    en: { subject: 'Reminder', text: '{{text}}' },
  },
  generic: {
    el: { subject: '{{subject}}', text: '{{text}}' },
    en: { subject: '{{subject}}', text: '{{text}}' },
  },
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/** `{{name}}` placeholders; unknown ones become empty. With `html`, values are escaped (the template itself is trusted). */
export function renderTemplate(tpl: string, data: Record<string, unknown>, opts: { html?: boolean } = {}) {
  return tpl
    .replace(/\{\{\s*([a-zA-Z0-9_.]+)\s*\}\}/g, (_, name: string) => {
      const v = data[name];
      const s = v === undefined || v === null ? '' : String(v);
      return opts.html ? escapeHtml(s) : s;
    })
    .trim();
}

/** Plain text to safe HTML paragraphs. */
export const textToHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

export async function seedTemplates(db: DbOrTx, tenantId: string) {
  const values = Object.entries(DEFAULT_TEMPLATES).flatMap(([key, langs]) =>
    (Object.entries(langs) as [Lang, { subject: string; text: string }][]).map(([lang, t]) => ({ tenantId, key, lang, ...t })),
  );
  await db.insert(notifyTemplates).values(values).onConflictDoNothing();
}

export type TRendered = {
  subjectEl: string;
  subjectEn: string;
  textEl: string;
  textEn: string;
  htmlEl: string | null;
  htmlEn: string | null;
};

/** Renders a template in both languages (recipients differ in language; the message keeps both). */
export async function renderBoth(db: DbOrTx, tenantId: string, key: string, data: Record<string, unknown>): Promise<TRendered> {
  let rows = await db
    .select()
    .from(notifyTemplates)
    .where(and(eq(notifyTemplates.tenantId, tenantId), eq(notifyTemplates.key, key)));
  if (!rows.length && DEFAULT_TEMPLATES[key]) {
    await seedTemplates(db, tenantId);
    rows = await db
      .select()
      .from(notifyTemplates)
      .where(and(eq(notifyTemplates.tenantId, tenantId), eq(notifyTemplates.key, key)));
  }
  const pick = (lang: Lang) => rows.find((r) => r.lang === lang) ?? rows[0];
  const el = pick('el');
  const en = pick('en');
  if (!el || !en) throw new Error(`Unknown template ${key}`);
  return {
    subjectEl: renderTemplate(el.subject, data),
    subjectEn: renderTemplate(en.subject, data),
    textEl: renderTemplate(el.text, data),
    textEn: renderTemplate(en.text, data),
    htmlEl: el.html ? renderTemplate(el.html, data, { html: true }) : null,
    htmlEn: en.html ? renderTemplate(en.html, data, { html: true }) : null,
  };
}
