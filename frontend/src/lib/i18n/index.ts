import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './locales/en';
import { kk } from './locales/kk';
import { ru } from './locales/ru';
import { initialLanguage, isLanguage, storageKey, type Language } from './languages';

export { languages, languageNames, type Language } from './languages';

/** Applies a language to the document: `lang` on <html>. */
function applyToDocument(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

/** Remembers a language the person chose, in this browser. */
export function rememberLanguage(lng: Language) {
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // not fatal: the choice just is not kept
  }
}

/** Whether the person has chosen a language in this browser. */
export function hasChosenLanguage(): boolean {
  try {
    return isLanguage(localStorage.getItem(storageKey));
  } catch {
    return false;
  }
}

export function setupI18n(lng: Language = initialLanguage()) {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', applyToDocument);
    void i18n.use(initReactI18next).init({
      resources: { en: { translation: en }, kk: { translation: kk }, ru: { translation: ru } },
      lng,
      fallbackLng: 'en',
      supportedLngs: ['kk', 'ru', 'en'],
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      initAsync: false,
    });
    applyToDocument(lng);
  } else if (i18n.language !== lng) {
    void i18n.changeLanguage(lng);
  }
  return i18n;
}

export default i18n;

/** The reader's language; re-renders the component when it changes. */
export function useLanguage(): Language {
  const { i18n: inst } = useTranslation();
  const l = inst.resolvedLanguage ?? inst.language;
  return isLanguage(l) ? l : 'en';
}
