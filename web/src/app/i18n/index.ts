import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import el from './el.json';
import en from './en.json';

export const LANGUAGES = ['el', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const STORAGE_KEY = 'dimos.lang';

const isLanguage = (v: unknown): v is Language => LANGUAGES.includes(v as Language);

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : 'el';
  } catch {
    return 'el';
  }
}

/**
 * Keys a screen asked for that no catalogue holds, even those hidden behind a `defaultValue` (a
 * category group, a channel, a template): recorded in development and tests, printed as errors, and
 * readable by the browser tests as `window.__dimosMissingKeys`, so a key on screen fails a test.
 */
export const missingKeys = new Set<string>();
const CHECK_KEYS = import.meta.env.DEV || import.meta.env.MODE === 'test';
if (CHECK_KEYS && typeof window !== 'undefined') (window as { __dimosMissingKeys?: Set<string> }).__dimosMissingKeys = missingKeys;

// Both catalogs are small and bundled: no flash of untranslated text and no request on start.
void i18n.use(initReactI18next).init({
  saveMissing: CHECK_KEYS,
  missingKeyHandler: (_lngs, _ns, key) => {
    if (missingKeys.has(key)) return;
    missingKeys.add(key);
    console.error(`i18n: no translation for "${key}"`);
  },
  resources: { el: { translation: el }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'el',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

function reflect(lng: string) {
  document.documentElement.lang = lng;
  document.title = lng === 'en' ? 'Dimos — My municipality' : 'Dimos — Ο Δήμος μου';
}
reflect(i18n.language);
i18n.on('languageChanged', reflect);

export function setLanguage(lng: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // storage can be disabled (private mode, kiosk lockdown); the choice still applies now
  }
  void i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'el';
}

/** Translated message for an API error code, falling back to a generic one. */
export function errorMessage(code: string | undefined): string {
  const messages = i18n.t('errors', { returnObjects: true }) as Record<string, string>;
  return (code && messages[code]) || messages.generic || code || '';
}

export default i18n;

type Catalog = Record<string, unknown>;

/**
 * Adds a feature module's catalogs under its own namespace key (`t('<ns>.…')`). Called at the top
 * of the module's lazily loaded pages, so a module's text loads with its code.
 */
export function registerTranslations(ns: string, catalogs: { el: Catalog; en: Catalog }) {
  for (const lng of LANGUAGES) i18n.addResourceBundle(lng, 'translation', { [ns]: catalogs[lng] }, true, true);
}
