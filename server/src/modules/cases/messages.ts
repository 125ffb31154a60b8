import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who may do what with cases. Administrators hold every permission. */
definePermissions({
  'cases.read': ['head', 'employee', 'operator', 'mayor_office'],
  'cases.handle': ['head', 'employee'],
  'cases.assign': ['head'],
  'cases.intake': ['head', 'employee', 'operator'],
  'casetypes.manage': [],
});

registerMessages({
  'case_type.not_found': { el: 'Το είδος αιτήματος δεν βρέθηκε.', en: 'Case type not found.' },
  'case_type.key_taken': { el: 'Υπάρχει ήδη είδος αιτήματος με αυτό το κλειδί.', en: 'A case type with this key already exists.' },
  'case_type.inactive': { el: 'Το είδος αιτήματος δεν δέχεται πλέον αιτήματα.', en: 'This case type no longer accepts cases.' },
  'case_type.not_public': {
    el: 'Αυτό το αίτημα υποβάλλεται μόνο μέσω των υπηρεσιών του δήμου.',
    en: 'This case can only be filed through the municipality’s services.',
  },
  'case_type.unknown_workflow': { el: 'Η ροή εργασιών «{field}» δεν υπάρχει.', en: 'The workflow “{field}” does not exist.' },
  'case_type.unknown_unit': { el: 'Η υπηρεσία του πεδίου «{field}» δεν υπάρχει.', en: 'The unit in “{field}” does not exist.' },
  'workflow.not_found': { el: 'Η ροή εργασιών δεν βρέθηκε.', en: 'Workflow not found.' },
  'workflow.key_taken': { el: 'Υπάρχει ήδη ροή εργασιών με αυτό το κλειδί.', en: 'A workflow with this key already exists.' },
  'workflow.duplicate_state': { el: 'Η κατάσταση εμφανίζεται δύο φορές.', en: 'This state appears twice.' },
  'workflow.duplicate_transition': { el: 'Η μετάβαση εμφανίζεται δύο φορές.', en: 'This transition appears twice.' },
  'workflow.one_initial_state': {
    el: 'Η ροή πρέπει να έχει ακριβώς μία αρχική κατάσταση.',
    en: 'The workflow must have exactly one initial state.',
  },
  'workflow.unknown_state': { el: 'Η κατάσταση του πεδίου «{field}» δεν υπάρχει.', en: 'The state in “{field}” does not exist.' },
  'workflow.unreachable_state': {
    el: 'Η κατάσταση «{state}» δεν είναι προσβάσιμη από την αρχική.',
    en: 'The state “{state}” cannot be reached from the initial state.',
  },
  'workflow.state_in_use': {
    el: 'Υπάρχουν αιτήματα στις καταστάσεις: {state}. Δεν μπορούν να αφαιρεθούν.',
    en: 'Cases are in the states: {state}. They cannot be removed.',
  },
  'case.taxisnet_required': {
    el: 'Για αυτή την υπηρεσία χρειάζεται σύνδεση με τους κωδικούς TaxisNet.',
    en: 'This service needs you to sign in with your TaxisNet credentials.',
  },
  'case.not_found': { el: 'Το αίτημα δεν βρέθηκε.', en: 'Case not found.' },
  'case.transition_invalid': {
    el: 'Αυτή η μετάβαση δεν είναι δυνατή από την τρέχουσα κατάσταση.',
    en: 'This transition is not possible from the current state.',
  },
  'case.transition_forbidden': {
    el: 'Ο ρόλος σας δεν επιτρέπει αυτή τη μετάβαση.',
    en: 'Your role does not allow this transition.',
  },
  'case.comment_required': { el: 'Απαιτείται σχόλιο για αυτή την ενέργεια.', en: 'A comment is required for this action.' },
  'case.location_required': { el: 'Σημειώστε το σημείο στον χάρτη.', en: 'Mark the location on the map.' },
  'case.no_waiting_state': {
    el: 'Η ροή εργασιών δεν έχει κατάσταση αναμονής στοιχείων.',
    en: 'The workflow has no state for waiting on the citizen.',
  },
  'case.not_waiting': { el: 'Το αίτημα δεν περιμένει στοιχεία από εσάς.', en: 'The case is not waiting for information from you.' },
  'case.merge_self': { el: 'Ένα αίτημα δεν συγχωνεύεται με τον εαυτό του.', en: 'A case cannot be merged into itself.' },
  'case.already_merged': { el: 'Το αίτημα έχει ήδη συγχωνευθεί.', en: 'The case has already been merged.' },
  'case.not_closed': { el: 'Μόνο κλειστά αιτήματα ανοίγουν ξανά.', en: 'Only closed cases can be reopened.' },
  'case.not_reopenable': {
    el: 'Μόνο αιτήματα που έχουν ολοκληρωθεί μπορούν να ανοίξουν ξανά.',
    en: 'Only completed cases can be reopened.',
  },
  'case.not_done': { el: 'Η αξιολόγηση γίνεται όταν ολοκληρωθεί το αίτημα.', en: 'You can rate a case once it is completed.' },
  'case.already_rated': { el: 'Έχετε ήδη αξιολογήσει αυτό το αίτημα.', en: 'You have already rated this case.' },
  'field.stars': { el: 'Βαθμολογία', en: 'Rating' },
  'case.unknown_unit': { el: 'Η υπηρεσία δεν υπάρχει.', en: 'The unit does not exist.' },
  'case.unknown_assignee': { el: 'Ο υπάλληλος δεν υπάρχει.', en: 'The staff member does not exist.' },
  'case.invalid_channel': {
    el: 'Το κανάλι «{channel}» δεν επιτρέπεται εδώ.',
    en: 'The channel “{channel}” is not allowed here.',
  },
  'case.unknown_file': { el: 'Το συνημμένο δεν βρέθηκε.', en: 'The attachment was not found.' },
  'case.file_kind': {
    el: 'Το πεδίο «{field}» δέχεται μόνο αρχεία τύπου: {kinds}.',
    en: 'The field “{field}” accepts only files of kind: {kinds}.',
  },
  'case.bad_cursor': { el: 'Μη έγκυρη σελίδα αποτελεσμάτων.', en: 'Invalid page cursor.' },
  'tracking.not_found': {
    el: 'Δεν βρέθηκε αίτημα με αυτόν τον αριθμό πρωτοκόλλου και κωδικό.',
    en: 'No case matches this protocol number and code.',
  },
  'case_view.not_found': { el: 'Η αποθηκευμένη προβολή δεν βρέθηκε.', en: 'Saved view not found.' },
  'idempotency.in_progress': {
    el: 'Το ίδιο αίτημα επεξεργάζεται ήδη. Δοκιμάστε ξανά σε λίγο.',
    en: 'The same request is already being processed. Try again shortly.',
  },
  'field.caseType': { el: 'Είδος αιτήματος', en: 'Case type' },
  'field.comment': { el: 'Σχόλιο', en: 'Comment' },
  'field.location': { el: 'Τοποθεσία', en: 'Location' },
  'field.fileIds': { el: 'Συνημμένα', en: 'Attachments' },
});
