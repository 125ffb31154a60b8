import { registerMessages } from '../../platform/i18n/i18n.js';

registerMessages({
  'payments.code_required': {
    el: 'Συμπληρώστε τον κωδικό του e-Παραβόλου που πληρώσατε ({amount}, κωδικός τύπου {typeCode}).',
    en: 'Enter the code of the e-Paravolo you paid ({amount}, type code {typeCode}).',
  },
  'payments.code_invalid': {
    el: 'Ο κωδικός e-Παραβόλου έχει 20 ψηφία.',
    en: 'An e-Paravolo code has 20 digits.',
  },
  'payments.unknown_code': {
    el: 'Δεν βρέθηκε e-Παράβολο με αυτόν τον κωδικό. Ελέγξτε τα ψηφία.',
    en: 'No e-Paravolo was found with this code. Check the digits.',
  },
  'payments.unpaid': {
    el: 'Το e-Παράβολο δεν έχει πληρωθεί ακόμη. Πληρώστε το και δοκιμάστε ξανά.',
    en: 'The e-Paravolo has not been paid yet. Pay it and try again.',
  },
  'payments.cancelled': {
    el: 'Το e-Παράβολο έχει ακυρωθεί· εκδώστε νέο.',
    en: 'The e-Paravolo has been cancelled; issue a new one.',
  },
  'payments.wrong_type': {
    el: 'Το e-Παράβολο είναι άλλου τύπου ({paidTypeCode}). Η υπηρεσία ζητά παράβολο με κωδικό τύπου {typeCode}.',
    en: 'The e-Paravolo is of another type ({paidTypeCode}). This service needs an e-Paravolo of type code {typeCode}.',
  },
  'payments.amount_low': {
    el: 'Το e-Παράβολο είναι {paid}· η υπηρεσία ζητά {amount}.',
    en: 'The e-Paravolo is for {paid}; this service needs {amount}.',
  },
  'payments.used': {
    el: 'Το e-Παράβολο έχει ήδη χρησιμοποιηθεί για άλλη αίτηση.',
    en: 'The e-Paravolo has already been used for another application.',
  },
  'payments.unreachable': {
    el: 'Η υπηρεσία e-Παράβολο δεν απαντά αυτή τη στιγμή· η αίτηση δεν υποβλήθηκε. Δοκιμάστε ξανά σε λίγο.',
    en: 'The e-Paravolo service is not answering right now; the application was not submitted. Try again shortly.',
  },
});
