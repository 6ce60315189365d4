import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../../components/ui/Announcer';
import { languageNames, languages, type Language } from '../../../lib/i18n/languages';

/**
 * Three buttons, each naming its language in that language (so a person who
 * cannot read the current one still finds theirs). The choice is kept.
 */
export function LanguageSwitch({ idPrefix = 'lang' }: { idPrefix?: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const current = i18n.resolvedLanguage ?? i18n.language;

  async function choose(l: Language) {
    if (l === current) return;
    await i18n.changeLanguage(l);
    announce(i18n.t('language.changed', { lng: l }));
  }

  return (
    <div className="language-switch" role="group" aria-labelledby={`${idPrefix}-label`}>
      <span id={`${idPrefix}-label`} className="visually-hidden">
        {t('language.label')}
      </span>
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={current === l}
          className="lang-button"
          onClick={() => void choose(l)}
        >
          {languageNames[l]}
        </button>
      ))}
    </div>
  );
}
