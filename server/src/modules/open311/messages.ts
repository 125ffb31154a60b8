import { definePermissions } from '../../platform/access/access.js';
import { registerMessages } from '../../platform/i18n/i18n.js';

/** Issuing and revoking Open311 API keys is for administrators. */
definePermissions({ 'open311.manage': [] });

registerMessages({
  'open311.client_not_found': { el: 'Η εφαρμογή-πελάτης δεν βρέθηκε.', en: 'Client application not found.' },
  'open311.client_revoked': { el: 'Το κλειδί της εφαρμογής έχει ήδη ανακληθεί.', en: "The application's key is already revoked." },
});
