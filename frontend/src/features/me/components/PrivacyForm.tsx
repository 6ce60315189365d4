import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary } from '../../../components/ui/ErrorSummary';
import { CheckboxField, RadioGroup } from '../../../components/ui/fields';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import type { Visibility } from '../../../gql/graphql';
import { errorMessage } from '../../../lib/graphql/errors';
import { UpdatePrivacyMutation } from '../api/documents';

export const visibilities: Visibility[] = ['PUBLIC', 'COMMUNITY', 'CONNECTIONS', 'STAFF', 'PRIVATE'];

export interface PrivacyValues {
  profileVisibility: Visibility;
  contactVisibility: Visibility;
  listedInDirectory: boolean;
  visibleToPartners: boolean;
}

/** Who may see my profile and my contact details, and whether I am listed. */
export function PrivacyForm({ initial, onSaved }: { initial: PrivacyValues; onSaved: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [values, setValues] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [{ fetching }, update] = useMutation(UpdatePrivacyMutation);
  useEffect(() => setValues(initial), [initial]);

  const options = visibilities.map((v) => ({
    value: v,
    label: t(`privacy.visibility.${v}`),
    hint: t(`privacy.visibilityHint.${v}`),
  }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    setSaved(false);
    announce(t('common.saving'));
    const res = await update({ input: values });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      setProblem(msg);
      setAttempt((a) => a + 1);
      announce(msg);
      return;
    }
    setProblem(null);
    setSaved(true);
    announce(t('privacy.saved'));
    onSaved();
  }

  const change = (patch: Partial<PrivacyValues>) => {
    setSaved(false);
    setValues((v) => ({ ...v, ...patch }));
  };

  return (
    <form onSubmit={submit} noValidate className="privacy-form">
      <ErrorSummary items={problem ? [{ message: problem }] : []} attempt={attempt} />
      <RadioGroup
        legend={t('privacy.profileLegend')}
        hint={t('privacy.profileHint')}
        name="profileVisibility"
        value={values.profileVisibility}
        onChange={(v) => change({ profileVisibility: v as Visibility })}
        options={options}
      />
      <RadioGroup
        legend={t('privacy.contactLegend')}
        hint={t('privacy.contactHint')}
        name="contactVisibility"
        value={values.contactVisibility}
        onChange={(v) => change({ contactVisibility: v as Visibility })}
        options={options}
      />
      <CheckboxField
        label={t('privacy.listed')}
        hint={t('privacy.listedHint')}
        name="listedInDirectory"
        checked={values.listedInDirectory}
        onChange={(c) => change({ listedInDirectory: c })}
      />
      <CheckboxField
        label={t('privacy.partners')}
        hint={t('privacy.partnersHint')}
        name="visibleToPartners"
        checked={values.visibleToPartners}
        onChange={(c) => change({ visibleToPartners: c })}
      />
      <div className="button-row">
        <SubmitButton busy={fetching} busyLabel={t('common.saving')}>
          {t('privacy.save')}
        </SubmitButton>
        {saved ? <p className="saved-note">{t('privacy.saved')}</p> : null}
      </div>
    </form>
  );
}
