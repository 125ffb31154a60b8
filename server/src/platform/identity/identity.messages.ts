import { registerMessages } from '../i18n/i18n.js';

/** Greek and English texts for every code the identity area answers with. */
registerMessages({
  'auth.invalid_credentials': {
    el: 'Λάθος e-mail ή κωδικός πρόσβασης.',
    en: 'Wrong e-mail or password.',
  },
  'auth.throttled': {
    el: 'Πολλές αποτυχημένες προσπάθειες σύνδεσης. Περιμένετε {seconds} δευτερόλεπτα και δοκιμάστε ξανά.',
    en: 'Too many failed sign-in attempts. Wait {seconds} seconds and try again.',
  },
  'auth.totp_required': {
    el: 'Εισαγάγετε τον εξαψήφιο κωδικό από την εφαρμογή επαλήθευσης.',
    en: 'Enter the six-digit code from your authenticator app.',
  },
  'auth.totp_invalid': { el: 'Ο κωδικός επαλήθευσης δεν είναι σωστός.', en: 'The verification code is not correct.' },
  'auth.totp_email_code_invalid': {
    el: 'Ο κωδικός από το e-mail δεν είναι σωστός ή έληξε. Ξεκινήστε ξανά για νέο κωδικό.',
    en: 'The code from the e-mail is wrong or has expired. Start again for a new code.',
  },
  'auth.totp_no_email': {
    el: 'Ο λογαριασμός δεν έχει e-mail για τον κωδικό ενεργοποίησης. Ζητήστε από άλλον διαχειριστή να το προσθέσει.',
    en: 'The account has no e-mail for the enrolment code. Ask another administrator to add one.',
  },
  'field.emailCode': { el: 'Κωδικός από το e-mail', en: 'Code from the e-mail' },
  'auth.totp_not_set_up': {
    el: 'Ξεκινήστε πρώτα τη ρύθμιση του δεύτερου παράγοντα.',
    en: 'Start the second-factor set-up first.',
  },
  'auth.totp_already_enabled': {
    el: 'Ο δεύτερος παράγοντας είναι ήδη ενεργός.',
    en: 'The second factor is already enabled.',
  },
  'auth.totp_not_enabled': { el: 'Ο δεύτερος παράγοντας δεν είναι ενεργός.', en: 'The second factor is not enabled.' },
  'auth.totp_mandatory': {
    el: 'Οι διαχειριστές πρέπει να έχουν δεύτερο παράγοντα· δεν μπορεί να απενεργοποιηθεί.',
    en: 'Administrators must keep a second factor; it cannot be disabled.',
  },
  'auth.password_not_set': {
    el: 'Αυτός ο λογαριασμός δεν χρησιμοποιεί κωδικό πρόσβασης.',
    en: 'This account does not use a password.',
  },
  'auth.reset_token_invalid': {
    el: 'Ο σύνδεσμος επαναφοράς δεν ισχύει ή έχει λήξει. Ζητήστε νέο.',
    en: 'The reset link is not valid or has expired. Ask for a new one.',
  },
  'auth.session_not_found': { el: 'Η συνεδρία δεν βρέθηκε.', en: 'Session not found.' },
  'citizen.phone_invalid': {
    el: 'Το πεδίο «{field}» πρέπει να είναι ελληνικό κινητό (69XXXXXXXX ή +3069XXXXXXXX).',
    en: 'The field “{field}” must be a Greek mobile number (69XXXXXXXX or +3069XXXXXXXX).',
  },
  'citizen.code_invalid': {
    el: 'Ο κωδικός δεν είναι σωστός ή έχει λήξει.',
    en: 'The code is not correct or has expired.',
  },
  'citizen.code_locked': {
    el: 'Πάρα πολλές λάθος προσπάθειες. Ζητήστε νέο κωδικό.',
    en: 'Too many wrong attempts. Ask for a new code.',
  },
  'citizen.address_taken': {
    el: 'Αυτή η διεύθυνση ανήκει ήδη σε άλλο λογαριασμό.',
    en: 'This address already belongs to another account.',
  },
  'invitation.invalid': {
    el: 'Η πρόσκληση δεν ισχύει ή έχει λήξει.',
    en: 'The invitation is not valid or has expired.',
  },
  'invitation.email_taken': {
    el: 'Υπάρχει ήδη λογαριασμός με αυτό το e-mail.',
    en: 'An account with this e-mail already exists.',
  },
  'invitation.unit_not_found': { el: 'Η μονάδα δεν βρέθηκε.', en: 'Unit not found.' },
  'partner.not_found': { el: 'Ο φορέας δεν βρέθηκε.', en: 'Partner organisation not found.' },
  'field.email': { el: 'E-mail', en: 'E-mail' },
  'field.password': { el: 'Κωδικός πρόσβασης', en: 'Password' },
  'field.totp': { el: 'Κωδικός επαλήθευσης', en: 'Verification code' },
  'field.code': { el: 'Κωδικός', en: 'Code' },
  'field.address': { el: 'Διεύθυνση', en: 'Address' },
  'field.givenName': { el: 'Όνομα', en: 'Given name' },
  'field.familyName': { el: 'Επώνυμο', en: 'Family name' },
  'field.token': { el: 'Σύνδεσμος', en: 'Link' },
  'field.roles': { el: 'Ρόλοι', en: 'Roles' },
});

/** Texts of the messages we send (SMS and e-mail), in the recipient's language. */
export const outgoing = {
  verifySms: {
    el: (code: string) => `Ο κωδικός επιβεβαίωσης για τον Δήμο είναι ${code}. Ισχύει 10 λεπτά.`,
    en: (code: string) => `Your municipality verification code is ${code}. It is valid for 10 minutes.`,
  },
  verifyEmail: {
    el: (code: string) => ({
      subject: 'Κωδικός επιβεβαίωσης',
      text: `Ο κωδικός επιβεβαίωσης είναι: ${code}\n\nΙσχύει για 10 λεπτά. Αν δεν τον ζητήσατε, αγνοήστε αυτό το μήνυμα.`,
    }),
    en: (code: string) => ({
      subject: 'Verification code',
      text: `Your verification code is: ${code}\n\nIt is valid for 10 minutes. If you did not ask for it, ignore this message.`,
    }),
  },
  totpEnrol: {
    el: (code: string) => ({
      subject: 'Κωδικός για τον δεύτερο παράγοντα',
      text: `Ο κωδικός για την ενεργοποίηση του δεύτερου παράγοντα σύνδεσης είναι: ${code}\n\nΙσχύει για 15 λεπτά. Αν δεν τον ζητήσατε εσείς, κάποιος γνωρίζει τον κωδικό πρόσβασής σας: αλλάξτε τον αμέσως και ενημερώστε τον διαχειριστή.`,
    }),
    en: (code: string) => ({
      subject: 'Code for your second factor',
      text: `The code to enable your second sign-in factor is: ${code}\n\nIt is valid for 15 minutes. If you did not ask for it, someone knows your password: change it at once and tell your administrator.`,
    }),
  },
  passwordReset: {
    el: (link: string) => ({
      subject: 'Επαναφορά κωδικού πρόσβασης',
      text: `Ζητήσατε επαναφορά του κωδικού πρόσβασης.\n\nΑνοίξτε τον σύνδεσμο μέσα σε μία ώρα:\n${link}\n\nΑν δεν το ζητήσατε εσείς, αγνοήστε αυτό το μήνυμα.`,
    }),
    en: (link: string) => ({
      subject: 'Password reset',
      text: `You asked to reset your password.\n\nOpen this link within one hour:\n${link}\n\nIf you did not ask for this, ignore this message.`,
    }),
  },
  invitation: {
    el: (link: string, org: string) => ({
      subject: `Πρόσκληση: ${org}`,
      text: `Έχετε προσκληθεί να συνδεθείτε στην πλατφόρμα του δήμου (${org}).\n\nΟρίστε κωδικό πρόσβασης μέσα σε 7 ημέρες:\n${link}`,
    }),
    en: (link: string, org: string) => ({
      subject: `Invitation: ${org}`,
      text: `You have been invited to the municipality's platform (${org}).\n\nSet your password within 7 days:\n${link}`,
    }),
  },
};
