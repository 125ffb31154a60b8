import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/**
 * Who may run the nursery enrolment: heads and employees of the unit that receives the
 * `nursery-enrolment` cases (Τμήμα Παιδικών Σταθμών), checked on that unit; administrators everywhere.
 */
definePermissions({ 'nursery.manage': ['head', 'employee'] });

registerMessages({
  'nursery.call_not_found': { el: 'Η προκήρυξη δεν βρέθηκε.', en: 'Call not found.' },
  'nursery.station_not_found': { el: 'Ο παιδικός σταθμός δεν βρέθηκε.', en: 'Nursery not found.' },
  'nursery.application_not_found': { el: 'Η αίτηση δεν βρέθηκε.', en: 'Application not found.' },
  'nursery.call_not_open': {
    el: 'Οι αιτήσεις για την προκήρυξη γίνονται δεκτές από {opensAt} έως {closesAt}.',
    en: 'Applications for this call are accepted from {opensAt} to {closesAt}.',
  },
  'nursery.call_state': {
    el: 'Η ενέργεια δεν επιτρέπεται όσο η προκήρυξη είναι «{status}».',
    en: 'This is not allowed while the call is “{status}”.',
  },
  'nursery.application_state': {
    el: 'Η ενέργεια δεν επιτρέπεται για αίτηση σε κατάσταση «{status}».',
    en: 'This is not allowed for an application that is “{status}”.',
  },
  'nursery.not_published': { el: 'Η κατάταξη δεν έχει δημοσιευθεί ακόμη.', en: 'The ranking has not been published yet.' },
  'nursery.duplicate': {
    el: 'Έχετε ήδη υποβάλει αίτηση για αυτό το παιδί στην προκήρυξη.',
    en: 'You have already applied for this child in this call.',
  },
  'nursery.child_too_young': {
    el: 'Το πεδίο «{field}»: το παιδί θα είναι {months} μηνών στις {date}· οι σταθμοί δέχονται από {min} μηνών.',
    en: '“{field}”: the child will be {months} months old on {date}; nurseries take children from {min} months.',
  },
  'nursery.child_too_old': {
    el: 'Το πεδίο «{field}»: το παιδί θα είναι {months} μηνών στις {date}· οι σταθμοί δέχονται έως {max} μηνών (υποχρεωτική προσχολική εκπαίδευση).',
    en: '“{field}”: the child will be {months} months old on {date}; nurseries take children up to {max} months (compulsory pre-school).',
  },
  'nursery.answer_invalid': { el: 'Η απάντηση στο «{field}» δεν είναι έγκυρη.', en: 'The answer to “{field}” is not valid.' },
  'nursery.document_required': {
    el: 'Λείπει το δικαιολογητικό «{field}».',
    en: 'The supporting document “{field}” is missing.',
  },
  'nursery.station_unknown': {
    el: 'Ο σταθμός στο πεδίο «{field}» δεν συμμετέχει στην προκήρυξη ή δεν έχει θέσεις για την ηλικία του παιδιού.',
    en: 'The nursery in “{field}” is not part of the call or has no places for the child’s age.',
  },
  'nursery.station_repeated': {
    el: 'Ο ίδιος σταθμός δίνεται δύο φορές στο «{field}».',
    en: 'The same nursery is given twice in “{field}”.',
  },
  'nursery.dates_order': {
    el: 'Η λήξη πρέπει να είναι μετά την έναρξη («{field}»).',
    en: 'The closing time must be after the opening time (“{field}”).',
  },
  'nursery.criteria_duplicate': { el: 'Δύο κριτήρια έχουν το ίδιο κλειδί.', en: 'Two criteria have the same key.' },
  'nursery.criteria_income_once': { el: 'Επιτρέπεται ένα μόνο κριτήριο εισοδήματος.', en: 'Only one income criterion is allowed.' },
  'nursery.type_missing': {
    el: 'Το είδος αίτησης «Εγγραφή σε παιδικό σταθμό» δεν έχει οριστεί.',
    en: 'The “Nursery enrolment” application type is not set up.',
  },
  'nursery.no_capacity': { el: 'Κανένας ενεργός σταθμός δεν έχει θέσεις.', en: 'No active nursery has places.' },
  'field.child.givenName': { el: 'Όνομα παιδιού', en: 'Child’s first name' },
  'field.child.familyName': { el: 'Επώνυμο παιδιού', en: 'Child’s surname' },
  'field.child.birthDate': { el: 'Ημερομηνία γέννησης παιδιού', en: 'Child’s date of birth' },
  'field.preferences': { el: 'Σταθμοί προτίμησης', en: 'Preferred nurseries' },
  'field.schoolYear': { el: 'Σχολικό έτος', en: 'School year' },
  'field.opensAt': { el: 'Έναρξη αιτήσεων', en: 'Applications open' },
  'field.closesAt': { el: 'Λήξη αιτήσεων', en: 'Applications close' },
  'field.referenceDate': { el: 'Ημερομηνία υπολογισμού ηλικίας', en: 'Date ages are counted at' },
  'field.criteria': { el: 'Κριτήρια μοριοδότησης', en: 'Points criteria' },
  'field.capacityInfant': { el: 'Θέσεις βρεφικού τμήματος', en: 'Infant places' },
  'field.capacityToddler': { el: 'Θέσεις νηπιακού τμήματος', en: 'Toddler places' },
  'field.stationId': { el: 'Σταθμός', en: 'Nursery' },
  'field.ageGroup': { el: 'Ηλικιακή ομάδα', en: 'Age group' },
});

/** The names people read, for messages and the CSV. */
export const STATUS_NAMES: Record<string, { el: string; en: string }> = {
  draft: { el: 'Σχέδιο', en: 'Draft' },
  open: { el: 'Ανοιχτή', en: 'Open' },
  closed: { el: 'Κλειστή', en: 'Closed' },
  ranked: { el: 'Καταταγμένη', en: 'Ranked' },
  published: { el: 'Δημοσιευμένη', en: 'Published' },
  submitted: { el: 'Υποβλήθηκε', en: 'Submitted' },
  admitted: { el: 'Επιλέχθηκε', en: 'Admitted' },
  offered: { el: 'Προσφέρθηκε θέση', en: 'Place offered' },
  accepted: { el: 'Αποδέχθηκε τη θέση', en: 'Place accepted' },
  waiting: { el: 'Σε λίστα αναμονής', en: 'On the waiting list' },
  declined: { el: 'Δεν αποδέχθηκε', en: 'Declined' },
  withdrawn: { el: 'Αποσύρθηκε', en: 'Withdrawn' },
  removed: { el: 'Διαγράφηκε', en: 'Removed' },
};
