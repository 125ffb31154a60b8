import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

definePermissions({
  // Administrators hold every permission; installing keys is theirs alone.
  'documents.sign_keys': [],
  'documents.revoke': ['head'],
  'documents.read': ['head', 'employee', 'operator', 'mayor_office'],
});

registerMessages({
  'document.not_found': { el: 'Δεν βρέθηκε έγγραφο με αυτόν τον κωδικό.', en: 'No document has this code.' },
  'document.already_revoked': { el: 'Το έγγραφο έχει ήδη ανακληθεί.', en: 'The document has already been revoked.' },
  'document.template_unknown': { el: 'Άγνωστο πρότυπο εγγράφου.', en: 'Unknown document template.' },
  'document.recipient_required': { el: 'Ορίστε τον παραλήπτη του εγγράφου.', en: 'Give the document a recipient.' },
  'document.signer_unknown': {
    el: 'Ο υπογράφων δεν είναι υπάλληλος του Δήμου.',
    en: 'The signer is not a staff member of the municipality.',
  },
  'document.no_signing_key': {
    el: 'Δεν έχει εγκατασταθεί κλειδί υπογραφής για τον υπογράφοντα.',
    en: 'No signing key is installed for this signer.',
  },
  'document.signing_passphrase_missing': {
    el: 'Η υπογραφή εγγράφων δεν έχει ρυθμιστεί: ο διακομιστής χρειάζεται τη μεταβλητή SIGNING_P12_PASSPHRASE. Μέχρι τότε δεν εκδίδονται έγγραφα.',
    en: 'Document signing is not configured: the server needs the SIGNING_P12_PASSPHRASE variable. Until then no document can be issued.',
  },
  'document.signing_key_missing': {
    el: 'Δεν έχει εγκατασταθεί πιστοποιητικό υπογραφής του Δήμου (αρχείο PKCS#12). Μέχρι να εγκατασταθεί δεν εκδίδονται έγγραφα.',
    en: "The municipality's signing certificate (a PKCS#12 file) is not installed. Until it is, no document can be issued.",
  },
  'document.signing_unconfigured': {
    el: 'Η υπογραφή εγγράφων δεν έχει ρυθμιστεί (SIGNING_P12_PASSPHRASE).',
    en: 'Document signing is not configured (SIGNING_P12_PASSPHRASE).',
  },
  'document.p12_unreadable': {
    el: 'Το αρχείο PKCS#12 δεν ανοίγει με αυτόν τον κωδικό ή δεν περιέχει κλειδί και πιστοποιητικό.',
    en: 'The PKCS#12 file does not open with this passphrase or holds no key and certificate.',
  },
  'document.certificate_expired': { el: 'Το πιστοποιητικό έχει λήξει.', en: 'The certificate has expired.' },
  'document.file_required': { el: 'Ανεβάστε το αρχείο PDF.', en: 'Upload the PDF file.' },
});
