import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { TextField } from '../../../components/ui/fields';
import { errorCode, errorMessage, fieldErrors } from '../../../lib/graphql/errors';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useSession } from '../../auth';
import { DeleteMyAccountMutation } from '../api/documents';

const fields = ['password'] as const;

/**
 * Delete the account, after a plain warning of what that means and the
 * password. The person is then signed out and taken to the home page.
 */
export function DeleteAccountForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const { reset } = useSession();
  const [password, setPassword] = useState('');
  const [general, setGeneral] = useState<string[]>([]);
  const form = useFormErrors(fields);
  const [{ fetching }, del] = useMutation(DeleteMyAccountMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    if (!password) {
      setGeneral([]);
      form.fail({ password: t('account.delete.errors.passwordRequired') });
      return;
    }
    announce(t('account.delete.deleting'));
    const res = await del({ password });
    if (res.error || !res.data?.deleteMyAccount) {
      const code = errorCode(res.error);
      if (code === 'UNAUTHENTICATED' || (code === 'BAD_USER_INPUT' && fieldErrors(res.error).password)) {
        setGeneral([]);
        form.fail({ password: t('account.password.errors.wrong') });
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      return;
    }
    reset();
    navigate('/', { replace: true });
    announce(t('account.delete.done'));
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...(form.errors.password ? [{ fieldId: 'delete-password', message: form.errors.password }] : []),
  ];

  return (
    <div className="danger-zone">
      <p>
        <strong>{t('account.delete.warning')}</strong>
      </p>
      <ul>
        <li>{t('account.delete.what1')}</li>
        <li>{t('account.delete.what2')}</li>
        <li>{t('account.delete.what3')}</li>
      </ul>
      <p>{t('account.delete.dataFirst')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={summary} attempt={form.attempt} />
        <TextField
          id="delete-password"
          label={t('account.delete.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={form.errors.password}
          required
        />
        <button type="submit" className="button danger" aria-disabled={fetching || undefined}>
          {fetching ? t('account.delete.deleting') : t('account.delete.submit')}
        </button>
      </form>
    </div>
  );
}
