import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { rememberLanguage } from '../../../lib/i18n';
import { languageNames, languages, type Language } from '../../../lib/i18n/languages';
import { useSession } from '../../auth';
import { SetLocaleMutation } from '../api/documents';

/**
 * Three buttons, each naming its language in that language (so a person who
 * cannot read the current one still finds theirs). The choice is kept in this
 * browser and, for a signed-in person, on their account (mail uses it too).
 */
export function LanguageSwitch({ idPrefix = 'lang' }: { idPrefix?: string }) {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const { viewer } = useSession();
  const [, setLocale] = useMutation(SetLocaleMutation);
  const current = i18n.resolvedLanguage ?? i18n.language;

  async function choose(l: Language) {
    if (l === current) return;
    await i18n.changeLanguage(l);
    rememberLanguage(l);
    announce(i18n.t('language.changed', { lng: l }));
    if (viewer && viewer.locale !== l) void setLocale({ locale: l });
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
