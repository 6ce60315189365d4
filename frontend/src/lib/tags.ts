import type { Language } from './i18n/languages';

export interface Labelled {
  labelKk: string;
  labelRu: string;
  labelEn: string;
}

/** A tag's label in the reader's language, falling back to the others. */
export function tagLabel(tag: Labelled, lang: Language): string {
  const byLang = { kk: tag.labelKk, ru: tag.labelRu, en: tag.labelEn }[lang];
  return byLang || tag.labelRu || tag.labelKk || tag.labelEn;
}
