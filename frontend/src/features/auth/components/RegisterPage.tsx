import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { SelectField, TextField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { looksLikeEmail } from '../../../lib/email';
import { errorCode, errorMessage } from '../../../lib/graphql/errors';
import { isLanguage, languageNames, languages } from '../../../lib/i18n/languages';
import { useFormErrors, type Errors } from '../../../lib/useFormErrors';
import { RegisterMutation } from '../api/documents';
import { useSession } from './AuthProvider';

const fields = ['code', 'email', 'password', 'givenName', 'familyName', 'locale'] as const;
type Field = (typeof fields)[number];

export const minPasswordLength = 10;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { reset } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({
    code: params.get('code') ?? '',
    email: params.get('email') ?? '',
    password: '',
    givenName: '',
    familyName: '',
    locale: isLanguage(i18n.language) ? i18n.language : 'kk',
  });
  const [general, setGeneral] = useState<string[]>([]);
  const form = useFormErrors(fields);
  const [{ fetching }, register] = useMutation(RegisterMutation);
  const set = (f: Field) => (v: string) => setValues((old) => ({ ...old, [f]: v }));

  function validate(): Errors<Field> {
    const e: Errors<Field> = {};
    if (!values.code.trim()) e.code = t('register.errors.codeRequired');
    if (!values.email.trim()) e.email = t('register.errors.emailRequired');
    else if (!looksLikeEmail(values.email.trim())) e.email = t('register.errors.emailInvalid');
    if (values.password.length < minPasswordLength)
      e.password = t('register.errors.passwordShort', { count: minPasswordLength });
    if (!values.givenName.trim()) e.givenName = t('register.errors.givenNameRequired');
    if (!values.familyName.trim()) e.familyName = t('register.errors.familyNameRequired');
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (fetching) return;
    const errs = validate();
    if (Object.keys(errs).length) {
      setGeneral([]);
      form.fail(errs);
      return;
    }
    const res = await register({
      input: {
        code: values.code.trim(),
        email: values.email.trim(),
        password: values.password,
        givenName: values.givenName.trim(),
        familyName: values.familyName.trim(),
        locale: isLanguage(values.locale) ? values.locale : undefined,
      },
    });
    if (res.error || !res.data) {
      const code = errorCode(res.error);
      if (code === 'BAD_USER_INPUT' && res.error) {
        const rest = form.fromServer(res.error, (m) => t('errors.fieldProblem', { message: m }));
        setGeneral(rest);
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      return;
    }
    announce(t('register.done'));
    reset();
    navigate('/me', { replace: true });
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((f) => (form.errors[f] ? [{ fieldId: `register-${f}`, message: form.errors[f]! }] : [])),
  ];

  return (
    <Page title={t('register.title')} lead={<p>{t('register.lead')}</p>} className="narrow">
      <ErrorSummary items={summary} attempt={form.attempt} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="register-code"
          label={t('fields.invitationCode')}
          hint={t('register.codeHint')}
          name="code"
          autoComplete="off"
          value={values.code}
          onChange={set('code')}
          error={form.errors.code}
          required
        />
        <TextField
          id="register-email"
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={values.email}
          onChange={set('email')}
          error={form.errors.email}
          required
        />
        <TextField
          id="register-password"
          label={t('fields.newPassword')}
          hint={t('register.passwordHint', { count: minPasswordLength })}
          name="password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={form.errors.password}
          required
        />
        <TextField
          id="register-givenName"
          label={t('fields.givenName')}
          name="givenName"
          autoComplete="given-name"
          value={values.givenName}
          onChange={set('givenName')}
          error={form.errors.givenName}
          required
        />
        <TextField
          id="register-familyName"
          label={t('fields.familyName')}
          name="familyName"
          autoComplete="family-name"
          value={values.familyName}
          onChange={set('familyName')}
          error={form.errors.familyName}
          required
        />
        <SelectField
          id="register-locale"
          label={t('fields.locale')}
          name="locale"
          value={values.locale}
          onChange={set('locale')}
          options={languages.map((l) => ({ value: l, label: languageNames[l], lang: l }))}
          error={form.errors.locale}
        />
        <SubmitButton busy={fetching} busyLabel={t('register.submitting')}>
          {t('register.submit')}
        </SubmitButton>
      </form>
    </Page>
  );
}
