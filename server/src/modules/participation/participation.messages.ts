import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Staff who create, publish, close and answer; and staff who moderate what citizens post. */
definePermissions({
  'participation.manage': ['head', 'mayor_office'],
  'participation.moderate': ['head', 'mayor_office'],
});

registerMessages({
  'participation.not_found': { el: 'Δεν βρέθηκε.', en: 'Not found.' },
  'participation.closed': {
    el: 'Η συμμετοχή έχει κλείσει (η προθεσμία έληξε ή δεν έχει ανοίξει ακόμη).',
    en: 'Participation is closed (the deadline has passed or it has not opened yet).',
  },
  'participation.not_closed': {
    el: 'Η διαβούλευση είναι ακόμη ανοιχτή· απαντήσεις και έκθεση μετά το κλείσιμο.',
    en: 'The consultation is still open; answers and the report come after it closes.',
  },
  'participation.already_voted': { el: 'Έχετε ήδη συμμετάσχει σε αυτό.', en: 'You have already taken part in this.' },
  'participation.already_reported': { el: 'Το έχετε ήδη αναφέρει.', en: 'You have already reported this.' },
  'participation.needs_signin': {
    el: 'Απαιτείται σύνδεση για αυτή την ενέργεια.',
    en: 'You need to sign in for this.',
  },
  'participation.needs_phone': {
    el: 'Απαιτείται επιβεβαιωμένο κινητό τηλέφωνο ή σύνδεση μέσω TaxisNet.',
    en: 'A verified mobile phone or a TaxisNet login is required.',
  },
  'participation.needs_taxisnet': { el: 'Απαιτείται σύνδεση μέσω TaxisNet.', en: 'A TaxisNet login is required.' },
  'participation.needs_resident': {
    el: 'Η ενέργεια επιτρέπεται μόνο σε επιβεβαιωμένους δημότες/κατοίκους του δήμου.',
    en: 'Only confirmed residents of the municipality may do this.',
  },
  'participation.quote_mismatch': {
    el: 'Το απόσπασμα «{field}» δεν αντιστοιχεί στο κείμενο του άρθρου.',
    en: 'The passage “{field}” does not match the article text.',
  },
  'participation.quote_needs_article': {
    el: 'Σχόλιο σε απόσπασμα χρειάζεται άρθρο.',
    en: 'A comment on a passage needs an article.',
  },
  'participation.no_articles': {
    el: 'Το κείμενο δεν έχει άρθρα (επικεφαλίδες «Άρθρο N» ή «## …»).',
    en: 'The text has no articles (headings «Άρθρο N» or “## …”).',
  },
  'participation.report_incomplete': {
    el: 'Απομένουν {count} σχόλια χωρίς απάντηση.',
    en: '{count} comments still have no answer.',
  },
  'participation.report_not_published': { el: 'Η έκθεση δεν έχει δημοσιευθεί ακόμη.', en: 'The report is not published yet.' },
  'participation.over_budget': {
    el: 'Το σύνολο των έργων ({sum} €) ξεπερνά τον προϋπολογισμό ({total} €).',
    en: 'The projects add up to €{sum}, more than the budget of €{total}.',
  },
  'participation.under_min_share': {
    el: 'Τα έργα σας ({sum} €) δεν φτάνουν το ελάχιστο ποσό της ψήφου ({least} €).',
    en: 'Your projects (€{sum}) do not reach the least amount a ballot must spend (€{least}).',
  },
  'participation.too_many_projects': { el: 'Μπορείτε να επιλέξετε έως {max} έργα.', en: 'You may choose at most {max} projects.' },
  'participation.unknown_project': {
    el: 'Το έργο «{field}» δεν ανήκει σε αυτόν τον προϋπολογισμό.',
    en: 'The project “{field}” is not in this budget.',
  },
  'participation.outside_boundary': {
    el: 'Το σημείο είναι εκτός των ορίων του δήμου.',
    en: 'The point is outside the municipality.',
  },
  'participation.answer_required': { el: 'Η ερώτηση «{field}» είναι υποχρεωτική.', en: 'The question “{field}” is required.' },
  'participation.invalid_answer': { el: 'Η απάντηση στο «{field}» δεν είναι έγκυρη.', en: 'The answer to “{field}” is not valid.' },
  'participation.invalid_state': {
    el: 'Η ενέργεια δεν επιτρέπεται σε αυτή την κατάσταση.',
    en: 'This is not allowed in the current state.',
  },
  'participation.max_projects_required': {
    el: 'Για ψηφοφορία «έγκριση Ν έργων» ορίστε το Ν.',
    en: 'Set N for “approve N projects” voting.',
  },
  'participation.invalid_afm': {
    el: 'Μη έγκυρος ΑΦΜ (9 ψηφία με σωστό ψηφίο ελέγχου).',
    en: 'Invalid ΑΦΜ (9 digits with a correct check digit).',
  },
  'participation.invalid_afm_line': {
    el: 'Μη έγκυρος ΑΦΜ στη γραμμή {line}: «{value}».',
    en: 'Invalid ΑΦΜ on line {line}: “{value}”.',
  },
  'participation.ballots_cast': {
    el: 'Έχουν ήδη δοθεί ψήφοι· τα έργα και τα κόστη δεν αλλάζουν πια.',
    en: 'Ballots have been cast; projects and costs can no longer change.',
  },
  'participation.bad_cursor': { el: 'Μη έγκυρος δείκτης σελίδας.', en: 'Invalid page cursor.' },
});
