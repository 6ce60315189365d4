import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Dialog } from '../../../components/ui/Dialog';
import { TextAreaField } from '../../../components/ui/fields';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { errorCode } from '../../../lib/graphql/errors';
import { RequestConnectionMutation } from '../api/documents';
import { maxMessageLength } from '../state';

interface ConnectDialogProps {
  personId: string;
  name: string;
  onClose: () => void;
  onSent: () => void;
  returnFocusTo?: () => HTMLElement | null | undefined;
}

/** Ask a person to connect, with an optional short message. */
export function ConnectDialog({ personId, name, onClose, onSent, returnFocusTo }: ConnectDialogProps) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [tooLong, setTooLong] = useState(false);
  const [{ fetching }, request] = useMutation(RequestConnectionMutation);
  const field = useRef<HTMLTextAreaElement>(null);
  const fieldId = `connect-message-${personId}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    if (message.trim().length > maxMessageLength) {
      setTooLong(true);
      field.current?.focus();
      return;
    }
    setTooLong(false);
    setError(null);
    const res = await request({ personID: personId, message: message.trim() || undefined });
    if (res.error) {
      const code = errorCode(res.error);
      // The state machine's refusals are plain sentences meant for people.
      setError(code === 'BAD_USER_INPUT' ? res.error.graphQLErrors[0]!.message : t(`errors.${code ?? 'UNKNOWN'}`));
      return;
    }
    onSent();
  }

  return (
    <Dialog
      title={t('connections.dialog.title', { name })}
      onClose={onClose}
      initialFocus={field}
      returnFocusTo={returnFocusTo}
    >
      <form onSubmit={submit} noValidate>
        <p>{t('connections.dialog.lead', { name })}</p>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <TextAreaField
          id={fieldId}
          inputRef={field}
          name="message"
          label={t('connections.dialog.message')}
          hint={t('connections.dialog.messageHint', { count: maxMessageLength })}
          value={message}
          onChange={setMessage}
          error={tooLong ? t('connections.dialog.tooLong', { count: maxMessageLength }) : undefined}
        />
        <div className="button-row">
          <SubmitButton busy={fetching} busyLabel={t('connections.dialog.sending')}>
            {t('connections.dialog.send')}
          </SubmitButton>
          <button type="button" className="button secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
