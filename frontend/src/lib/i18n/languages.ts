/** The languages the portal speaks, in the order shown in the switch. */
export const languages = ['kk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];

/** Each language's own name, shown in that language so a person can find theirs. */
export const languageNames: Record<Language, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

/** BCP 47 locales for Intl formatting. */
export const intlLocale: Record<Language, string> = {
  kk: 'kk-KZ',
  ru: 'ru-RU',
  en: 'en-GB',
};

export const storageKey = 'birge.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The saved choice, else the first browser language we speak, else Kazakh. */
export function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  const browser = typeof navigator !== 'undefined' ? (navigator.languages ?? [navigator.language]) : [];
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'kk';
}
