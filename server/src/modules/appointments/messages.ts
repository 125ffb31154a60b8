import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who may do what with appointments. Administrators hold every permission. */
definePermissions({
  // Services, counters, hours, exceptions, statistics.
  'appointments.manage': ['head'],
  // The front desk: day view, check-in, served / no-show, walk-ins, booking for a caller.
  'appointments.desk': ['head', 'employee', 'operator'],
});

registerMessages({
  'appointment.slot_full': {
    el: 'Η ώρα που διαλέξατε μόλις κλείστηκε. Διαλέξτε άλλη ώρα.',
    en: 'The time you chose has just been taken. Please choose another time.',
  },
  'appointment.slot_not_found': { el: 'Η ώρα δεν βρέθηκε.', en: 'Time not found.' },
  'appointment.outside_window': {
    el: 'Η ώρα αυτή δεν είναι ανοιχτή για κράτηση (πολύ νωρίς ή πολύ μακριά).',
    en: 'This time is not open for booking (too soon or too far ahead).',
  },
  'appointment.not_found': { el: 'Το ραντεβού δεν βρέθηκε.', en: 'Appointment not found.' },
  'appointment.hold_not_found': { el: 'Η δέσμευση της ώρας δεν βρέθηκε.', en: 'The hold on this time was not found.' },
  'appointment.hold_expired': {
    el: 'Η δέσμευση της ώρας έληξε. Διαλέξτε ξανά ώρα.',
    en: 'The hold on this time has expired. Please choose a time again.',
  },
  'appointment.hold_conflict': {
    el: 'Η συσκευή σας κρατά ήδη άλλη ώρα. Δοκιμάστε ξανά.',
    en: 'Your device is already holding another time. Please try again.',
  },
  'appointment.already_confirmed': { el: 'Το ραντεβού έχει ήδη επιβεβαιωθεί.', en: 'The appointment is already confirmed.' },
  'appointment.limit_reached': {
    el: 'Έχετε ήδη {limit} ραντεβού για αυτή την υπηρεσία μέσα σε {days} ημέρες.',
    en: 'You already have {limit} appointments for this service within {days} days.',
  },
  'appointment.not_active': {
    el: 'Το ραντεβού δεν είναι πια ενεργό.',
    en: 'The appointment is no longer active.',
  },
  'appointment.bad_transition': {
    el: 'Η ενέργεια δεν επιτρέπεται στην τρέχουσα κατάσταση του ραντεβού.',
    en: 'This action is not allowed in the appointment’s current state.',
  },
  'appointment.bad_token': { el: 'Ο σύνδεσμος δεν είναι έγκυρος ή έχει λήξει.', en: 'The link is not valid or has expired.' },
  'appointment.service_not_found': { el: 'Η υπηρεσία δεν βρέθηκε.', en: 'Service not found.' },
  'appointment.resource_not_found': { el: 'Το γκισέ δεν βρέθηκε.', en: 'Counter not found.' },
  'appointment.unit_not_found': { el: 'Η υπηρεσία (τμήμα) δεν βρέθηκε.', en: 'Unit not found.' },
  'appointment.bad_interval': {
    el: 'Το διάστημα ωρών του πεδίου «{field}» δεν είναι έγκυρο (ΩΩ:ΛΛ, η αρχή πριν το τέλος, χωρίς επικαλύψεις).',
    en: 'The hours in “{field}” are not valid (HH:MM, start before end, no overlaps).',
  },
  'appointment.bad_date': { el: 'Η ημερομηνία του πεδίου «{field}» δεν είναι έγκυρη.', en: 'The date in “{field}” is not valid.' },
  'appointment.waitlist_exists': {
    el: 'Είστε ήδη στη λίστα αναμονής αυτής της υπηρεσίας.',
    en: 'You are already on the waiting list of this service.',
  },
  'appointment.no_contact': {
    el: 'Χρειάζεται τηλέφωνο ή e-mail για να ειδοποιηθεί ο πολίτης.',
    en: 'A phone number or an e-mail is needed to notify the citizen.',
  },
});
