/**
 * Server-side translations: every error code and message the API returns has a
 * Greek and an English text. Greek is the default; English when the caller asks
 * for it with Accept-Language. Modules add their own texts with `registerMessages`.
 */
export type Lang = 'el' | 'en';
export const LANGS: Lang[] = ['el', 'en'];

type Catalog = Record<string, { el: string; en: string }>;
const catalog: Catalog = {};

export function registerMessages(messages: Catalog) {
  Object.assign(catalog, messages);
}

export function t(lang: Lang, key: string, params: Record<string, unknown> = {}): string {
  const entry = catalog[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? `{${name}}` : String(v);
  });
}

export function hasMessage(key: string) {
  return key in catalog;
}

/** Picks el or en from an Accept-Language header, honouring q-values. Greek wins ties and absence. */
export function pickLang(header: string | undefined): Lang {
  if (!header) return 'el';
  const prefs = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((p) => p.tag && !Number.isNaN(p.q))
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith('el')) return 'el';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'el';
}

registerMessages({
  'validation.failed': { el: 'Τα στοιχεία που στάλθηκαν δεν είναι έγκυρα.', en: 'The data sent is not valid.' },
  'validation.required': { el: 'Το πεδίο «{field}» είναι υποχρεωτικό.', en: 'The field “{field}” is required.' },
  'validation.invalid': { el: 'Το πεδίο «{field}» δεν είναι έγκυρο.', en: 'The field “{field}” is not valid.' },
  'validation.too_short': {
    el: 'Το πεδίο «{field}» πρέπει να έχει τουλάχιστον {min} χαρακτήρες.',
    en: 'The field “{field}” must be at least {min} characters long.',
  },
  'validation.too_long': {
    el: 'Το πεδίο «{field}» πρέπει να έχει το πολύ {max} χαρακτήρες.',
    en: 'The field “{field}” must be at most {max} characters long.',
  },
  'validation.invalid_email': {
    el: 'Το πεδίο «{field}» δεν είναι έγκυρο e-mail.',
    en: 'The field “{field}” is not a valid e-mail address.',
  },
  'validation.invalid_type': { el: 'Το πεδίο «{field}» έχει λάθος τύπο.', en: 'The field “{field}” has the wrong type.' },
  'validation.unknown_field': { el: 'Το πεδίο «{field}» δεν αναμένεται.', en: 'The field “{field}” is not expected.' },
  'http.not_found': { el: 'Η διαδρομή δεν βρέθηκε.', en: 'Route not found.' },
  'http.method_not_allowed': { el: 'Η μέθοδος δεν επιτρέπεται.', en: 'Method not allowed.' },
  'http.payload_too_large': { el: 'Το αρχείο ή τα δεδομένα είναι πολύ μεγάλα.', en: 'The file or payload is too large.' },
  'http.bad_request': { el: 'Μη έγκυρο αίτημα.', en: 'Bad request.' },
  'http.rate_limited': {
    el: 'Πάρα πολλές προσπάθειες. Δοκιμάστε ξανά σε λίγο.',
    en: 'Too many attempts. Please try again shortly.',
  },
  'http.unsupported_media_type': { el: 'Μη υποστηριζόμενος τύπος περιεχομένου.', en: 'Unsupported content type.' },
  'internal.error': {
    el: 'Παρουσιάστηκε εσωτερικό σφάλμα. Δοκιμάστε ξανά.',
    en: 'An internal error occurred. Please try again.',
  },
  'auth.required': { el: 'Απαιτείται σύνδεση.', en: 'You need to sign in.' },
  'auth.forbidden': { el: 'Δεν έχετε δικαίωμα για αυτή την ενέργεια.', en: 'You are not allowed to do this.' },
  'tenant.not_found': { el: 'Ο δήμος δεν βρέθηκε.', en: 'Municipality not found.' },
  not_found: { el: 'Δεν βρέθηκε.', en: 'Not found.' },
});
