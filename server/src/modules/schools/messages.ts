import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who may do what with schools. Administrators hold every permission. */
definePermissions({
  'schools.read': ['head', 'employee', 'operator', 'mayor_office'],
  'schools.manage': ['head'],
});

registerMessages({
  'school.not_found': { el: 'Η σχολική μονάδα δεν βρέθηκε.', en: 'School not found.' },
  'school.inactive': { el: 'Η σχολική μονάδα δεν είναι ενεργή.', en: 'The school is not active.' },
  'school.not_linked': {
    el: 'Ο λογαριασμός σας δεν ανήκει σε σχολική μονάδα του δήμου.',
    en: 'Your account does not belong to one of the municipality’s schools.',
  },
  'school.has_requests': {
    el: 'Η σχολική μονάδα έχει {count} αιτήματα· απενεργοποιήστε την αντί να τη διαγράψετε.',
    en: 'The school has {count} requests; deactivate it instead of deleting it.',
  },
  'school.code_taken': { el: 'Υπάρχει ήδη σχολική μονάδα με αυτόν τον κωδικό.', en: 'Another school has this code.' },
  'school.org_taken': { el: 'Ο φορέας ανήκει ήδη σε άλλη σχολική μονάδα.', en: 'The organisation already belongs to another school.' },
  'school.org_invalid': { el: 'Ο φορέας δεν υπάρχει ή δεν είναι σχολείο.', en: 'The organisation does not exist or is not a school.' },
  'school.types_missing': {
    el: 'Τα είδη αιτημάτων σχολείων δεν έχουν οριστεί ακόμη από τον δήμο.',
    en: 'The municipality has not set up the school request types yet.',
  },
  'field.level': { el: 'Βαθμίδα', en: 'Level' },
  'field.principalName': { el: 'Διευθυντής/ντρια', en: 'Principal' },
  'field.partnerOrgId': { el: 'Φορέας', en: 'Organisation' },
  'field.building': { el: 'Κτίριο', en: 'Building' },
  'field.area': { el: 'Αίθουσα ή χώρος', en: 'Room or area' },
});
