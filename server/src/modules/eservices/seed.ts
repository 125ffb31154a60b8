import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.js';
import { orgUnits } from '../../platform/tenancy/org.schema.js';
import {
  createCaseType,
  ensureDefaultWorkflows,
  getCaseType,
  type TCaseTypeBody,
  type TCaseTypeSnapshot,
  updateCaseType,
} from '../cases/index.js';
import type { TFormField, TLocalized, TShowIf } from '../forms/index.js';

/**
 * The municipal e-services of greek-egov.md §1 as case types (nursery enrolment excepted: the
 * nursery module seeds it). Facts (documents, units, days, fines) come from the domain notes;
 * where they say nothing, the value is marked «inferred» below.
 */

const L = (el: string, en: string): TLocalized => ({ el, en });
type TUnitCode = 'LIXI' | 'DIMOT' | 'ESOD' | 'KEP';
type TDoc = TCaseTypeSnapshot['requiredDocuments'][number] & { showIf?: TShowIf };

/** One service as written here: the snapshot minus what the builder fills in. */
type TService = {
  key: string;
  group: string;
  icon: string;
  unit: TUnitCode;
  name: TLocalized;
  description: TLocalized;
  /** Fields between the on-behalf block and the documents (the applicant block included). */
  fields: TFormField[];
  documents: TDoc[];
  slaDays: number | null;
  identity: TCaseTypeSnapshot['identity'];
  onBehalf: boolean;
  lifeEvents: TCaseTypeSnapshot['lifeEvents'];
  fee?: TCaseTypeSnapshot['fee'];
  templateKey?: string;
};

const ONE_OF_ID = L(
  'Ταυτότητα ή διαβατήριο (στο γκισέ· ηλεκτρονικά η ταυτοποίηση γίνεται με TaxisNet)',
  'ID card or passport (at the counter; online, TaxisNet identifies you)',
);
const idDoc: TDoc = { ...ONE_OF_ID, optional: true };

const PERSON_PARTS_FULL = ['surname', 'name', 'fatherName', 'motherName', 'birthDate'] as const;

/**
 * The applicant: the signed-in citizen (prefilled from the Μητρώο Πολιτών when TaxisNet answers).
 * Listed after the on-behalf person, so a certificate for someone else is filled with *their* details
 * (the documents module lifts the first person block of the answers into the template).
 */
const applicant = (over: Partial<Extract<TFormField, { kind: 'person' }>> = {}): TFormField => ({
  id: 'applicant',
  kind: 'person',
  label: L('Στοιχεία αιτούντος', 'Applicant'),
  required: true,
  // the ΑΦΜ is optional unless the service needs it: at the counter it lets staff query the registry
  parts: [...PERSON_PARTS_FULL, 'afm'],
  ...over,
});

/** The contract's on-behalf block: yes/no, the person concerned, the authorisation (εξουσιοδότηση). */
function onBehalfBlock(subject: Partial<Extract<TFormField, { kind: 'person' }>> = {}): TFormField[] {
  const shown: TShowIf = { field: 'onBehalf', equals: true };
  return [
    { id: 'onBehalf', kind: 'yesNo', label: L('Υποβάλλω την αίτηση για άλλο πρόσωπο', 'I am applying for another person') },
    {
      id: 'subject',
      kind: 'person',
      label: L('Πρόσωπο που αφορά η αίτηση', 'Person the application concerns'),
      required: true,
      parts: [...PERSON_PARTS_FULL],
      showIf: shown,
      ...subject,
    },
    {
      id: 'authorisation',
      kind: 'files',
      label: L('Εξουσιοδότηση (π.χ. από το gov.gr)', 'Authorisation (e.g. from gov.gr)'),
      help: L(
        'Εξουσιοδότηση με θεώρηση γνησίου υπογραφής ή ψηφιακή εξουσιοδότηση του gov.gr, σε PDF ή φωτογραφία.',
        'An authorisation with certified signature or a gov.gr digital authorisation, as PDF or photo.',
      ),
      allowedKinds: ['document', 'image'],
      maxFiles: 3,
      showIf: shown,
    },
  ];
}

const text = (id: string, label: TLocalized, over: Partial<Extract<TFormField, { kind: 'text' }>> = {}): TFormField => ({
  id,
  kind: 'text',
  label,
  maxLength: 200,
  ...over,
});
const date = (id: string, label: TLocalized, over: Partial<Extract<TFormField, { kind: 'date' }>> = {}): TFormField => ({
  id,
  kind: 'date',
  label,
  range: 'past',
  ...over,
});
const purpose: TFormField = text('purpose', L('Για ποια χρήση το χρειάζεστε', 'What you need it for'), {
  help: L('π.χ. «Για κάθε νόμιμη χρήση»', 'e.g. "For any lawful use"'),
  maxLength: 200,
});
const copyKind: TFormField = {
  id: 'copyKind',
  kind: 'choice',
  label: L('Είδος αντιγράφου', 'Kind of copy'),
  required: true,
  options: [
    { value: 'extract', label: L('Απόσπασμα', 'Extract') },
    { value: 'full', label: L('Πλήρες αντίγραφο', 'Full copy') },
  ],
};
const actRef: TFormField[] = [
  text('actNumber', L('Αριθμός πράξης (αν τον γνωρίζετε)', 'Act number (if known)'), { maxLength: 40 }),
  {
    id: 'actYear',
    kind: 'number',
    label: L('Έτος πράξης (αν το γνωρίζετε)', 'Year of the act (if known)'),
    integer: true,
    min: 1900,
    max: 2100,
  },
];
const religious: TFormField = {
  id: 'religiousMarriage',
  kind: 'yesNo',
  label: L('Ο γάμος ήταν θρησκευτικός', 'It was a religious marriage'),
};

/** A supporting document with a key: listed in requiredDocuments and uploaded in the files field of that id. */
const doc = (key: string, el: string, en: string, extra: Omit<TDoc, 'el' | 'en' | 'key'> = {}): TDoc => ({ key, el, en, ...extra });

export const ESERVICES: TService[] = [
  // ── Ληξιαρχείο: copies of civil-status acts ─────────────────────────────────────────────
  {
    key: 'birth-act-copy',
    group: 'civil-status',
    icon: 'baby-carriage',
    unit: 'LIXI',
    name: L('Απόσπασμα ληξιαρχικής πράξης γέννησης', 'Copy of a birth act'),
    description: L(
      'Απόσπασμα ή πλήρες αντίγραφο της ληξιαρχικής πράξης γέννησης από το Ληξιαρχείο, υπογεγραμμένο ψηφιακά. Η πράξη αναζητείται αυτεπάγγελτα στο Μητρώο Πολιτών· χρειάζεται μόνο ταυτοποίηση. Δωρεάν.',
      'An extract or full copy of a birth act from the Civil Registry Office, digitally signed. The act is retrieved from the Citizens Registry; only identification is needed. Free of charge.',
    ),
    fields: [applicant(), text('birthPlace', L('Τόπος γέννησης', 'Place of birth'), { required: true }), ...actRef, copyKind, purpose],
    documents: [idDoc],
    slaDays: 1,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['birth'],
    templateKey: 'birth-act',
  },
  {
    key: 'marriage-act-copy',
    group: 'civil-status',
    icon: 'rings',
    unit: 'LIXI',
    name: L('Απόσπασμα ληξιαρχικής πράξης γάμου', 'Copy of a marriage act'),
    description: L(
      'Απόσπασμα ή πλήρες αντίγραφο της ληξιαρχικής πράξης γάμου από το Ληξιαρχείο του τόπου τέλεσης. Τα στοιχεία αναζητούνται αυτεπάγγελτα· χρειάζεται μόνο ταυτοποίηση. Δωρεάν.',
      'An extract or full copy of a marriage act from the Civil Registry Office of the place of the wedding. The record is retrieved by the office; only identification is needed. Free of charge.',
    ),
    fields: [
      applicant(),
      text('spouseFullName', L('Ονοματεπώνυμο συζύγου', "Spouse's full name"), { required: true }),
      date('marriageDate', L('Ημερομηνία γάμου', 'Date of marriage'), { required: true }),
      text('marriagePlace', L('Τόπος τέλεσης του γάμου', 'Place of the wedding'), { required: true }),
      {
        id: 'marriageKind',
        kind: 'choice',
        label: L('Είδος γάμου', 'Kind of marriage'),
        options: [
          { value: 'civil', label: L('Πολιτικός', 'Civil') },
          { value: 'religious', label: L('Θρησκευτικός', 'Religious') },
        ],
      },
      ...actRef,
      copyKind,
      purpose,
    ],
    documents: [idDoc],
    slaDays: 1,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['marriage'],
    templateKey: 'marriage-act',
  },
  {
    key: 'death-act-copy',
    group: 'civil-status',
    icon: 'flower',
    unit: 'LIXI',
    name: L('Απόσπασμα ληξιαρχικής πράξης θανάτου', 'Copy of a death act'),
    description: L(
      'Απόσπασμα της ληξιαρχικής πράξης θανάτου από το Ληξιαρχείο του τόπου θανάτου ή ταφής, για όποιον έχει έννομο συμφέρον (συγγενείς, κληρονόμοι). Πράξεις παλαιότερες του 2013 περίπου αναζητούνται από την υπηρεσία. Δωρεάν.',
      'An extract of a death act from the Civil Registry Office of the place of death or burial, for anyone with a legal interest (relatives, heirs). Acts older than about 2013 are looked up by the office. Free of charge.',
    ),
    fields: [
      {
        id: 'deceased',
        kind: 'person',
        label: L('Στοιχεία του θανόντος', 'The deceased'),
        required: true,
        parts: ['surname', 'name', 'fatherName', 'motherName', 'birthDate'],
        requireParents: false,
      },
      date('deathDate', L('Ημερομηνία θανάτου', 'Date of death'), { required: true }),
      text('deathPlace', L('Τόπος θανάτου', 'Place of death'), { required: true }),
      {
        id: 'relationship',
        kind: 'choice',
        label: L('Σχέση με τον θανόντα', 'Relationship to the deceased'),
        required: true,
        options: [
          { value: 'spouse', label: L('Σύζυγος', 'Spouse') },
          { value: 'child', label: L('Τέκνο', 'Child') },
          { value: 'parent', label: L('Γονέας', 'Parent') },
          { value: 'sibling', label: L('Αδελφός/ή', 'Sibling') },
          { value: 'heir', label: L('Κληρονόμος', 'Heir') },
          { value: 'other', label: L('Άλλο έννομο συμφέρον', 'Other legal interest') },
        ],
      },
      applicant(),
      ...actRef,
      purpose,
    ],
    documents: [idDoc],
    slaDays: 1,
    identity: 'taxisnet',
    onBehalf: false,
    lifeEvents: ['death'],
    templateKey: 'death-act',
  },
  {
    key: 'partnership-act-copy',
    group: 'civil-status',
    icon: 'heart-handshake',
    unit: 'LIXI',
    name: L('Απόσπασμα ληξιαρχικής πράξης συμφώνου συμβίωσης', 'Copy of a cohabitation agreement act'),
    description: L(
      'Απόσπασμα της ληξιαρχικής πράξης σύστασης συμφώνου συμβίωσης από το Ληξιαρχείο του τόπου κατοικίας του ζεύγους. Δωρεάν.',
      'An extract of the act registering a cohabitation agreement, from the Civil Registry Office of the couple’s residence. Free of charge.',
    ),
    fields: [
      applicant(),
      text('partnerFullName', L('Ονοματεπώνυμο του/της συμβιούντος/ούσας', "Partner's full name"), { required: true }),
      date('agreementDate', L('Ημερομηνία του συμφώνου', 'Date of the agreement'), { required: true }),
      text('notary', L('Συμβολαιογράφος που συνέταξε την πράξη', 'Notary who drew up the deed'), { required: true }),
      ...actRef,
      purpose,
    ],
    documents: [idDoc],
    slaDays: 1,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['marriage'],
    templateKey: 'partnership-act',
  },
  // ── Ληξιαρχείο: registration of a divorce ───────────────────────────────────────────────
  {
    key: 'divorce-court-registration',
    group: 'civil-status',
    icon: 'gavel',
    unit: 'LIXI',
    name: L('Καταχώρηση λύσης γάμου με δικαστική απόφαση', 'Registration of a divorce by court decision'),
    description: L(
      'Δήλωση της λύσης γάμου στο Ληξιαρχείο όπου είναι καταχωρισμένος ο γάμος, μέσα σε 30 ημέρες από τότε που η απόφαση έγινε αμετάκλητη. Μετά τις 30 ημέρες οφείλεται πρόστιμο με e-παράβολο 30 €, μετά τις 90 ημέρες 60 € (άρθρο 33 ν. 4674/2020).',
      'Declaring a divorce to the Civil Registry Office where the marriage is registered, within 30 days of the decision becoming final. After 30 days a fine of €30 is paid by e-paravolo, after 90 days €60 (article 33, Law 4674/2020).',
    ),
    fields: [
      applicant(),
      text('spouseFullName', L('Ονοματεπώνυμο πρώην συζύγου', "Former spouse's full name"), { required: true }),
      date('marriageDate', L('Ημερομηνία γάμου', 'Date of marriage')),
      text('court', L('Δικαστήριο που εξέδωσε την απόφαση', 'Court that issued the decision'), { required: true }),
      text('decisionNumber', L('Αριθμός απόφασης', 'Decision number'), { required: true, maxLength: 60 }),
      date('decisionFinalDate', L('Ημερομηνία που η απόφαση έγινε αμετάκλητη', 'Date the decision became final'), {
        required: true,
        help: L('Από αυτήν μετρούν οι 30 ημέρες της δήλωσης.', 'The 30 days to declare run from this date.'),
      }),
      religious,
    ],
    documents: [
      doc('court_decision', 'Επικυρωμένο αντίγραφο της δικαστικής απόφασης', 'Certified copy of the court decision'),
      doc('finality_certificate', 'Πιστοποιητικό τελεσιδικίας ή αμετακλήτου', 'Certificate that the decision is final'),
      doc(
        'spiritual_divorce',
        'Διαζευκτήριο της Ιεράς Μητρόπολης (για θρησκευτικό γάμο)',
        'Church divorce certificate (religious marriage)',
        {
          showIf: { field: 'religiousMarriage', equals: true },
        },
      ),
      idDoc,
    ],
    slaDays: 1,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['marriage'],
    // The late-declaration fines of art.33 ν.4674/2020; the e-παράβολο codes are those the domain
    // notes give for late civil-status declarations (3828: 30 €, 3829: 60 €) — verify with the office.
    fee: {
      cents: 0,
      lateFrom: 'decisionFinalDate',
      lateFines: [
        { afterDays: 30, cents: 3000, eParavoloCode: '3828' },
        { afterDays: 90, cents: 6000, eParavoloCode: '3829' },
      ],
    },
  },
  {
    key: 'divorce-notarial-registration',
    group: 'civil-status',
    icon: 'file-certificate',
    unit: 'LIXI',
    name: L('Καταχώρηση λύσης γάμου με συμβολαιογραφική πράξη', 'Registration of a divorce by notarial deed'),
    description: L(
      'Συναινετική λύση γάμου με συμβολαιογραφική πράξη (ΑΚ 1441, ν. 4509/2017): ο γάμος λύνεται με την κατάθεση της πράξης στο Ληξιαρχείο, οπότε δεν υπάρχει πρόστιμο εκπρόθεσμης δήλωσης. Τρίτος χρειάζεται συμβολαιογραφικό πληρεξούσιο.',
      'Divorce by consent through a notarial deed (Civil Code 1441, Law 4509/2017): the marriage ends when the deed is filed with the Civil Registry Office, so there is no late fine. A third party needs a notarial power of attorney.',
    ),
    fields: [
      applicant(),
      text('spouseFullName', L('Ονοματεπώνυμο πρώην συζύγου', "Former spouse's full name"), { required: true }),
      text('notary', L('Συμβολαιογράφος', 'Notary'), { required: true }),
      text('deedNumber', L('Αριθμός συμβολαιογραφικής πράξης', 'Number of the notarial deed'), { required: true, maxLength: 60 }),
      date('deedDate', L('Ημερομηνία της πράξης', 'Date of the deed'), { required: true }),
      religious,
    ],
    documents: [
      doc('notarial_deed', 'Συμβολαιογραφική πράξη λύσης γάμου', 'Notarial deed of divorce'),
      doc(
        'spiritual_divorce',
        'Πνευματική λύση από την Ιερά Μητρόπολη (για θρησκευτικό γάμο)',
        'Spiritual dissolution from the Metropolis (religious marriage)',
        {
          showIf: { field: 'religiousMarriage', equals: true },
        },
      ),
      idDoc,
    ],
    slaDays: 1,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['marriage'],
  },
  // ── Δημοτολόγιο ─────────────────────────────────────────────────────────────────────────
  {
    key: 'municipal-transfer-recovery',
    group: 'municipal-register',
    icon: 'home-move',
    unit: 'DIMOT',
    name: L('Μεταδημότευση για ανάκτηση αρχικής δημοτικότητας', 'Transfer of municipal registration to recover the original one'),
    description: L(
      'Επιστροφή της εγγραφής σας στο Δημοτολόγιο του Δήμου όπου ήσασταν αρχικά δημότης. Δεν χρειάζεται απόδειξη διετούς κατοικίας· το δικαίωμα ασκείται μία φορά στη ζωή. Πιστοποιητικό οικογενειακής κατάστασης, ληξιαρχική πράξη γάμου και πιστοποιητικό γέννησης αναζητούνται αυτεπάγγελτα. Δωρεάν.',
      'Moving your registration back to the municipal register of the municipality you were originally registered in. No proof of two years’ residence is needed; the right is used once in a lifetime. The family record, marriage act and birth certificate are retrieved by the office. Free of charge.',
    ),
    fields: [
      applicant({ requireParents: true, requireBirthDate: true }),
      text('originalMunicipality', L('Δήμος αρχικής δημοτικότητας', 'Municipality of original registration'), { required: true }),
      text('currentMunicipality', L('Δήμος όπου είστε σήμερα δημότης', 'Municipality you are registered in today'), { required: true }),
      {
        id: 'maritalStatus',
        kind: 'choice',
        label: L('Οικογενειακή κατάσταση', 'Marital status'),
        required: true,
        options: [
          { value: 'single', label: L('Άγαμος/η', 'Single') },
          { value: 'married', label: L('Έγγαμος/η', 'Married') },
          { value: 'divorced', label: L('Διαζευγμένος/η', 'Divorced') },
          { value: 'widowed', label: L('Σε χηρεία', 'Widowed') },
        ],
      },
    ],
    documents: [
      doc(
        'solemn_declaration',
        'Υπεύθυνη δήλωση ν. 1599/1986 ότι κάνετε χρήση του δικαιώματος για πρώτη φορά και, αν είστε άγαμος/η, για την αγαμία σας',
        'Solemn declaration (Law 1599/1986) that you use this right for the first time and, if single, that you are unmarried',
      ),
      doc('family_record', 'Πιστοποιητικό οικογενειακής κατάστασης', 'Family status certificate', { registry: 'family-record' }),
      doc('birth_certificate', 'Πιστοποιητικό γέννησης', 'Birth certificate', { registry: 'birth-act' }),
      doc('marriage_act', 'Ληξιαρχική πράξη γάμου', 'Marriage act', {
        registry: 'marriage-act',
        showIf: { field: 'maritalStatus', in: ['married', 'divorced', 'widowed'] },
      }),
      idDoc,
    ],
    slaDays: 10,
    identity: 'taxisnet',
    onBehalf: false,
    lifeEvents: ['residence'],
  },
  {
    key: 'unmarried-mother-family-record',
    group: 'municipal-register',
    icon: 'users',
    unit: 'DIMOT',
    name: L('Άνοιγμα οικογενειακής μερίδας άγαμης μητέρας', 'Family record for an unmarried mother'),
    description: L(
      'Η άγαμη μητέρα εγγράφεται ως αρχικό μέλος νέας οικογενειακής μερίδας και το τέκνο ως δεύτερο μέλος (ΥΑ 90294/2022). Η ληξιαρχική πράξη γέννησης του τέκνου αναζητείται αυτεπάγγελτα όταν υπάρχει στο Μητρώο Πολιτών. Δωρεάν.',
      'The unmarried mother is entered as the head of a new family record and the child as its second member (Ministerial Decision 90294/2022). The child’s birth act is retrieved from the Citizens Registry when it is there. Free of charge.',
    ),
    fields: [
      applicant({ requireParents: true, requireBirthDate: true, label: L('Στοιχεία μητέρας', "Mother's details") }),
      text('childSurname', L('Επώνυμο τέκνου', "Child's surname"), { required: true }),
      text('childName', L('Όνομα τέκνου', "Child's first name"), { required: true }),
      date('childBirthDate', L('Ημερομηνία γέννησης τέκνου', "Child's date of birth"), { required: true }),
      text('childBirthPlace', L('Τόπος γέννησης τέκνου', "Child's place of birth"), { required: true }),
    ],
    documents: [doc('child_birth_act', 'Ληξιαρχική πράξη γέννησης του τέκνου', "The child's birth act", { registry: 'birth-act' }), idDoc],
    // «~days» in the domain notes: five working days (inferred).
    slaDays: 5,
    identity: 'taxisnet',
    onBehalf: false,
    lifeEvents: ['birth', 'children'],
    templateKey: 'family-record',
  },
  {
    key: 'electoral-address',
    group: 'municipal-register',
    icon: 'ballot',
    unit: 'DIMOT',
    name: L('Δήλωση διεύθυνσης κατοικίας για τους εκλογικούς καταλόγους', 'Declaration of address for the electoral rolls'),
    description: L(
      'Αλλαγή εκλογικού διαμερίσματος με δήλωση της διεύθυνσης κατοικίας σας (ΠΔ 26/2012). Μία αίτηση για κάθε ενήλικο. Οι αλλαγές «παγώνουν» πριν από εκλογές. Αυθημερόν, δωρεάν.',
      'Changing your polling district by declaring your home address (Presidential Decree 26/2012). One application per adult. Changes freeze before elections. Same day, free of charge.',
    ),
    fields: [
      applicant({
        requireParents: true,
        requireBirthDate: true,
        help: L(
          'Υποχρεωτικά: επώνυμο, όνομα, όνομα πατέρα, όνομα μητέρας, ημερομηνία γέννησης.',
          "Required: surname, first name, father's name, mother's name, date of birth.",
        ),
      }),
      text('residentOf', L('Κάτοικος (πόλη ή οικισμός)', 'Resident of (town or village)'), { required: true }),
      text('street', L('Οδός και αριθμός', 'Street and number'), { required: true }),
      text('postcode', L('Ταχυδρομικός κώδικας', 'Postcode'), { pattern: '\\d{3} ?\\d{2}', maxLength: 6 }),
    ],
    documents: [
      doc(
        'solemn_declaration',
        'Υπεύθυνη δήλωση από το gov.gr με το καθορισμένο κείμενο για τη διεύθυνση κατοικίας',
        'Solemn declaration from gov.gr with the set wording about your address',
      ),
      doc(
        'proof_of_address',
        'Αποδεικτικό διεύθυνσης των τελευταίων 3 μηνών (π.χ. λογαριασμός ΔΕΚΟ)',
        'Proof of address from the last 3 months (e.g. a utility bill)',
      ),
    ],
    slaDays: 0,
    identity: 'taxisnet',
    onBehalf: false,
    lifeEvents: ['residence'],
  },
  {
    key: 'birth-certificate',
    group: 'municipal-register',
    icon: 'certificate',
    unit: 'DIMOT',
    name: L('Πιστοποιητικό γέννησης', 'Birth certificate'),
    description: L(
      'Πιστοποιητικό γέννησης από το Δημοτολόγιο, με ψηφιακή υπογραφή και κωδικό επαλήθευσης. Τρίτα πρόσωπα χρειάζονται εξουσιοδότηση. Αυθημερόν, δωρεάν.',
      'A birth certificate from the municipal register, digitally signed with a verification code. Third parties need an authorisation. Same day, free of charge.',
    ),
    fields: [
      applicant(),
      text('birthPlace', L('Τόπος γέννησης', 'Place of birth'), { required: true }),
      text('registryNumber', L('Αριθμός οικογενειακής μερίδας (αν τον γνωρίζετε)', 'Family record number (if known)'), { maxLength: 40 }),
      purpose,
    ],
    documents: [idDoc],
    slaDays: 0,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['birth'],
    templateKey: 'birth',
  },
  // ── Οικονομική Υπηρεσία / Τμήμα Εσόδων ──────────────────────────────────────────────────
  {
    key: 'cleaning-fee-exemption',
    group: 'revenue',
    icon: 'bulb-off',
    unit: 'ESOD',
    name: L(
      'Απαλλαγή από τέλη καθαριότητας και φωτισμού για κλειστό ακίνητο',
      'Exemption from cleaning and lighting fees for unused premises',
    ),
    description: L(
      'Για επαγγελματικό ή άλλο ακίνητο που δεν χρησιμοποιείται και έχει διακοπή ρεύματος (άρθρο 222 ν. 4555/2018). Η απαλλαγή ισχύει από την ημέρα της αίτησης. Αν διαπιστωθεί ότι ο χώρος ηλεκτροδοτείται ή χρησιμοποιείται, τα τέλη επιβάλλονται αναδρομικά με ισόποσο πρόστιμο. Ο ΤΑΠ δεν απαλλάσσεται.',
      'For business or other premises that are unused and disconnected from electricity (article 222, Law 4555/2018). The exemption runs from the day you apply. If the premises are found powered or in use, the fees are charged back-dated with an equal fine. The property levy (TAP) is not exempted.',
    ),
    fields: [
      applicant({ requireAfm: true, parts: ['surname', 'name', 'fatherName', 'afm'] }),
      text('businessName', L('Επωνυμία επιχείρησης (αν υπάρχει)', 'Business name (if any)')),
      text('premisesAddress', L('Διεύθυνση του ακινήτου', 'Address of the premises'), { required: true }),
      text('supplyNumber', L('Αριθμός παροχής ρεύματος (ΔΕΔΔΗΕ)', 'Electricity supply number (HEDNO)'), { required: true, maxLength: 40 }),
      date('disconnectionDate', L('Ημερομηνία διακοπής ρεύματος', 'Date of disconnection'), { required: true }),
      { id: 'areaM2', kind: 'number', label: L('Επιφάνεια (τ.μ.)', 'Floor area (m²)'), min: 1, max: 100000 },
    ],
    documents: [
      doc('deddie_certificate', 'Βεβαίωση ΔΕΔΔΗΕ για τη διακοπή ηλεκτροδότησης', 'HEDNO certificate of disconnection'),
      doc('solemn_declaration', 'Υπεύθυνη δήλωση ότι ο χώρος δεν χρησιμοποιείται', 'Solemn declaration that the premises are unused'),
    ],
    // No deadline in the domain notes: twenty working days (inferred).
    slaDays: 20,
    identity: 'verified',
    onBehalf: true,
    lifeEvents: ['business'],
  },
  {
    key: 'tap-clearance',
    group: 'revenue',
    icon: 'receipt',
    unit: 'ESOD',
    name: L('Βεβαίωση μη οφειλής ΤΑΠ', 'Certificate of no property levy (TAP) owed'),
    description: L(
      'Βεβαίωση ότι δεν οφείλεται Τέλος Ακίνητης Περιουσίας για ακίνητο (άρθρο 24 ν. 2130/1993), π.χ. για μεταβίβαση. Συνιδιοκτήτες χρειάζονται εξουσιοδότηση. Δωρεάν· εναλλακτικά, εγγυοδοσία 3‰ της αξίας λειτουργεί αμέσως ως βεβαίωση (άρθρο 76 ν. 4921/2022).',
      'A certificate that no property levy (TAP) is owed for a property (article 24, Law 2130/1993), e.g. for a transfer. Co-owners need an authorisation. Free; alternatively a 3‰ guarantee of the value acts at once as the certificate (article 76, Law 4921/2022).',
    ),
    fields: [
      applicant({ requireAfm: true, parts: ['surname', 'name', 'fatherName', 'afm'] }),
      text('propertyAddress', L('Διεύθυνση του ακινήτου', 'Address of the property'), { required: true }),
      text('supplyNumber', L('Αριθμός παροχής ρεύματος', 'Electricity supply number'), { required: true, maxLength: 40 }),
      { id: 'areaM2', kind: 'number', label: L('Επιφάνεια (τ.μ.)', 'Floor area (m²)'), required: true, min: 1, max: 100000 },
      text('kaek', L('ΚΑΕΚ (αν υπάρχει)', 'Land registry code (KAEK, if any)'), { maxLength: 20 }),
      purpose,
    ],
    documents: [
      doc('electricity_bill', 'Τελευταίος εξοφλημένος λογαριασμός ρεύματος', 'Latest paid electricity bill'),
      doc('e9', 'Έντυπο Ε9', 'Form E9 (property statement)'),
      doc('building_id', 'Ταυτότητα κτιρίου', 'Building identity'),
      doc('title_deed', 'Τίτλος ιδιοκτησίας', 'Title deed'),
      doc('floor_plan', 'Κάτοψη (αν τα τετραγωνικά διαφέρουν από του λογαριασμού)', 'Floor plan (if the area differs from the bill)', {
        optional: true,
      }),
    ],
    slaDays: 10,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['residence', 'business'],
    templateKey: 'tap-clearance',
  },
  // ── Μητρώο Αρρένων ──────────────────────────────────────────────────────────────────────
  {
    key: 'military-register-undeclared',
    group: 'military-register',
    icon: 'shield',
    unit: 'DIMOT',
    name: L('Μητρώο Αρρένων: εγγραφή αδήλωτου', 'Military register: registering an undeclared minor'),
    description: L(
      'Εγγραφή στο Μητρώο Αρρένων άρρενα που δεν δηλώθηκε (ν. 2119/1993). Την αίτηση κάνει ο ίδιος ή ο γονέας/κηδεμόνας του ανηλίκου. Το πιστοποιητικό αδήλωτου φέρει φωτογραφία και υπογραφή του Δημάρχου.',
      'Entering in the military register a male who was not declared (Law 2119/1993). The person himself or the parent/guardian of a minor applies. The certificate of non-registration bears a photo and the Mayor’s signature.',
    ),
    fields: [
      {
        id: 'registrant',
        kind: 'person',
        label: L('Πρόσωπο προς εγγραφή', 'Person to be registered'),
        required: true,
        requireParents: true,
        requireBirthDate: true,
        parts: [...PERSON_PARTS_FULL],
      },
      text('birthPlace', L('Τόπος γέννησης', 'Place of birth'), { required: true }),
      {
        id: 'relationship',
        kind: 'choice',
        label: L('Υποβάλλω ως', 'I am applying as'),
        required: true,
        options: [
          { value: 'self', label: L('Ο ίδιος', 'The person himself') },
          { value: 'father', label: L('Πατέρας', 'Father') },
          { value: 'mother', label: L('Μητέρα', 'Mother') },
          { value: 'guardian', label: L('Κηδεμόνας', 'Guardian') },
        ],
      },
      applicant(),
    ],
    documents: [
      doc(
        'solemn_declaration',
        'Υπεύθυνη δήλωση ότι δεν έχει εγγραφεί στο Μητρώο Αρρένων',
        'Solemn declaration that he is not in the military register',
      ),
      doc(
        'undeclared_certificate',
        'Πιστοποιητικό αδήλωτου (με φωτογραφία, υπογραφή και σφραγίδα του Δημάρχου)',
        'Certificate of non-registration (photo, signed and stamped by the Mayor)',
      ),
      doc(
        'age_determination',
        'Πράξη καθορισμού ηλικίας (στρατολογία, Περιφέρεια ή προξενείο)',
        'Act determining age (recruitment office, Region or consulate)',
      ),
      doc('birth_act', 'Ληξιαρχική πράξη γέννησης', 'Birth act', { registry: 'birth-act' }),
    ],
    // «weeks» in the domain notes: twenty working days (inferred).
    slaDays: 20,
    identity: 'taxisnet',
    onBehalf: false,
    lifeEvents: ['military', 'children'],
  },
  {
    key: 'military-register-correction',
    group: 'military-register',
    icon: 'pencil',
    unit: 'DIMOT',
    name: L(
      'Μητρώο Αρρένων: διόρθωση επωνύμου, πατρωνύμου ή ονόματος',
      "Military register: correcting surname, father's name or first name",
    ),
    description: L(
      'Διόρθωση στοιχείου της εγγραφής στο Μητρώο Αρρένων με απόφαση Δημάρχου, με βάση ληξιαρχική πράξη ή δικαστική απόφαση.',
      "Correcting an entry in the military register by the Mayor's decision, on the basis of a civil-status act or a court decision.",
    ),
    fields: [
      applicant(),
      {
        id: 'correction',
        kind: 'choice',
        label: L('Τι διορθώνεται', 'What is corrected'),
        required: true,
        options: [
          { value: 'surname', label: L('Επώνυμο', 'Surname') },
          { value: 'fatherName', label: L('Όνομα πατέρα', "Father's name") },
          { value: 'name', label: L('Όνομα', 'First name') },
        ],
      },
      text('currentValue', L('Όπως είναι γραμμένο σήμερα', 'As it is written now'), { required: true, maxLength: 100 }),
      text('correctValue', L('Όπως πρέπει να γραφτεί', 'As it should be written'), { required: true, maxLength: 100 }),
    ],
    documents: [
      doc(
        'supporting_act',
        'Ληξιαρχική πράξη ή δικαστική απόφαση που τεκμηριώνει τη διόρθωση',
        'Civil-status act or court decision supporting the correction',
      ),
      doc('birth_act', 'Ληξιαρχική πράξη γέννησης', 'Birth act', { registry: 'birth-act' }),
    ],
    // No deadline in the domain notes: thirty working days (inferred).
    slaDays: 30,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['military'],
  },
  {
    key: 'military-register-certificate',
    group: 'military-register',
    icon: 'certificate',
    unit: 'DIMOT',
    name: L('Πιστοποιητικό Μητρώου Αρρένων', 'Military register certificate'),
    description: L(
      'Πιστοποιητικό εγγραφής στο Μητρώο Αρρένων του Δήμου, με ψηφιακή υπογραφή. Αυθημερόν, δωρεάν.',
      "A certificate of registration in the municipality's military register, digitally signed. Same day, free of charge.",
    ),
    fields: [
      applicant({ label: L('Στοιχεία εγγεγραμμένου', 'Registered person') }),
      text('birthPlace', L('Τόπος γέννησης', 'Place of birth'), { required: true }),
      purpose,
    ],
    documents: [idDoc],
    slaDays: 0,
    identity: 'taxisnet',
    onBehalf: true,
    lifeEvents: ['military'],
    templateKey: 'military-register',
  },
];

/**
 * The residence certificate the case engine's demo already has (`residence-certificate`): we give
 * it a new version with the catalogue's facts rather than a second type.
 */
export const RESIDENCE: TService = {
  key: 'residence-certificate',
  group: 'certificates',
  icon: 'certificate',
  unit: 'DIMOT',
  name: L('Βεβαίωση μόνιμης κατοικίας', 'Certificate of permanent residence'),
  description: L(
    'Βεβαίωση του Δημάρχου ότι κατοικείτε μόνιμα στον Δήμο (άρθρο 279 ν. 3463/2006). Χρειάζεται αποδεικτικό κατοικίας: τελευταίος λογαριασμός ΔΕΚΟ, εκκαθαριστικό ή Ε1 της εφορίας, ή θεωρημένο μισθωτήριο· υπεύθυνη δήλωση μόνη της δεν αρκεί. Αυθημερόν ή την επόμενη εργάσιμη.',
    'A certificate from the Mayor that you permanently reside in the municipality (article 279, Law 3463/2006). You need proof of residence: the latest utility bill, a tax assessment or E1, or a registered lease; a solemn declaration alone is not enough. Same or next working day.',
  ),
  fields: [
    applicant({ requireAfm: true, parts: ['surname', 'name', 'fatherName', 'motherName', 'afm'] }),
    text('address', L('Διεύθυνση κατοικίας', 'Home address'), { required: true }),
    text('since', L('Κατοικώ εκεί από (έτος)', 'Living there since (year)'), { pattern: '(19|20)\\d{2}', maxLength: 4 }),
    { ...purpose, required: true },
  ],
  documents: [
    doc(
      'proof_of_residence',
      'Αποδεικτικό κατοικίας: λογαριασμός ΔΕΚΟ, εκκαθαριστικό/Ε1 ή θεωρημένο μισθωτήριο',
      'Proof of residence: utility bill, tax assessment/E1 or registered lease',
    ),
    idDoc,
  ],
  slaDays: 1,
  identity: 'taxisnet',
  onBehalf: true,
  lifeEvents: ['residence'],
  templateKey: 'residence',
};

/** The case type body of a service for the tenant's unit ids. */
export function caseTypeBodyOf(s: TService, unitId: string | null): TCaseTypeBody {
  const docFields: TFormField[] = s.documents
    .filter((d): d is TDoc & { key: string } => Boolean(d.key))
    .map((d) => ({
      id: d.key,
      kind: 'files' as const,
      label: L(d.el, d.en),
      allowedKinds: ['document', 'image'],
      maxFiles: 5,
      ...(d.showIf ? { showIf: d.showIf } : {}),
    }));
  const feeFields: TFormField[] =
    s.fee && (s.fee.cents > 0 || s.fee.lateFines?.length)
      ? [
          text('eParavolo', L('Κωδικός e-παραβόλου (αν οφείλεται)', 'e-paravolo code (if one is due)'), {
            // digits, spaces and dashes as people copy it; the payments check normalises and verifies it
            pattern: '[\\d\\s-]{6,40}',
            maxLength: 40,
            help: L('Ο 20ψήφιος κωδικός του e-παραβόλου που πληρώσατε.', 'The 20-digit code of the e-paravolo you paid.'),
          }),
        ]
      : [];
  return {
    key: s.key,
    group: s.group,
    icon: s.icon,
    active: true,
    snapshot: {
      nameEl: s.name.el,
      nameEn: s.name.en,
      descriptionEl: s.description.el,
      descriptionEn: s.description.en,
      form: { fields: [...(s.onBehalf ? onBehalfBlock() : []), ...s.fields, ...docFields, ...feeFields] },
      requiredDocuments: s.documents.map(({ showIf: _showIf, ...d }) => d),
      defaultUnitId: unitId,
      routing: [],
      workflowKey: 'applications',
      slaDays: s.slaDays,
      fee: s.fee ?? null,
      issuedDocument: s.templateKey ? { templateKey: s.templateKey } : null,
      public: true,
      anonymousAllowed: false,
      locationRequired: false,
      identity: s.identity,
      onBehalf: s.onBehalf,
      lifeEvents: s.lifeEvents,
      applyPath: null,
    },
  };
}

/** Every seeded key, for tests and the catalogue's docs. */
export const ESERVICE_KEYS = [...ESERVICES.map((s) => s.key), RESIDENCE.key];

/**
 * Seeds the e-services of a tenant: creates the missing ones, and gives the case engine's demo
 * residence certificate the catalogue's version once (a type already listed in the catalogue,
 * e.g. edited by an administrator since, is left alone). Safe to run again.
 */
export async function seedEservices(db: DbOrTx, tenantId: string) {
  await ensureDefaultWorkflows(db, tenantId);
  const units = await db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.code, ['LIXI', 'DIMOT', 'ESOD', 'KEP'])));
  const unit = (code: TUnitCode) => units.find((u) => u.code === code)?.id ?? null;
  for (const s of [...ESERVICES, RESIDENCE]) {
    const body = caseTypeBodyOf(s, unit(s.unit));
    const existing = await getCaseType(db, tenantId, s.key).catch(() => null);
    if (!existing) await createCaseType(db, tenantId, body);
    else if (s === RESIDENCE && existing.snapshot.lifeEvents.length === 0) {
      const { key: _key, ...update } = body;
      await updateCaseType(db, tenantId, existing.id, update);
    }
  }
}
