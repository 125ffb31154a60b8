import { registerMessages } from '../../platform/i18n/i18n.js';

/**
 * Texts of every code the forms module returns. `{field}` is the field's own
 * label from the form (see localizeFieldErrors); the generic `validation.*`
 * codes (required, too_short, too_long, invalid_type, unknown_field) come from
 * platform/i18n.
 */
export const FORMS_MESSAGES = {
  'forms.invalid_submission': { el: 'Τα στοιχεία της φόρμας πρέπει να είναι αντικείμενο.', en: 'The form data must be an object.' },
  'forms.text_invalid': {
    el: 'Το πεδίο «{field}» περιέχει μη επιτρεπτούς χαρακτήρες.',
    en: 'The field “{field}” contains characters that are not allowed.',
  },
  'forms.pattern_mismatch': {
    el: 'Το πεδίο «{field}» δεν έχει τη μορφή που ζητείται.',
    en: 'The field “{field}” is not in the required format.',
  },
  'forms.number_invalid': { el: 'Το πεδίο «{field}» πρέπει να είναι αριθμός.', en: 'The field “{field}” must be a number.' },
  'forms.number_not_integer': {
    el: 'Το πεδίο «{field}» πρέπει να είναι ακέραιος αριθμός.',
    en: 'The field “{field}” must be a whole number.',
  },
  'forms.number_too_small': {
    el: 'Το πεδίο «{field}» πρέπει να είναι τουλάχιστον {min}.',
    en: 'The field “{field}” must be at least {min}.',
  },
  'forms.number_too_large': { el: 'Το πεδίο «{field}» πρέπει να είναι το πολύ {max}.', en: 'The field “{field}” must be at most {max}.' },
  'forms.date_invalid': {
    el: 'Το πεδίο «{field}» πρέπει να είναι έγκυρη ημερομηνία (ΕΕΕΕ-ΜΜ-ΗΗ).',
    en: 'The field “{field}” must be a valid date (YYYY-MM-DD).',
  },
  'forms.date_in_future': {
    el: 'Η ημερομηνία στο πεδίο «{field}» δεν μπορεί να είναι μελλοντική.',
    en: 'The date in “{field}” cannot be in the future.',
  },
  'forms.date_in_past': {
    el: 'Η ημερομηνία στο πεδίο «{field}» δεν μπορεί να είναι παρελθοντική.',
    en: 'The date in “{field}” cannot be in the past.',
  },
  'forms.date_too_early': {
    el: 'Η ημερομηνία στο πεδίο «{field}» πρέπει να είναι από {min} και μετά.',
    en: 'The date in “{field}” must be on or after {min}.',
  },
  'forms.date_too_late': {
    el: 'Η ημερομηνία στο πεδίο «{field}» πρέπει να είναι έως {max}.',
    en: 'The date in “{field}” must be on or before {max}.',
  },
  'forms.option_invalid': {
    el: 'Η επιλογή στο πεδίο «{field}» δεν είναι μία από τις διαθέσιμες.',
    en: 'The choice in “{field}” is not one of the options.',
  },
  'forms.too_few_options': {
    el: 'Στο πεδίο «{field}» επιλέξτε τουλάχιστον {min}.',
    en: 'Choose at least {min} in “{field}”.',
  },
  'forms.too_many_options': {
    el: 'Στο πεδίο «{field}» επιλέξτε το πολύ {max}.',
    en: 'Choose at most {max} in “{field}”.',
  },
  'forms.must_accept': { el: 'Πρέπει να αποδεχτείτε το «{field}».', en: 'You must accept “{field}”.' },
  'forms.location_invalid': {
    el: 'Το πεδίο «{field}» πρέπει να είναι σημείο στον χάρτη (γεωγραφικό πλάτος και μήκος).',
    en: 'The field “{field}” must be a point on the map (latitude and longitude).',
  },
  'forms.file_invalid': {
    el: 'Ένα από τα αρχεία στο πεδίο «{field}» δεν είναι έγκυρο.',
    en: 'One of the files in “{field}” is not valid.',
  },
  'forms.too_few_files': {
    el: 'Στο πεδίο «{field}» επισυνάψτε τουλάχιστον {min} αρχεία.',
    en: 'Attach at least {min} files in “{field}”.',
  },
  'forms.too_many_files': {
    el: 'Στο πεδίο «{field}» επιτρέπονται το πολύ {max} αρχεία.',
    en: 'At most {max} files are allowed in “{field}”.',
  },
  'forms.file_kind_not_allowed': {
    el: 'Στο πεδίο «{field}» επιτρέπονται μόνο αρχεία τύπου: {kinds}.',
    en: 'Only these kinds of file are allowed in “{field}”: {kinds}.',
  },
  'forms.name_invalid': {
    el: 'Το πεδίο «{field}» πρέπει να περιέχει μόνο γράμματα (ελληνικά ή λατινικά).',
    en: 'The field “{field}” must contain only letters (Greek or Latin).',
  },
  'forms.afm_invalid': { el: 'Το πεδίο «{field}» δεν είναι έγκυρος ΑΦΜ.', en: 'The field “{field}” is not a valid tax number (AFM).' },
  'forms.amka_invalid': {
    el: 'Το πεδίο «{field}» δεν είναι έγκυρος ΑΜΚΑ.',
    en: 'The field “{field}” is not a valid social security number (AMKA).',
  },
  'forms.id_number_invalid': {
    el: 'Το πεδίο «{field}» δεν είναι έγκυρος αριθμός ταυτότητας (π.χ. ΑΒ 123456).',
    en: 'The field “{field}” is not a valid ID card number (e.g. AB 123456).',
  },
  // Definition checks, shown to the administrator editing a form.
  'forms.field_id_invalid': {
    el: 'Το αναγνωριστικό πεδίου πρέπει να αρχίζει με λατινικό γράμμα και να έχει μόνο λατινικά γράμματα, ψηφία, _ και -.',
    en: 'A field id must start with a Latin letter and contain only Latin letters, digits, _ and -.',
  },
  'forms.def_duplicate_field_id': {
    el: 'Το αναγνωριστικό πεδίου «{id}» χρησιμοποιείται ήδη σε αυτή τη φόρμα.',
    en: 'The field id “{id}” is already used in this form.',
  },
  'forms.def_show_if_not_earlier': {
    el: 'Η συνθήκη εμφάνισης αναφέρεται στο «{target}», που δεν είναι προηγούμενο πεδίο της φόρμας.',
    en: 'The show condition refers to “{target}”, which is not an earlier field of the form.',
  },
  'forms.def_show_if_one_condition': {
    el: 'Η συνθήκη εμφάνισης χρειάζεται ακριβώς ένα από: equals, in, notEmpty.',
    en: 'The show condition needs exactly one of: equals, in, notEmpty.',
  },
  'forms.def_show_if_value_invalid': {
    el: 'Η τιμή «{value}» της συνθήκης εμφάνισης δεν ταιριάζει με το πεδίο «{target}».',
    en: 'The show condition value “{value}” does not fit the field “{target}”.',
  },
  'forms.def_kind_invalid': {
    el: 'Ο τύπος πεδίου δεν είναι γνωστός.',
    en: 'The field kind is not known.',
  },
  'forms.def_duplicate_option': {
    el: 'Η επιλογή «{value}» υπάρχει δύο φορές.',
    en: 'The option “{value}” appears twice.',
  },
  'forms.def_min_above_max': {
    el: 'Το ελάχιστο είναι μεγαλύτερο από το μέγιστο.',
    en: 'The minimum is greater than the maximum.',
  },
  'forms.def_min_above_options': {
    el: 'Το ελάχιστο πλήθος επιλογών είναι μεγαλύτερο από τις διαθέσιμες επιλογές.',
    en: 'The minimum number of choices is more than the options available.',
  },
  'forms.def_pattern_invalid': {
    el: 'Η κανονική έκφραση δεν είναι έγκυρη.',
    en: 'The regular expression is not valid.',
  },
} as const;

registerMessages(FORMS_MESSAGES);

/** Default labels of the person block's parts; a form may override them with `partLabels`. */
export const PERSON_PART_LABELS = {
  surname: { el: 'Επώνυμο', en: 'Surname' },
  name: { el: 'Όνομα', en: 'First name' },
  fatherName: { el: 'Όνομα πατέρα', en: "Father's name" },
  motherName: { el: 'Όνομα μητέρας', en: "Mother's name" },
  birthDate: { el: 'Ημερομηνία γέννησης', en: 'Date of birth' },
  afm: { el: 'ΑΦΜ', en: 'Tax number (AFM)' },
  amka: { el: 'ΑΜΚΑ', en: 'Social security number (AMKA)' },
  idNumber: { el: 'Αριθμός ταυτότητας', en: 'ID card number' },
} as const;
