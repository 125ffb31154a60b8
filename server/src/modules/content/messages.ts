import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/**
 * Who may do what with content. The roles hold the permission only in the units named for it
 * (see `access.ts`): the press office for news and events, the press office and civil protection
 * for alerts, the council's secretariat for meetings. Administrators hold every permission.
 */
definePermissions({
  'content.publish': ['head', 'employee', 'mayor_office'],
  'content.alerts': ['head', 'employee', 'mayor_office'],
  'council.manage': ['head', 'employee'],
});

registerMessages({
  'content.not_found': { el: 'Το περιεχόμενο δεν βρέθηκε.', en: 'Content not found.' },
  'content.category_not_found': { el: 'Η κατηγορία δεν βρέθηκε.', en: 'Category not found.' },
  'content.category_exists': {
    el: 'Υπάρχει ήδη κατηγορία με αυτό το αναγνωριστικό.',
    en: 'A category with this identifier already exists.',
  },
  'content.image_invalid': { el: 'Η εικόνα δεν βρέθηκε ή δεν είναι εικόνα.', en: 'The image was not found or is not an image.' },
  'content.image_alt_required': {
    el: 'Γράψτε ένα κείμενο που περιγράφει την εικόνα.',
    en: 'Write a text that describes the image.',
  },
  'content.event_dates_required': { el: 'Μια εκδήλωση χρειάζεται ημερομηνία έναρξης.', en: 'An event needs a start date.' },
  'content.ends_before_start': { el: 'Η λήξη είναι πριν από την έναρξη.', en: 'The end is before the start.' },
  'content.publish_at_required': {
    el: 'Ορίστε πότε θα δημοσιευτεί.',
    en: 'Set when it will be published.',
  },
  'content.publish_at_past': { el: 'Η ώρα δημοσίευσης έχει περάσει.', en: 'The publishing time has passed.' },
  'content.not_publishable': { el: 'Αυτό το περιεχόμενο δεν μπορεί να δημοσιευτεί τώρα.', en: 'This content cannot be published now.' },
  'content.coordinates_incomplete': { el: 'Δώστε και γεωγραφικό πλάτος και μήκος.', en: 'Give both latitude and longitude.' },
  'content.alert_not_found': { el: 'Η ειδοποίηση δεν βρέθηκε.', en: 'Alert not found.' },
  'council.meeting_not_found': { el: 'Η συνεδρίαση δεν βρέθηκε.', en: 'Meeting not found.' },
  'council.ada_invalid': {
    el: 'Ο ΑΔΑ δεν είναι έγκυρος: 7 χαρακτήρες, παύλα, 3 χαρακτήρες (κεφαλαία ελληνικά ή ψηφία), π.χ. ΨΘ82ΩΡΦ-7ΑΙ.',
    en: 'The ΑΔΑ is not valid: 7 characters, a hyphen, 3 characters (Greek capitals or digits), e.g. ΨΘ82ΩΡΦ-7ΑΙ.',
  },
  'council.ada_taken': { el: 'Ο ΑΔΑ έχει ήδη καταχωριστεί σε άλλη απόφαση.', en: 'This ΑΔΑ is already recorded on another decision.' },
  'council.document_invalid': { el: 'Το έγγραφο δεν βρέθηκε.', en: 'The document was not found.' },
});
