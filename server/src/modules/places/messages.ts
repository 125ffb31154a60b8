import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who keeps the places of interest: heads of units (and administrators). */
definePermissions({ 'places.manage': ['head'] });

registerMessages({
  'place.not_found': { el: 'Το σημείο δεν βρέθηκε.', en: 'Place not found.' },
  'place_category.not_found': { el: 'Η κατηγορία δεν βρέθηκε.', en: 'Category not found.' },
  'place_category.taken': { el: 'Υπάρχει ήδη κατηγορία με αυτό το κλειδί.', en: 'A category with this key already exists.' },
  'place_category.in_use': {
    el: 'Η κατηγορία έχει σημεία· μετακινήστε τα πρώτα.',
    en: 'The category still has places; move them first.',
  },
  'places.unknown_category': { el: 'Άγνωστη κατηγορία «{value}».', en: 'Unknown category "{value}".' },
  'places.hours_invalid': {
    el: 'Το ωράριο δεν είναι έγκυρο (π.χ. «mon-fri 08:00-15:00; sat 09:00-13:00»).',
    en: 'The opening hours are not valid (e.g. "mon-fri 08:00-15:00; sat 09:00-13:00").',
  },
  'places.photo_invalid': { el: 'Η φωτογραφία δεν βρέθηκε ή δεν είναι εικόνα.', en: 'The photo was not found or is not an image.' },
  'places.import_invalid': {
    el: 'Το αρχείο έχει λάθη· δεν εισήχθη τίποτα. Διορθώστε τις γραμμές που αναφέρονται.',
    en: 'The file has errors; nothing was imported. Fix the rows listed.',
  },
  'places.import_unreadable': { el: 'Το αρχείο δεν διαβάζεται: {reason}', en: 'The file cannot be read: {reason}' },
  'places.import_empty': { el: 'Το αρχείο δεν έχει σημεία.', en: 'The file has no places.' },
  'places.column_unknown': { el: 'Άγνωστη στήλη.', en: 'Unknown column.' },
  'places.coordinates_invalid': { el: 'Οι συντεταγμένες δεν είναι έγκυρες (WGS84).', en: 'The coordinates are not valid (WGS84).' },
});

/** Who keeps the address register (imports from OpenStreetMap or CSV): the same heads as the places. */
registerMessages({
  'addresses.import_unreadable': { el: 'Το αρχείο διευθύνσεων δεν διαβάζεται: {reason}', en: 'The address file cannot be read: {reason}' },
  'addresses.import_invalid': {
    el: 'Το αρχείο διευθύνσεων έχει λάθη· δεν εισήχθη τίποτα. Διορθώστε τις γραμμές ή τα στοιχεία που αναφέρονται, ή εισαγάγετε μόνο τα σωστά.',
    en: 'The address file has errors; nothing was imported. Fix the lines or elements listed, or import only the valid ones.',
  },
  'addresses.import_empty': { el: 'Το αρχείο δεν έχει διευθύνσεις ούτε οδούς.', en: 'The file has no addresses and no streets.' },
  'addresses.column_unknown': { el: 'Άγνωστη στήλη «{column}».', en: 'Unknown column "{column}".' },
  'addresses.column_missing': { el: 'Λείπει η στήλη «{column}».', en: 'The column "{column}" is missing.' },
  'addresses.line_required': { el: 'Γραμμή {line}: λείπει η οδός.', en: 'Line {line}: the street is missing.' },
  'addresses.line_coordinates': {
    el: 'Γραμμή {line}: οι συντεταγμένες (lat, lon) δεν είναι έγκυρες.',
    en: 'Line {line}: the coordinates (lat, lon) are not valid.',
  },
  'addresses.line_number': { el: 'Γραμμή {line}: ο αριθμός δεν είναι έγκυρος.', en: 'Line {line}: the house number is not valid.' },
  'addresses.street_missing': {
    el: '{element}: έχει αριθμό (addr:housenumber) χωρίς οδό (addr:street).',
    en: '{element}: has a house number (addr:housenumber) but no street (addr:street).',
  },
  'addresses.number_invalid': { el: '{element}: ο αριθμός δεν είναι έγκυρος.', en: '{element}: the house number is not valid.' },
  'addresses.nodes_missing': {
    el: '{element}: λείπουν σημεία (nodes) της γραμμής από το απόσπασμα.',
    en: '{element}: some of its nodes are not in the extract.',
  },
  'addresses.coordinates_invalid': {
    el: '{element}: οι συντεταγμένες δεν είναι έγκυρες.',
    en: '{element}: the coordinates are not valid.',
  },
});
