import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { TextField } from '../../../components/ui/fields';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { Page } from '../../../components/ui/Page';
import { looksLikeEmail } from '../../../lib/email';
import { errorCode } from '../../../lib/graphql/errors';
import { hasChosenLanguage } from '../../../lib/i18n';
import { isLanguage } from '../../../lib/i18n/languages';
import { useFormErrors } from '../../../lib/useFormErrors';
import { SignInMutation } from '../api/documents';
import { useSession } from './AuthProvider';
import { safeNext } from './safeNext';

const fields = ['email', 'password'] as const;

export function SignInPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const { reset, viewer } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [general, setGeneral] = useState<string[]>([]);
  const form = useFormErrors(fields);
  const [{ fetching }, signIn] = useMutation(SignInMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    const errs: Partial<Record<(typeof fields)[number], string>> = {};
    if (!email.trim()) errs.email = t('signIn.errors.emailRequired');
    else if (!looksLikeEmail(email.trim())) errs.email = t('signIn.errors.emailInvalid');
    if (!password) errs.password = t('signIn.errors.passwordRequired');
    if (Object.keys(errs).length) {
      setGeneral([]);
      form.fail(errs);
      return;
    }
    announce(t('signIn.signingIn'));
    const res = await signIn({ input: { email: email.trim(), password } });
    if (res.error || !res.data) {
      const code = errorCode(res.error);
      const msg =
        code === 'RATE_LIMITED'
          ? t('errors.RATE_LIMITED')
          : code === 'NETWORK'
            ? t('errors.NETWORK')
            : code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT'
              ? t('signIn.errors.wrong')
              : t('errors.UNKNOWN');
      setGeneral([msg]);
      form.fail({});
      return;
    }
    const locale = res.data.signIn.locale;
    // The account's language, unless the person chose one in this browser.
    if (isLanguage(locale) && locale !== i18n.language && !hasChosenLanguage()) await i18n.changeLanguage(locale);
    announce(t('signIn.signedIn'));
    reset();
    navigate(safeNext(params.get('next')) ?? '/me', { replace: true });
  }

  // Already signed in (a bookmark, the back button): go where they were going.
  if (viewer && !fetching) return <Navigate to={safeNext(params.get('next')) ?? '/me'} replace />;

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((f) => (form.errors[f] ? [{ fieldId: `signin-${f}`, message: form.errors[f]! }] : [])),
  ];

  return (
    <Page title={t('signIn.title')} lead={<p>{t('signIn.lead')}</p>} className="narrow">
      <ErrorSummary items={summary} attempt={form.attempt} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="signin-email"
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={setEmail}
          error={form.errors.email}
          required
        />
        <TextField
          id="signin-password"
          label={t('fields.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={form.errors.password}
          required
        />
        <SubmitButton busy={fetching} busyLabel={t('signIn.signingIn')}>
          {t('signIn.submit')}
        </SubmitButton>
      </form>
      <p>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </p>
      <p>{t('signIn.noAccount')}</p>
      <p>
        <Link to="/register">{t('signIn.haveCode')}</Link>
      </p>
    </Page>
  );
}
