import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { TextAreaField, TextField } from '../../../components/ui/fields';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { looksLikeEmail } from '../../../lib/email';
import { errorCode, errorMessage } from '../../../lib/graphql/errors';
import { languageNames, languages } from '../../../lib/i18n/languages';
import { useFormErrors, type Errors } from '../../../lib/useFormErrors';
import { UpdateMyProfileMutation } from '../api/documents';

export const bioMaxLength = 2000;

const fields = ['givenName', 'familyName', 'city', 'bio', 'languages', 'email', 'phone', 'telegram'] as const;
type Field = (typeof fields)[number];

export interface DetailsValues {
  givenName: string;
  familyName: string;
  city: string;
  bio: string;
  languages: string[];
  email: string;
  phone: string;
  telegram: string;
}

/** A person's own profile: name, city, about, languages and contact details. */
export function DetailsForm({ initial, onSaved }: { initial: DetailsValues; onSaved: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [values, setValues] = useState(initial);
  const [general, setGeneral] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const form = useFormErrors(fields);
  const [{ fetching }, update] = useMutation(UpdateMyProfileMutation);
  useEffect(() => setValues(initial), [initial]);

  const set = (k: Exclude<Field, 'languages'>) => (v: string) => {
    setSaved(false);
    setValues((old) => ({ ...old, [k]: v }));
  };
  const toggleLanguage = (l: string, on: boolean) => {
    setSaved(false);
    setValues((old) => ({
      ...old,
      languages: on ? [...old.languages.filter((x) => x !== l), l] : old.languages.filter((x) => x !== l),
    }));
  };

  function validate(): Errors<Field> {
    const e: Errors<Field> = {};
    if (!values.givenName.trim()) e.givenName = t('register.errors.givenNameRequired');
    if (!values.familyName.trim()) e.familyName = t('register.errors.familyNameRequired');
    if (values.bio.length > bioMaxLength) e.bio = t('details.errors.bioLong', { count: bioMaxLength });
    if (values.email.trim() && !looksLikeEmail(values.email.trim())) e.email = t('signIn.errors.emailInvalid');
    if (values.phone.trim() && !/^[+\d][\d\s()-]{4,}$/.test(values.phone.trim())) e.phone = t('details.errors.phone');
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (fetching) return;
    setSaved(false);
    const errs = validate();
    if (Object.keys(errs).length) {
      setGeneral([]);
      form.fail(errs);
      announce(t('common.notSaved'));
      return;
    }
    announce(t('common.saving'));
    const res = await update({
      input: {
        givenName: values.givenName.trim(),
        familyName: values.familyName.trim(),
        city: values.city.trim(),
        bio: values.bio.trim(),
        languages: languages.filter((l) => values.languages.includes(l)),
        contact: { email: values.email.trim(), phone: values.phone.trim(), telegram: values.telegram.trim() },
      },
    });
    if (res.error) {
      if (errorCode(res.error) === 'BAD_USER_INPUT') {
        setGeneral(form.fromServer(res.error, (m) => t('errors.fieldProblem', { message: m })));
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      announce(t('common.notSaved'));
      return;
    }
    setGeneral([]);
    form.clear();
    setSaved(true);
    announce(t('details.saved'));
    onSaved();
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((f) => (form.errors[f] ? [{ fieldId: `details-${f}`, message: form.errors[f]! }] : [])),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={summary} attempt={form.attempt} />
      <div className="field-pair">
        <TextField
          id="details-givenName"
          label={t('fields.givenName')}
          name="givenName"
          autoComplete="given-name"
          value={values.givenName}
          onChange={set('givenName')}
          error={form.errors.givenName}
          required
        />
        <TextField
          id="details-familyName"
          label={t('fields.familyName')}
          name="familyName"
          autoComplete="family-name"
          value={values.familyName}
          onChange={set('familyName')}
          error={form.errors.familyName}
          required
        />
      </div>
      <TextField
        id="details-city"
        label={t('person.city')}
        name="city"
        autoComplete="address-level2"
        value={values.city}
        onChange={set('city')}
        error={form.errors.city}
      />
      <TextAreaField
        id="details-bio"
        label={t('details.bio')}
        hint={t('details.bioHint', { count: bioMaxLength })}
        name="bio"
        rows={5}
        value={values.bio}
        onChange={set('bio')}
        error={form.errors.bio}
      />
      <fieldset className="field" id="details-languages">
        <legend>{t('person.languages')}</legend>
        {languages.map((l) => (
          <div className="checkbox-field" key={l}>
            <input
              type="checkbox"
              id={`details-lang-${l}`}
              name="languages"
              value={l}
              checked={values.languages.includes(l)}
              onChange={(e) => toggleLanguage(l, e.target.checked)}
            />
            <label htmlFor={`details-lang-${l}`} lang={l}>
              {languageNames[l]}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('person.contact')}</legend>
        <p className="field-hint">{t('details.contactHint')}</p>
        <TextField
          id="details-email"
          label={t('fields.email')}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={form.errors.email}
        />
        <TextField
          id="details-phone"
          label={t('fields.phone')}
          name="phone"
          autoComplete="tel"
          value={values.phone}
          onChange={set('phone')}
          error={form.errors.phone}
        />
        <TextField
          id="details-telegram"
          label={t('fields.telegram')}
          name="telegram"
          autoComplete="off"
          value={values.telegram}
          onChange={set('telegram')}
          error={form.errors.telegram}
        />
      </fieldset>
      <div className="button-row">
        <SubmitButton busy={fetching} busyLabel={t('common.saving')}>
          {t('details.save')}
        </SubmitButton>
        {saved ? <p className="saved-note">{t('details.saved')}</p> : null}
      </div>
    </form>
  );
}
