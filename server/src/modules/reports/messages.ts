import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Who may moderate reports and manage the map's areas. Administrators hold every permission. */
definePermissions({
  'reports.moderate': ['head', 'employee', 'mayor_office'],
  'reports.manage': [],
});

registerMessages({
  'reports.outside_boundary': {
    el: 'Το σημείο βρίσκεται εκτός των ορίων του δήμου, στην περιοχή του δήμου «{municipality}». Παρακαλούμε απευθυνθείτε εκεί.',
    en: 'This point is outside the municipality, in the area of “{municipality}”. Please report it there.',
  },
  'reports.outside_boundary_unknown': {
    el: 'Το σημείο βρίσκεται εκτός των ορίων του δήμου. Παρακαλούμε απευθυνθείτε στον δήμο της περιοχής.',
    en: 'This point is outside the municipality. Please report it to the municipality of that area.',
  },
  'reports.not_found': { el: 'Η αναφορά δεν βρέθηκε.', en: 'Report not found.' },
  'reports.not_a_category': { el: 'Το είδος δεν είναι κατηγορία προβλήματος.', en: 'This case type is not a street problem category.' },
  'reports.area_not_found': { el: 'Η περιοχή δεν βρέθηκε.', en: 'Area not found.' },
  'reports.alert_not_found': { el: 'Η ειδοποίηση δεν βρέθηκε.', en: 'Alert not found.' },
  'reports.reopen_not_fixed': {
    el: 'Μόνο μια αναφορά που δηλώθηκε «αποκαταστάθηκε» μπορεί να ανοίξει ξανά.',
    en: 'Only a report marked “fixed” can be reopened.',
  },
  'reports.reopen_window_passed': {
    el: 'Έχουν περάσει περισσότερες από {days} ημέρες από την αποκατάσταση· υποβάλετε νέα αναφορά.',
    en: 'More than {days} days have passed since it was fixed; please file a new report.',
  },
  'reports.reopen_forbidden': {
    el: 'Μόνο όποιος υπέβαλε την αναφορά μπορεί να την ανοίξει ξανά.',
    en: 'Only the person who filed the report can reopen it.',
  },
  'reports.file_not_attached': { el: 'Η φωτογραφία δεν ανήκει σε αυτή την αναφορά.', en: 'This photo does not belong to this report.' },
  'reports.bbox_invalid': { el: 'Μη έγκυρο πλαίσιο χάρτη.', en: 'Invalid map box.' },
  'reports.forwarded_subject': { el: 'Αναφορά προβλήματος {protocol}', en: 'Problem report {protocol}' },
  'reports.fixed_check': {
    el: 'Πριν από λίγες εβδομάδες η αναφορά σας «{title}» δηλώθηκε ότι αποκαταστάθηκε. Είναι όντως έτσι; Αν όχι, πατήστε «Δεν αποκαταστάθηκε» στη σελίδα της αναφοράς.',
    en: 'A few weeks ago your report “{title}” was marked fixed. Is it really? If not, press “Not fixed” on the report’s page.',
  },
  'reports.fixed_check_subject': { el: 'Διορθώθηκε πράγματι;', en: 'Was it really fixed?' },
  'reports.alert_new': {
    el: 'Νέα αναφορά στην περιοχή «{area}»: {title} ({category}).',
    en: 'New report in “{area}”: {title} ({category}).',
  },
  'reports.status.open': { el: 'Καταχωρίστηκε', en: 'Received' },
  'reports.status.planned': { el: 'Προγραμματίστηκε', en: 'Planned' },
  'reports.status.in_progress': { el: 'Σε εξέλιξη', en: 'In progress' },
  'reports.status.fixed': { el: 'Αποκαταστάθηκε', en: 'Fixed' },
  'reports.status.closed_not_fixed': { el: 'Έκλεισε χωρίς αποκατάσταση', en: 'Closed, not fixed' },
  'reports.status.not_ours': { el: 'Δεν είναι αρμοδιότητά μας', en: 'Not our responsibility' },
  'reports.alert_subject': { el: 'Νέα αναφορά προβλήματος', en: 'New problem report' },
});
