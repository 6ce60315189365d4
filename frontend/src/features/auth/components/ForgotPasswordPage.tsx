import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { TextField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { looksLikeEmail } from '../../../lib/email';
import { errorMessage } from '../../../lib/graphql/errors';
import { useFormErrors } from '../../../lib/useFormErrors';
import { RequestPasswordResetMutation } from '../api/documents';

const fields = ['email'] as const;

/** Ask for a password reset link by mail. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [general, setGeneral] = useState<string[]>([]);
  const form = useFormErrors(fields);
  const [{ fetching }, request] = useMutation(RequestPasswordResetMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    const value = email.trim();
    if (!value) return form.fail({ email: t('signIn.errors.emailRequired') });
    if (!looksLikeEmail(value)) return form.fail({ email: t('signIn.errors.emailInvalid') });
    const res = await request({ email: value });
    if (res.error) {
      setGeneral([errorMessage(res.error, t)]);
      form.fail({});
      return;
    }
    setGeneral([]);
    form.clear();
    setSentTo(value);
    announce(t('forgot.sent', { email: value }));
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...(form.errors.email ? [{ fieldId: 'forgot-email', message: form.errors.email }] : []),
  ];

  return (
    <Page title={t('forgot.title')} lead={<p>{t('forgot.lead')}</p>} className="narrow">
      {sentTo ? (
        <div className="notice success" role="status">
          <p>{t('forgot.sent', { email: sentTo })}</p>
          <p>{t('forgot.sentHelp')}</p>
        </div>
      ) : null}
      <ErrorSummary items={summary} attempt={form.attempt} />
      <form onSubmit={submit} noValidate>
        <TextField
          id="forgot-email"
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
        <SubmitButton busy={fetching} busyLabel={t('forgot.sending')}>
          {t('forgot.submit')}
        </SubmitButton>
      </form>
      <p>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}
