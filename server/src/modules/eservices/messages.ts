import { registerMessages } from '../../platform/i18n/i18n.js';

registerMessages({
  'eservices.not_found': { el: 'Η υπηρεσία δεν βρέθηκε.', en: 'Service not found.' },
  'eservices.authorisation_required': {
    el: 'Για αίτηση για άλλο πρόσωπο επισυνάψτε την εξουσιοδότηση («{field}»).',
    en: 'To apply for another person, attach the authorisation ("{field}").',
  },
  'eservices.document_required': {
    el: 'Επισυνάψτε το δικαιολογητικό «{field}».',
    en: 'Attach the supporting document "{field}".',
  },
  'eservices.life_event.birth': { el: 'Γέννηση', en: 'Birth' },
  'eservices.life_event.marriage': { el: 'Γάμος και συμβίωση', en: 'Marriage and partnership' },
  'eservices.life_event.residence': { el: 'Κατοικία και δημοτολόγιο', en: 'Home and registration' },
  'eservices.life_event.business': { el: 'Επιχείρηση και ακίνητα', en: 'Business and property' },
  'eservices.life_event.children': { el: 'Παιδιά', en: 'Children' },
  'eservices.life_event.military': { el: 'Στρατιωτική θητεία', en: 'Military service' },
  'eservices.life_event.death': { el: 'Απώλεια οικείου προσώπου', en: 'Death of a relative' },
});
