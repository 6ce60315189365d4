import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import type { ConnectionPersonFragment } from '../../../gql/graphql';
import { nodes } from '../../../lib/connection';
import { formatDate } from '../../../lib/format';
import { useLanguage } from '../../../lib/i18n';
import {
  AcceptConnectionMutation,
  BlockPersonMutation,
  ConnectionsPageQuery,
  DeclineConnectionMutation,
  RemoveConnectionMutation,
  UnblockPersonMutation,
  WithdrawConnectionMutation,
} from '../api/documents';
import { connectionRefusal } from '../refusal';

const pageSize = 10;

type Person = Pick<ConnectionPersonFragment, 'id' | 'givenName' | 'familyName'> &
  Partial<Pick<ConnectionPersonFragment, 'city' | 'contact'>>;

type Confirm = {
  kind: 'block' | 'remove';
  person: Person;
  connectionId: string;
  heading: RefObject<HTMLHeadingElement | null>;
};

const fullName = (p: Person) => `${p.givenName} ${p.familyName}`;

/** My connections, the requests sent to me and by me, and the people I blocked. */
export function ConnectionsPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const announce = useAnnounce();
  const [sizes, setSizes] = useState({ inFirst: pageSize, outFirst: pageSize, myFirst: pageSize });
  const [{ data, fetching, error }] = useQuery({ query: ConnectionsPageQuery, variables: sizes });
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ id: string; message: string } | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const confirmed = useRef<HTMLElement | null>(null);
  const [, accept] = useMutation(AcceptConnectionMutation);
  const [, decline] = useMutation(DeclineConnectionMutation);
  const [, withdraw] = useMutation(WithdrawConnectionMutation);
  const [, remove] = useMutation(RemoveConnectionMutation);
  const [, block] = useMutation(BlockPersonMutation);
  const [, unblock] = useMutation(UnblockPersonMutation);
  const headings = {
    incoming: useRef<HTMLHeadingElement>(null),
    connected: useRef<HTMLHeadingElement>(null),
    outgoing: useRef<HTMLHeadingElement>(null),
    blocked: useRef<HTMLHeadingElement>(null),
  };

  const incoming = nodes(data?.incoming);
  const outgoing = nodes(data?.outgoing);
  const connected = nodes(data?.myConnections);
  const blocked = nodes(data?.blockedPeople);

  /**
   * Runs one action on one row, with the person `name`. On success the row
   * leaves its list, so focus goes to that list's heading, which says the new
   * count; a refusal is said in the viewer's language when its reason is known.
   */
  async function act(
    id: string,
    name: string,
    action: () => Promise<{ error?: import('@urql/core').CombinedError | undefined }>,
    done: string,
    heading: RefObject<HTMLHeadingElement | null>,
  ): Promise<boolean> {
    if (busy) return false;
    setBusy(id);
    setProblem(null);
    const res = await action();
    setBusy(null);
    if (res.error) {
      const { message } = connectionRefusal(res.error, name, t);
      setProblem({ id, message });
      announce(message);
      return false;
    }
    announce(done);
    heading.current?.focus();
    return true;
  }

  /**
   * A button that answers or withdraws a request at once (no confirmation):
   * named with the person for screen readers, announcing the result.
   */
  function actionButton(
    verb: 'accept' | 'decline' | 'withdraw' | 'unblock',
    done: 'accepted' | 'declined' | 'withdrawn' | 'unblocked',
    variant: 'primary' | 'secondary',
    connectionId: string,
    person: Person,
    run: () => Promise<{ error?: import('@urql/core').CombinedError | undefined }>,
    heading: RefObject<HTMLHeadingElement | null>,
  ) {
    const name = fullName(person);
    return (
      <button
        type="button"
        className={`button ${variant}`}
        aria-label={t(`connections.named.${verb}`, { name })}
        aria-disabled={busy === connectionId || undefined}
        onClick={() => void act(connectionId, name, run, t(`connections.done.${done}`, { name }), heading)}
      >
        {t(`connections.actions.${verb}`)}
      </button>
    );
  }

  function personLink(p: Person) {
    return <Link to={`/people/${p.id}`}>{fullName(p)}</Link>;
  }

  const rowProblem = (id: string) =>
    problem?.id === id ? (
      <p className="field-error" role="alert">
        {problem.message}
      </p>
    ) : null;

  const more = (key: keyof typeof sizes, total: number, shown: number, label: string) =>
    total > shown ? (
      <button
        type="button"
        className="button secondary"
        onClick={() => setSizes((s) => ({ ...s, [key]: Math.min(s[key] + pageSize, 100) }))}
      >
        {t('connections.showMore', { count: Math.min(pageSize, total - shown), what: label })}
      </button>
    ) : null;

  return (
    <Page title={t('connections.title')} lead={<p>{t('connections.lead')}</p>}>
      <QueryState fetching={fetching && !data} error={error} />
      {data ? (
        <div aria-busy={fetching || undefined}>
          <Section
            id="incoming"
            headingRef={headings.incoming}
            title={t('connections.incoming.title', { count: data.incoming.totalCount })}
            empty={t('connections.incoming.empty')}
          >
            {incoming.map((c) => (
              <li key={c.id} className="card connection-card">
                <h3 className="card-title">{personLink(c.requester)}</h3>
                <p className="card-meta">
                  {c.requester.city ? <span>{c.requester.city}</span> : null}
                  <span>{t('connections.receivedOn', { date: formatDate(c.createdAt, lang) })}</span>
                </p>
                {c.message ? (
                  <figure className="connection-message">
                    <blockquote>{c.message}</blockquote>
                    <figcaption className="visually-hidden">
                      {t('connections.messageFrom', { name: fullName(c.requester) })}
                    </figcaption>
                  </figure>
                ) : null}
                <div className="button-row">
                  {actionButton(
                    'accept',
                    'accepted',
                    'primary',
                    c.id,
                    c.requester,
                    () => accept({ id: c.id }),
                    headings.incoming,
                  )}
                  {actionButton(
                    'decline',
                    'declined',
                    'secondary',
                    c.id,
                    c.requester,
                    () => decline({ id: c.id }),
                    headings.incoming,
                  )}
                  <button
                    type="button"
                    className="button quiet"
                    aria-label={t('connections.named.block', { name: fullName(c.requester) })}
                    onClick={() =>
                      setConfirm({ kind: 'block', person: c.requester, connectionId: c.id, heading: headings.incoming })
                    }
                  >
                    {t('connections.actions.block')}
                  </button>
                </div>
                {rowProblem(c.id)}
              </li>
            ))}
          </Section>
          {more('inFirst', data.incoming.totalCount, incoming.length, t('connections.incoming.what'))}

          <Section
            id="connected"
            headingRef={headings.connected}
            title={t('connections.connected.title', { count: data.myConnections.totalCount })}
            empty={t('connections.connected.empty')}
          >
            {connected.map((c) => {
              const other = c.direction === 'OUTGOING' ? c.addressee : c.requester;
              const contact = other.contact;
              return (
                <li key={c.id} className="card connection-card">
                  <h3 className="card-title">{personLink(other)}</h3>
                  <p className="card-meta">
                    {other.city ? <span>{other.city}</span> : null}
                    {c.respondedAt ? (
                      <span>{t('connections.connectedOn', { date: formatDate(c.respondedAt, lang) })}</span>
                    ) : null}
                  </p>
                  {contact && (contact.email || contact.phone || contact.telegram) ? (
                    <dl className="facts compact">
                      {contact.email ? (
                        <div>
                          <dt>{t('fields.email')}</dt>
                          <dd>
                            <a href={`mailto:${contact.email}`}>{contact.email}</a>
                          </dd>
                        </div>
                      ) : null}
                      {contact.phone ? (
                        <div>
                          <dt>{t('fields.phone')}</dt>
                          <dd>
                            <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                          </dd>
                        </div>
                      ) : null}
                      {contact.telegram ? (
                        <div>
                          <dt>{t('fields.telegram')}</dt>
                          <dd>{contact.telegram}</dd>
                        </div>
                      ) : null}
                    </dl>
                  ) : null}
                  <div className="button-row">
                    <button
                      type="button"
                      className="button secondary"
                      aria-label={t('connections.named.remove', { name: fullName(other) })}
                      onClick={() =>
                        setConfirm({ kind: 'remove', person: other, connectionId: c.id, heading: headings.connected })
                      }
                    >
                      {t('connections.actions.remove')}
                    </button>
                    <button
                      type="button"
                      className="button quiet"
                      aria-label={t('connections.named.block', { name: fullName(other) })}
                      onClick={() =>
                        setConfirm({ kind: 'block', person: other, connectionId: c.id, heading: headings.connected })
                      }
                    >
                      {t('connections.actions.block')}
                    </button>
                  </div>
                  {rowProblem(c.id)}
                </li>
              );
            })}
          </Section>
          {more('myFirst', data.myConnections.totalCount, connected.length, t('connections.connected.what'))}

          <Section
            id="outgoing"
            headingRef={headings.outgoing}
            title={t('connections.outgoing.title', { count: data.outgoing.totalCount })}
            empty={t('connections.outgoing.empty')}
          >
            {outgoing.map((c) => (
              <li key={c.id} className="card connection-card">
                <h3 className="card-title">{personLink(c.addressee)}</h3>
                <p className="card-meta">
                  {c.addressee.city ? <span>{c.addressee.city}</span> : null}
                  <span>{t('connections.sentOn', { date: formatDate(c.createdAt, lang) })}</span>
                </p>
                {c.message ? <blockquote className="connection-message">{c.message}</blockquote> : null}
                <div className="button-row">
                  {actionButton(
                    'withdraw',
                    'withdrawn',
                    'secondary',
                    c.id,
                    c.addressee,
                    () => withdraw({ id: c.id }),
                    headings.outgoing,
                  )}
                </div>
                {rowProblem(c.id)}
              </li>
            ))}
          </Section>
          {more('outFirst', data.outgoing.totalCount, outgoing.length, t('connections.outgoing.what'))}

          <Section
            id="blocked"
            headingRef={headings.blocked}
            title={t('connections.blocked.title', { count: data.blockedPeople.totalCount })}
            empty={t('connections.blocked.empty')}
          >
            {blocked.map((c) => (
              <li key={c.id} className="card connection-card">
                <h3 className="card-title">{fullName(c.addressee)}</h3>
                <p className="card-meta">
                  {c.respondedAt ? (
                    <span>{t('connections.blockedOn', { date: formatDate(c.respondedAt, lang) })}</span>
                  ) : null}
                </p>
                <div className="button-row">
                  {actionButton(
                    'unblock',
                    'unblocked',
                    'secondary',
                    c.id,
                    c.addressee,
                    () => unblock({ personID: c.addressee.id }),
                    headings.blocked,
                  )}
                </div>
                {rowProblem(c.id)}
              </li>
            ))}
          </Section>
        </div>
      ) : null}

      {confirm ? (
        <ConfirmDialog
          title={t(`connections.${confirm.kind}.title`, { name: fullName(confirm.person) })}
          confirmLabel={t(`connections.${confirm.kind}.confirm`)}
          busy={busy === confirm.connectionId}
          busyLabel={t('common.saving')}
          error={problem?.id === confirm.connectionId ? problem.message : null}
          onCancel={() => {
            setProblem(null);
            setConfirm(null);
          }}
          returnFocusTo={() => {
            const to = confirmed.current;
            confirmed.current = null;
            return to;
          }}
          onConfirm={() => {
            const c = confirm;
            const name = fullName(c.person);
            const action =
              c.kind === 'block' ? () => block({ personID: c.person.id }) : () => remove({ id: c.connectionId });
            void act(
              c.connectionId,
              name,
              action,
              t(`connections.done.${c.kind === 'block' ? 'blocked' : 'removed'}`, { name }),
              c.heading,
            ).then((ok) => {
              if (!ok) return;
              confirmed.current = c.heading.current;
              setConfirm(null);
            });
          }}
        >
          <p>{t(`connections.${confirm.kind}.explain`, { name: fullName(confirm.person) })}</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}

function Section({
  id,
  title,
  empty,
  headingRef,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children: ReactNode[];
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="connections-section">
      <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {children.length === 0 ? <p className="muted">{empty}</p> : <ul className="card-list">{children}</ul>}
    </section>
  );
}
