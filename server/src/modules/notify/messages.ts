import { registerMessages } from '../../platform/i18n/i18n.js';

registerMessages({
  'notify.civil_protection_required': {
    el: 'Τα μηνύματα πολιτικής προστασίας δεν μπορούν να απενεργοποιηθούν.',
    en: 'Civil-protection messages cannot be switched off.',
  },
  'notify.quiet_hours_pair': { el: 'Δώστε και αρχή και τέλος για τις ώρες ησυχίας.', en: 'Give both a start and an end for quiet hours.' },
  'notify.subscription_not_found': { el: 'Η συνδρομή δεν βρέθηκε.', en: 'Subscription not found.' },
  'notify.inbox_not_found': { el: 'Το μήνυμα δεν βρέθηκε.', en: 'Message not found.' },
  'notify.push_key_invalid': { el: 'Το κλειδί της συνδρομής push δεν είναι έγκυρο.', en: 'The push subscription key is not valid.' },
  'notify.polygon_invalid': { el: 'Το πολύγωνο πρέπει να είναι κλειστό.', en: 'The polygon must be closed.' },
  'notify.broadcast_not_found': { el: 'Η ανακοίνωση δεν βρέθηκε.', en: 'Broadcast not found.' },
  'notify.broadcast_not_pending': { el: 'Η ανακοίνωση δεν περιμένει έγκριση.', en: 'The broadcast is not waiting for approval.' },
  'notify.broadcast_self_approval': {
    el: 'Την ανακοίνωση πρέπει να την εγκρίνει άλλο πρόσωπο από αυτό που τη συνέταξε.',
    en: 'A broadcast must be approved by someone other than its author.',
  },
  'notify.broadcast_already_sent': { el: 'Η ανακοίνωση έχει ήδη σταλεί ή ακυρωθεί.', en: 'The broadcast was already sent or cancelled.' },
  'notify.template_not_found': { el: 'Το πρότυπο δεν βρέθηκε.', en: 'Template not found.' },
  'notify.webhook_unauthorized': {
    el: 'Η υπογραφή της ειδοποίησης παράδοσης δεν είναι έγκυρη.',
    en: 'The delivery receipt signature is not valid.',
  },
  'notify.webhook_forbidden': {
    el: 'Η υπογραφή της ειδοποίησης παράδοσης δεν είναι έγκυρη.',
    en: 'The delivery receipt signature is not valid.',
  },
});
