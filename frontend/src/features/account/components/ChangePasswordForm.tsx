import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { TextField } from '../../../components/ui/fields';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { errorCode, errorMessage, fieldErrors } from '../../../lib/graphql/errors';
import { useFormErrors, type Errors } from '../../../lib/useFormErrors';
import { minPasswordLength } from '../../auth';
import { ChangePasswordMutation } from '../api/documents';

const fields = ['currentPassword', 'newPassword'] as const;
type Field = (typeof fields)[number];

/** Change the password: the current one, then a new one. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [general, setGeneral] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const form = useFormErrors(fields);
  const [{ fetching }, change] = useMutation(ChangePasswordMutation);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    setSaved(false);
    const errs: Errors<Field> = {};
    if (!current) errs.currentPassword = t('account.password.errors.currentRequired');
    if (next.length < minPasswordLength)
      errs.newPassword = t('register.errors.passwordShort', { count: minPasswordLength });
    else if (next === current) errs.newPassword = t('account.password.errors.same');
    if (Object.keys(errs).length) {
      setGeneral([]);
      form.fail(errs);
      announce(t('common.notSaved'));
      return;
    }
    announce(t('common.saving'));
    const res = await change({ input: { currentPassword: current, newPassword: next } });
    if (res.error) {
      const code = errorCode(res.error);
      if (code === 'UNAUTHENTICATED' || (code === 'BAD_USER_INPUT' && fieldErrors(res.error).currentpassword)) {
        setGeneral([]);
        form.fail({ currentPassword: t('account.password.errors.wrong') });
      } else if (code === 'BAD_USER_INPUT') {
        // The server names the new password "password".
        const byField = fieldErrors(res.error);
        const msg = byField.password ?? Object.values(byField)[0] ?? res.error.graphQLErrors[0]?.message ?? '';
        setGeneral([]);
        form.fail({ newPassword: t('errors.fieldProblem', { message: msg }) });
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      announce(t('common.notSaved'));
      return;
    }
    setGeneral([]);
    form.clear();
    setCurrent('');
    setNext('');
    setSaved(true);
    announce(t('account.password.saved'));
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((f) => (form.errors[f] ? [{ fieldId: `password-${f}`, message: form.errors[f]! }] : [])),
  ];

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={summary} attempt={form.attempt} />
      <TextField
        id="password-currentPassword"
        label={t('account.password.current')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(v) => {
          setSaved(false);
          setCurrent(v);
        }}
        error={form.errors.currentPassword}
        required
      />
      <TextField
        id="password-newPassword"
        label={t('account.password.new')}
        hint={t('register.passwordHint', { count: minPasswordLength })}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(v) => {
          setSaved(false);
          setNext(v);
        }}
        error={form.errors.newPassword}
        required
      />
      <div className="button-row">
        <SubmitButton busy={fetching} busyLabel={t('common.saving')}>
          {t('account.password.submit')}
        </SubmitButton>
        {saved ? <p className="saved-note">{t('account.password.saved')}</p> : null}
      </div>
    </form>
  );
}
