import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { TextField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { errorCode, errorMessage, fieldErrors } from '../../../lib/graphql/errors';
import { useFormErrors, type Errors } from '../../../lib/useFormErrors';
import { ResetPasswordMutation } from '../api/documents';
import { useSession } from './AuthProvider';
import { minPasswordLength } from './RegisterPage';

const fields = ['password', 'confirm'] as const;
type Field = (typeof fields)[number];

/** Set a new password with the token from a reset mail (/reset-password?token=…). */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const announce = useAnnounce();
  const { reset } = useSession();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const [badLink, setBadLink] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const form = useFormErrors(fields);
  const [{ fetching }, resetPassword] = useMutation(ResetPasswordMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    const errs: Errors<Field> = {};
    if (password.length < minPasswordLength)
      errs.password = t('register.errors.passwordShort', { count: minPasswordLength });
    if (confirm !== password) errs.confirm = t('reset.errors.mismatch');
    if (Object.keys(errs).length) {
      setGeneral([]);
      form.fail(errs);
      return;
    }
    const res = await resetPassword({ input: { token, password } });
    if (res.error) {
      const code = errorCode(res.error);
      const byField = fieldErrors(res.error);
      if (code === 'BAD_USER_INPUT' && byField.password) {
        setGeneral([]);
        form.fail({ password: t('errors.fieldProblem', { message: byField.password }) });
      } else if (code === 'BAD_USER_INPUT') {
        setBadLink(true);
        setGeneral([t('reset.errors.badLink')]);
        form.fail({});
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      return;
    }
    // Every session of the account has ended, this browser's too.
    reset();
    setDone(true);
    announce(t('reset.done'));
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((f) => (form.errors[f] ? [{ fieldId: `reset-${f}`, message: form.errors[f]! }] : [])),
  ];

  if (!token) {
    return (
      <Page title={t('reset.title')} className="narrow">
        <p>{t('reset.noToken')}</p>
        <p>
          <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title={t('reset.title')} lead={<p>{t('reset.lead')}</p>} className="narrow">
      {done ? (
        <div className="notice success" role="status">
          <p>{t('reset.done')}</p>
          <p>
            <Link to="/sign-in">{t('reset.signIn')}</Link>
          </p>
        </div>
      ) : (
        <>
          <ErrorSummary items={summary} attempt={form.attempt} />
          {badLink ? (
            <p>
              <Link to="/forgot-password">{t('reset.askAgain')}</Link>
            </p>
          ) : null}
          <form onSubmit={submit} noValidate>
            <TextField
              id="reset-password"
              label={t('fields.newPassword')}
              hint={t('register.passwordHint', { count: minPasswordLength })}
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={form.errors.password}
              required
            />
            <TextField
              id="reset-confirm"
              label={t('reset.confirm')}
              name="confirm"
              type="password"
              autoComplete="new-password"
              value={confirm}
              onChange={setConfirm}
              error={form.errors.confirm}
              required
            />
            <SubmitButton busy={fetching} busyLabel={t('common.saving')}>
              {t('reset.submit')}
            </SubmitButton>
          </form>
        </>
      )}
    </Page>
  );
}
