import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who may do what in the help desk. Administrators hold every permission. */
definePermissions({
  'helpdesk.templates': ['head'],
  'helpdesk.stats': ['head', 'mayor_office'],
});

registerMessages({
  'helpdesk.view_not_found': { el: 'Η αποθηκευμένη προβολή δεν βρέθηκε.', en: 'Saved view not found.' },
  'helpdesk.not_your_unit': {
    el: 'Μπορείτε να μοιραστείτε μόνο με υπηρεσίες στις οποίες ανήκετε.',
    en: 'You can only share with units you belong to.',
  },
  'helpdesk.template_not_found': { el: 'Το πρότυπο απάντησης δεν βρέθηκε.', en: 'Reply template not found.' },
  'helpdesk.template_unit_forbidden': {
    el: 'Δεν διαχειρίζεστε πρότυπα αυτής της υπηρεσίας.',
    en: 'You do not manage the templates of this unit.',
  },
  'helpdesk.person_query_short': { el: 'Γράψτε τουλάχιστον 3 χαρακτήρες.', en: 'Type at least 3 characters.' },
  'helpdesk.bad_period': { el: 'Η περίοδος δεν είναι έγκυρη.', en: 'The period is not valid.' },
  'helpdesk.bulk_failed': { el: 'Η ενέργεια απέτυχε για αυτό το αίτημα.', en: 'The action failed for this case.' },
});
