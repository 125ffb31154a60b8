import type { Lang } from '../../platform/i18n/i18n.js';

/**
 * The body of each kind of document, per language, from the case's data. Missing fields are
 * left as a dotted blank rather than refused, so a partly filled case still yields a readable text.
 */
export type TBodyData = Record<string, string | number | null | undefined>;
type TTemplate = { title: Record<Lang, string>; paragraphs: (d: (k: string) => string, lang: Lang) => string[] };

const blank = '……………';

/** An ISO date (as forms store it) printed the Greek way, 23/11/2026; anything else as given. */
const dmy = (v: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : v;
};

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
            `Πιστοποιείται ότι ο/η ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, γεννήθηκε στις ${dmy(d('birthDate'))} στην περιοχή ${d('birthPlace')}.`,
            `Είναι εγγεγραμμένος/η στο Δημοτολόγιο του Δήμου με αριθμό οικογενειακής μερίδας ${d('registryNumber')}.`,
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that ${d('fullName')}, child of ${d('fatherName')} and ${d('motherName')}, was born on ${dmy(d('birthDate'))} in ${d('birthPlace')}.`,
            `Registered in the municipal register under family record number ${d('registryNumber')}.`,
            `Issued for: ${d('purpose')}.`,
          ],
  },
  'birth-act': {
    title: { el: 'Απόσπασμα ληξιαρχικής πράξης γέννησης', en: 'Extract of a birth act' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι στα βιβλία του Ληξιαρχείου του Δήμου είναι καταχωρισμένη η ληξιαρχική πράξη γέννησης με αριθμό ${d('actNumber')} του έτους ${d('actYear')}, σύμφωνα με την οποία ο/η ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, γεννήθηκε στις ${dmy(d('birthDate'))} στην περιοχή ${d('birthPlace')}.`,
            'Το απόσπασμα εκδίδεται από τα στοιχεία του Μητρώου Πολιτών (ν. 4144/2013).',
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that the Civil Registry Office of the municipality holds birth act number ${d('actNumber')} of the year ${d('actYear')}, recording that ${d('fullName')}, child of ${d('fatherName')} and ${d('motherName')}, was born on ${dmy(d('birthDate'))} in ${d('birthPlace')}.`,
            'Issued from the records of the Citizens Registry (Law 4144/2013).',
            `Issued for: ${d('purpose')}.`,
          ],
  },
  'marriage-act': {
    title: { el: 'Απόσπασμα ληξιαρχικής πράξης γάμου', en: 'Extract of a marriage act' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι στα βιβλία του Ληξιαρχείου του Δήμου είναι καταχωρισμένη η ληξιαρχική πράξη γάμου με αριθμό ${d('actNumber')} του έτους ${d('actYear')}, σύμφωνα με την οποία ο/η ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, τέλεσε γάμο με τον/την ${d('spouseFullName')} στις ${dmy(d('marriageDate'))} στην περιοχή ${d('marriagePlace')}.`,
            'Το απόσπασμα εκδίδεται από τα στοιχεία του Μητρώου Πολιτών (ν. 4144/2013).',
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that the Civil Registry Office of the municipality holds marriage act number ${d('actNumber')} of the year ${d('actYear')}, recording that ${d('fullName')}, child of ${d('fatherName')} and ${d('motherName')}, married ${d('spouseFullName')} on ${dmy(d('marriageDate'))} in ${d('marriagePlace')}.`,
            'Issued from the records of the Citizens Registry (Law 4144/2013).',
            `Issued for: ${d('purpose')}.`,
          ],
  },
  'death-act': {
    title: { el: 'Απόσπασμα ληξιαρχικής πράξης θανάτου', en: 'Extract of a death act' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι στα βιβλία του Ληξιαρχείου του Δήμου είναι καταχωρισμένη η ληξιαρχική πράξη θανάτου με αριθμό ${d('actNumber')} του έτους ${d('actYear')}, σύμφωνα με την οποία ο/η ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, απεβίωσε στις ${dmy(d('deathDate'))} στην περιοχή ${d('deathPlace')}.`,
            'Το απόσπασμα χορηγείται σε πρόσωπο με έννομο συμφέρον, από τα στοιχεία του Μητρώου Πολιτών (ν. 4144/2013).',
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that the Civil Registry Office of the municipality holds death act number ${d('actNumber')} of the year ${d('actYear')}, recording that ${d('fullName')}, child of ${d('fatherName')} and ${d('motherName')}, died on ${dmy(d('deathDate'))} in ${d('deathPlace')}.`,
            'Issued to a person with a legal interest, from the records of the Citizens Registry (Law 4144/2013).',
            `Issued for: ${d('purpose')}.`,
          ],
  },
  'partnership-act': {
    title: { el: 'Απόσπασμα ληξιαρχικής πράξης συμφώνου συμβίωσης', en: 'Extract of a cohabitation agreement act' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι στα βιβλία του Ληξιαρχείου του Δήμου είναι καταχωρισμένη η ληξιαρχική πράξη σύστασης συμφώνου συμβίωσης με αριθμό ${d('actNumber')} του έτους ${d('actYear')}, μεταξύ του/της ${d('fullName')}, του ${d('fatherName')}, και του/της ${d('partnerFullName')}, που καταρτίστηκε στις ${dmy(d('agreementDate'))} με συμβολαιογραφική πράξη του/της συμβολαιογράφου ${d('notary')} (ν. 4356/2015).`,
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that the Civil Registry Office of the municipality holds act number ${d('actNumber')} of the year ${d('actYear')} registering the cohabitation agreement between ${d('fullName')}, child of ${d('fatherName')}, and ${d('partnerFullName')}, made on ${dmy(d('agreementDate'))} by notarial deed of ${d('notary')} (Law 4356/2015).`,
            `Issued for: ${d('purpose')}.`,
          ],
  },
  'family-record': {
    title: { el: 'Βεβαίωση ανοίγματος οικογενειακής μερίδας', en: 'Confirmation of a new family record' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι στο Δημοτολόγιο του Δήμου ανοίχτηκε οικογενειακή μερίδα με αρχικό μέλος τη μητέρα ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, γεννημένη στις ${dmy(d('birthDate'))}.`,
            `Ως δεύτερο μέλος της μερίδας εγγράφεται το τέκνο ${d('childName')} ${d('childSurname')}, που γεννήθηκε στις ${dmy(d('childBirthDate'))} στην περιοχή ${d('childBirthPlace')}.`,
            'Η εγγραφή έγινε σύμφωνα με την ΥΑ 90294/2022 (ΦΕΚ Β΄ 6870).',
          ]
        : [
            `This is to certify that a family record was opened in the municipal register with the mother, ${d('fullName')}, child of ${d('fatherName')} and ${d('motherName')}, born on ${dmy(d('birthDate'))}, as its head.`,
            `The child ${d('childName')} ${d('childSurname')}, born on ${dmy(d('childBirthDate'))} in ${d('childBirthPlace')}, is entered as its second member.`,
            'Entered under Ministerial Decision 90294/2022 (Government Gazette B 6870).',
          ],
  },
  'tap-clearance': {
    title: { el: 'Βεβαίωση μη οφειλής ΤΑΠ', en: 'Certificate of no property levy (TAP) owed' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Βεβαιώνεται ότι για το ακίνητο στη διεύθυνση ${d('propertyAddress')}, με αριθμό παροχής ρεύματος ${d('supplyNumber')} και επιφάνεια ${d('areaM2')} τ.μ., ιδιοκτησίας του/της ${d('fullName')} του ${d('fatherName')}, με ΑΦΜ ${d('afm')}, δεν οφείλεται Τέλος Ακίνητης Περιουσίας (ΤΑΠ) προς τον Δήμο.`,
            'Η βεβαίωση εκδίδεται σύμφωνα με το άρθρο 24 του ν. 2130/1993, με βάση τα δικαιολογητικά που προσκομίστηκαν.',
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that no property levy (TAP) is owed to the municipality for the property at ${d('propertyAddress')}, electricity supply number ${d('supplyNumber')}, floor area ${d('areaM2')} m², owned by ${d('fullName')}, child of ${d('fatherName')}, tax number ${d('afm')}.`,
            'Issued under article 24 of Law 2130/1993, on the documents provided.',
            `Issued for: ${d('purpose')}.`,
          ],
  },
  'military-register': {
    title: { el: 'Πιστοποιητικό Μητρώου Αρρένων', en: 'Military register certificate' },
    paragraphs: (d, lang) =>
      lang === 'el'
        ? [
            `Πιστοποιείται ότι ο ${d('fullName')}, του ${d('fatherName')} και της ${d('motherName')}, που γεννήθηκε στις ${dmy(d('birthDate'))} στην περιοχή ${d('birthPlace')}, είναι εγγεγραμμένος στο Μητρώο Αρρένων του Δήμου (ν. 2119/1993).`,
            `Χορηγείται για: ${d('purpose')}.`,
          ]
        : [
            `This is to certify that ${d('fullName')}, son of ${d('fatherName')} and ${d('motherName')}, born on ${dmy(d('birthDate'))} in ${d('birthPlace')}, is entered in the military register of the municipality (Law 2119/1993).`,
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
