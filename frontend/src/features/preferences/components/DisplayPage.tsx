import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../../components/ui/Announcer';
import { CheckboxField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import type { DisplayPrefs } from '../../../lib/prefs';
import { LanguageSwitch } from './LanguageSwitch';
import { usePrefs } from './PrefsProvider';

/** Larger text, high contrast, less motion: kept in this browser. */
export function DisplayPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { prefs, setPrefs } = usePrefs();

  const change = (patch: Partial<DisplayPrefs>) => {
    setPrefs({ ...prefs, ...patch });
    announce(t('display.saved'));
  };

  return (
    <Page title={t('display.title')} lead={<p>{t('display.lead')}</p>} className="narrow">
      <fieldset className="field">
        <legend>{t('display.legend')}</legend>
        <CheckboxField
          label={t('display.largerText')}
          hint={t('display.largerTextHint')}
          name="largerText"
          checked={prefs.largerText}
          onChange={(c) => change({ largerText: c })}
        />
        <CheckboxField
          label={t('display.highContrast')}
          hint={t('display.highContrastHint')}
          name="highContrast"
          checked={prefs.highContrast}
          onChange={(c) => change({ highContrast: c })}
        />
        <CheckboxField
          label={t('display.reducedMotion')}
          hint={t('display.reducedMotionHint')}
          name="reducedMotion"
          checked={prefs.reducedMotion}
          onChange={(c) => change({ reducedMotion: c })}
        />
      </fieldset>
      <h2>{t('language.title')}</h2>
      <LanguageSwitch idPrefix="display" />
      <p className="muted">{t('display.kept')}</p>
    </Page>
  );
}
