import { useEffect, useRef, useState } from 'react';
import type { CombinedError } from '@urql/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import {
  AcceptConnectionMutation,
  BlockPersonMutation,
  DeclineConnectionMutation,
  UnblockPersonMutation,
  WithdrawConnectionMutation,
} from '../api/documents';
import { connectionRefusal, type Refusal } from '../refusal';
import { connectionState, type ConnectionState } from '../state';
import { ConnectDialog } from './ConnectDialog';
import { RefusalMessage } from './RefusalMessage';

interface ConnectionControlsProps {
  person: { id: string; givenName: string; familyName: string };
  connection: Parameters<typeof connectionState>[0];
  /** Offer "Block" too (on a profile). */
  withBlock?: boolean;
  /**
   * Whether the person takes connection requests (PEER_CONTACT); if not, no
   * Connect button is offered, since the server would refuse the request.
   */
  acceptsRequests?: boolean;
}

/**
 * What the viewer can do about a person: ask to connect (with a message),
 * withdraw their request, answer the person's request, see that they are
 * connected; on a profile, block. When the state changes, focus moves to the
 * sentence that says the new state, so it is not lost with the old button.
 * A person who takes no requests gets no Connect button, but a sentence that
 * says so.
 */
export function ConnectionControls({ person, connection, withBlock, acceptsRequests = true }: ConnectionControlsProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const name = `${person.givenName} ${person.familyName}`;
  const state = connectionState(connection);
  const [dialog, setDialog] = useState<'connect' | 'block' | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const sentNow = useRef(false);
  const [, accept] = useMutation(AcceptConnectionMutation);
  const [, decline] = useMutation(DeclineConnectionMutation);
  const [, withdraw] = useMutation(WithdrawConnectionMutation);
  const [, block] = useMutation(BlockPersonMutation);
  const [, unblock] = useMutation(UnblockPersonMutation);

  const kind = state.kind;
  const lastKind = useRef(kind);
  useEffect(() => {
    if (lastKind.current === kind) return;
    lastKind.current = kind;
    const active = document.activeElement;
    if (!active || active === document.body || box.current?.contains(active)) status.current?.focus();
  }, [kind]);

  function open(which: 'connect' | 'block') {
    sentNow.current = false;
    setError(null);
    setDialog(which);
  }

  async function run(action: () => Promise<{ error?: CombinedError | undefined }>, done: string) {
    if (busy) return false;
    setBusy(true);
    setError(null);
    const res = await action();
    setBusy(false);
    if (res.error) {
      const refusal = connectionRefusal(res.error, name, t);
      setError(refusal);
      announce(refusal.message);
      return false;
    }
    announce(done);
    return true;
  }

  const sentence = statusSentence(state, name, t, acceptsRequests);

  return (
    <div className="connection-controls" ref={box}>
      {sentence ? (
        <p className="connection-status" ref={status} tabIndex={-1}>
          {sentence}
        </p>
      ) : (
        <p className="visually-hidden" ref={status} tabIndex={-1}>
          {t('connections.state.none', { name })}
        </p>
      )}
      {state.kind === 'received' && state.message ? (
        <blockquote className="connection-message">{state.message}</blockquote>
      ) : null}
      <div className="button-row">
        {state.kind === 'none' && acceptsRequests ? (
          <button
            type="button"
            className="button primary"
            aria-label={t('connections.named.connect', { name })}
            onClick={() => open('connect')}
          >
            {t('connections.actions.connect')}
          </button>
        ) : null}
        {state.kind === 'sent' ? (
          <button
            type="button"
            className="button secondary"
            aria-disabled={busy || undefined}
            aria-label={t('connections.named.withdraw', { name })}
            onClick={() => void run(() => withdraw({ id: state.id }), t('connections.done.withdrawn', { name }))}
          >
            {t('connections.actions.withdraw')}
          </button>
        ) : null}
        {state.kind === 'received' ? (
          <>
            <button
              type="button"
              className="button primary"
              aria-disabled={busy || undefined}
              aria-label={t('connections.named.accept', { name })}
              onClick={() => void run(() => accept({ id: state.id }), t('connections.done.accepted', { name }))}
            >
              {t('connections.actions.accept')}
            </button>
            <button
              type="button"
              className="button secondary"
              aria-disabled={busy || undefined}
              aria-label={t('connections.named.decline', { name })}
              onClick={() => void run(() => decline({ id: state.id }), t('connections.done.declined', { name }))}
            >
              {t('connections.actions.decline')}
            </button>
          </>
        ) : null}
        {state.kind === 'connected' ? (
          <Link className="button secondary" to="/connections">
            {t('connections.actions.myConnections')}
          </Link>
        ) : null}
        {state.kind === 'blocked' ? (
          <button
            type="button"
            className="button secondary"
            aria-disabled={busy || undefined}
            aria-label={t('connections.named.unblock', { name })}
            onClick={() => void run(() => unblock({ personID: person.id }), t('connections.done.unblocked', { name }))}
          >
            {t('connections.actions.unblock')}
          </button>
        ) : null}
        {withBlock && state.kind !== 'blocked' ? (
          <button
            type="button"
            className="button quiet"
            aria-label={t('connections.named.block', { name })}
            onClick={() => open('block')}
          >
            {t('connections.actions.block')}
          </button>
        ) : null}
      </div>
      {error && !dialog ? <RefusalMessage refusal={error} /> : null}
      {dialog === 'connect' ? (
        <ConnectDialog
          personId={person.id}
          name={name}
          onClose={() => setDialog(null)}
          returnFocusTo={() => (sentNow.current ? status.current : null)}
          onSent={() => {
            sentNow.current = true;
            setDialog(null);
            announce(t('connections.done.sent', { name }));
          }}
        />
      ) : null}
      {dialog === 'block' ? (
        <ConfirmDialog
          title={t('connections.block.title', { name })}
          confirmLabel={t('connections.block.confirm')}
          busy={busy}
          busyLabel={t('common.saving')}
          error={error?.message ?? null}
          onCancel={() => {
            setError(null);
            setDialog(null);
          }}
          returnFocusTo={() => (sentNow.current ? status.current : null)}
          onConfirm={() =>
            void run(() => block({ personID: person.id }), t('connections.done.blocked', { name })).then((ok) => {
              if (!ok) return;
              sentNow.current = true;
              setDialog(null);
            })
          }
        >
          <p>{t('connections.block.explain', { name })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function statusSentence(state: ConnectionState, name: string, t: TFunction, acceptsRequests: boolean): string | null {
  switch (state.kind) {
    case 'none':
      return acceptsRequests ? null : t('connections.state.noRequests', { name });
    case 'sent':
      return t('connections.state.sent', { name });
    case 'received':
      return t('connections.state.received', { name });
    case 'connected':
      return t('connections.state.connected', { name });
    case 'notAccepted':
      return t('connections.state.notAccepted', { name });
    case 'blocked':
      return t('connections.state.blocked', { name });
  }
}
