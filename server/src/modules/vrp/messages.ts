import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Route planning: heads and employees of the units that run rounds (cleaning, technical services). */
definePermissions({
  'vrp.plan': ['head', 'employee'],
});

registerMessages({
  'vrp.problem_not_found': { el: 'Το πρόβλημα δρομολόγησης δεν βρέθηκε.', en: 'Routing problem not found.' },
  'vrp.run_not_found': { el: 'Η επίλυση δεν βρέθηκε.', en: 'Solve run not found.' },
  'vrp.problem_invalid': {
    el: 'Το πρόβλημα δρομολόγησης δεν είναι έγκυρο στο πεδίο {field}.',
    en: 'The routing problem is not valid at {field}: {detail}.',
  },
  'vrp.too_many_jobs': {
    el: 'Το πρόβλημα έχει {count} εργασίες· ο δήμος επιτρέπει έως {max}.',
    en: 'The problem has {count} jobs; the municipality allows at most {max}.',
  },
  'vrp.too_many_vehicles': {
    el: 'Το πρόβλημα έχει {count} οχήματα· ο δήμος επιτρέπει έως {max}.',
    en: 'The problem has {count} vehicles; the municipality allows at most {max}.',
  },
  'vrp.time_limit_too_long': {
    el: 'Το χρονικό όριο επίλυσης μπορεί να είναι έως {max} δευτερόλεπτα.',
    en: 'The time limit can be at most {max} seconds.',
  },
  'vrp.too_many_runs': {
    el: 'Τρέχουν ήδη {max} επιλύσεις του δήμου· δοκιμάστε όταν τελειώσει κάποια.',
    en: 'The municipality already has {max} solves running; try again when one finishes.',
  },
  'vrp.run_finished': { el: 'Η επίλυση έχει ήδη τελειώσει.', en: 'The run has already finished.' },
});
