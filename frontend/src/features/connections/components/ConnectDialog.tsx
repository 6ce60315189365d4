import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Dialog } from '../../../components/ui/Dialog';
import { TextAreaField } from '../../../components/ui/fields';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import { RequestConnectionMutation } from '../api/documents';
import { connectionRefusal, type Refusal } from '../refusal';
import { maxMessageLength } from '../state';
import { RefusalMessage } from './RefusalMessage';

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
  const [error, setError] = useState<Refusal | null>(null);
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
      setError(connectionRefusal(res.error, name, t));
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
        {error ? <RefusalMessage refusal={error} /> : null}
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
