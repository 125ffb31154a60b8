import type { Lang } from '../../platform/i18n/i18n.js';

/**
 * The body of each kind of document, per language, from the case's data. Missing fields are
 * left as a dotted blank rather than refused, so a partly filled case still yields a readable text.
 */
export type TBodyData = Record<string, string | number | null | undefined>;
type TTemplate = { title: Record<Lang, string>; paragraphs: (d: (k: string) => string, lang: Lang) => string[] };

const blank = '……………';

export const TEMPLATES: Record<string, TTemplate> = {
  residence: {
    title: { el: 'Βεβαίωση μόνιμης κατοικίας', en: 'Certificate of permanent residence' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι ο/η ${d('fullName')} του ${d('fatherName')}, με ΑΦΜ ${d('afm')}, κατοικεί μόνιμα στη διεύθυνση ${d('address')}, στα διοικητικά όρια του Δήμου, από ${d('since')}.`,
            'Η βεβαίωση εκδίδεται με βάση τα δικαιολογητικά που προσκόμισε ο/η αιτών/ούσα (λογαριασμός ΔΕΚΟ ή εκκαθαριστικό ή θεωρημένο μισθωτήριο), σύμφωνα με το άρθρο 279 του ν. 3463/2006.',
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that ${d('fullName')}, child of ${d('fatherName')}, tax number ${d('afm')}, permanently resides at ${d('address')}, within the municipality, since ${d('since')}.`,
            'Issued on the documents provided by the applicant (utility bill, tax assessment or registered lease), under article 279 of Law 3463/2006.',
            `Issued for: ${d('purpose')}.`,
          ],
  },
  birth: {
    title: { el: 'Πιστοποιητικό γέννησης', en: 'Birth certificate' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Πιστοποιείται ότι ο/η ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, γεννήθηκε στις ${d('birthDate')} στην περιοχή ${d('birthPlace')}.`,
            `Είναι εγγεγραμμένος/η στο Δημοτολόγιο του Δήμου με αριθμό οικογενειακής μερίδας ${d('registryNumber')}.`,
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that ${d('fullName')}, child of ${d('fatherName')} and ${d('motherName')}, was born on ${d('birthDate')} in ${d('birthPlace')}.`,
            `Registered in the municipal register under family record number ${d('registryNumber')}.`,
            `Issued for: ${d('purpose')}.`,
          ],
  },
  generic: {
    title: { el: 'Βεβαίωση', en: 'Certificate' },
    paragraphs: (d) => d('text').split(/\n{2,}/),
  },
};

export function isKnownTemplate(key: string) {
  return Object.hasOwn(TEMPLATES, key);
}

export function renderParagraphs(templateKey: string, data: TBodyData, lang: Lang): string[] {
  const tpl = TEMPLATES[templateKey];
  if (!tpl) throw new Error(`Unknown document template ${templateKey}`);
  const d = (k: string) => {
    const v = data[k];
    return v === null || v === undefined || String(v).trim() === '' ? blank : String(v).trim();
  };
  return tpl.paragraphs(d, lang).map((p) => p.replace(/\s+/g, ' ').trim());
}
