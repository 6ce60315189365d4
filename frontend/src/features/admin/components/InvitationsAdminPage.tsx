import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { SelectField, TextField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import type { AccountRole as Role } from '../../../gql/graphql';
import { nodes } from '../../../lib/connection';
import { looksLikeEmail } from '../../../lib/email';
import { formatDate } from '../../../lib/format';
import { errorCode, errorMessage } from '../../../lib/graphql/errors';
import { useLanguage } from '../../../lib/i18n';
import { useFormErrors } from '../../../lib/useFormErrors';
import { useSession } from '../../auth';
import { AdminPeopleQuery, CreateInvitationMutation, InvitationsQuery } from '../api/documents';
import { TableRegion } from '../../../components/ui/TableRegion';

const fields = ['email', 'role', 'personID', 'organizationID'] as const;

export function InvitationsAdminPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const announce = useAnnounce();
  const { viewer } = useSession();
  const [{ data }] = useQuery({ query: AdminPeopleQuery });
  const [{ fetching }, invite] = useMutation(CreateInvitationMutation);
  const [list, refetchList] = useQuery({ query: InvitationsQuery });
  const invitations = nodes(list.data?.invitations);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [personID, setPersonID] = useState('');
  const [organizationID, setOrganizationID] = useState('');
  const [general, setGeneral] = useState<string[]>([]);
  const [result, setResult] = useState<{ code: string; expiresAt: string; email: string } | null>(null);
  const form = useFormErrors(fields);
  const roles: Role[] = viewer?.role === 'ADMIN' ? ['MEMBER', 'PARTNER', 'STAFF', 'ADMIN'] : ['MEMBER', 'PARTNER'];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    const errs: Partial<Record<(typeof fields)[number], string>> = {};
    if (!looksLikeEmail(email.trim())) errs.email = t('admin.invitations.errors.email');
    if (role === 'PARTNER' && !organizationID) errs.organizationID = t('admin.invitations.errors.organization');
    if (Object.keys(errs).length) {
      setGeneral([]);
      form.fail(errs);
      return;
    }
    const res = await invite({
      input: {
        email: email.trim(),
        role,
        personID: personID || undefined,
        organizationID: role === 'PARTNER' ? organizationID : undefined,
      },
    });
    if (res.error || !res.data) {
      if (errorCode(res.error) === 'BAD_USER_INPUT' && res.error) {
        setGeneral(form.fromServer(res.error, (m) => t('errors.fieldProblem', { message: m })));
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      return;
    }
    setGeneral([]);
    form.clear();
    const created = res.data.createInvitation;
    setResult({ code: created.code, expiresAt: created.invitation.expiresAt, email: created.invitation.email });
    announce(t('admin.invitations.created', { email: email.trim() }));
    refetchList({ requestPolicy: 'network-only' });
    setEmail('');
    setPersonID('');
  }

  const link = result ? `${window.location.origin}/register?code=${encodeURIComponent(result.code)}` : '';
  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...fields.flatMap((f) => (form.errors[f] ? [{ fieldId: `invite-${f}`, message: form.errors[f]! }] : [])),
  ];

  return (
    <Page title={t('admin.invitations.title')} lead={<p>{t('admin.invitations.lead')}</p>}>
      <form onSubmit={submit} noValidate className="admin-form">
        <ErrorSummary items={summary} attempt={form.attempt} />
        <TextField
          id="invite-email"
          label={t('fields.email')}
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          error={form.errors.email}
          required
        />
        <SelectField
          id="invite-role"
          label={t('admin.invitations.role')}
          name="role"
          value={role}
          onChange={(v) => setRole(v as Role)}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={form.errors.role}
        />
        <SelectField
          id="invite-personID"
          label={t('admin.invitations.person')}
          hint={t('admin.invitations.personHint')}
          name="person"
          value={personID}
          onChange={setPersonID}
          emptyLabel={t('admin.invitations.noPerson')}
          options={nodes(data?.people).map((p) => ({ value: p.id, label: `${p.familyName} ${p.givenName}` }))}
          error={form.errors.personID}
        />
        {role === 'PARTNER' ? (
          <SelectField
            id="invite-organizationID"
            label={t('admin.invitations.organization')}
            name="organization"
            value={organizationID}
            onChange={setOrganizationID}
            emptyLabel={t('admin.invitations.chooseOrganization')}
            options={nodes(data?.organizations).map((o) => ({ value: o.id, label: o.name }))}
            error={form.errors.organizationID}
            required
          />
        ) : null}
        <SubmitButton busy={fetching} busyLabel={t('common.saving')}>
          {t('admin.invitations.create')}
        </SubmitButton>
      </form>
      {result ? (
        <section aria-labelledby="invite-result" className="notice success">
          <h2 id="invite-result">{t('admin.invitations.resultTitle', { email: result.email })}</h2>
          <p>{t('admin.invitations.resultLead', { date: formatDate(result.expiresAt, lang) })}</p>
          <p>
            <label htmlFor="invite-link">{t('admin.invitations.link')}</label>
            <input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          </p>
          <p>
            {t('admin.invitations.code')}: <code>{result.code}</code>
          </p>
          <button
            type="button"
            className="button secondary"
            onClick={() =>
              void navigator.clipboard?.writeText(link).then(() => announce(t('admin.invitations.copied')))
            }
          >
            {t('admin.invitations.copy')}
          </button>
        </section>
      ) : null}
      <section aria-labelledby="invitations-list">
        <h2 id="invitations-list">
          {t('admin.invitations.listTitle', { count: list.data?.invitations.totalCount ?? 0 })}
        </h2>
        {invitations.length > 0 ? (
          <TableRegion labelledBy="invitations-list">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fields.email')}</th>
                  <th scope="col">{t('admin.invitations.role')}</th>
                  <th scope="col">{t('admin.invitations.for')}</th>
                  <th scope="col">{t('admin.invitations.state')}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((inv) => {
                  const state = inv.usedAt
                    ? t('admin.invitations.used', { date: formatDate(inv.usedAt, lang) })
                    : new Date(inv.expiresAt) < new Date()
                      ? t('admin.invitations.expired', { date: formatDate(inv.expiresAt, lang) })
                      : t('admin.invitations.waiting', { date: formatDate(inv.expiresAt, lang) });
                  return (
                    <tr key={inv.id}>
                      <td>{inv.email}</td>
                      <td>{t(`roles.${inv.role}`)}</td>
                      <td>
                        {inv.person
                          ? `${inv.person.givenName} ${inv.person.familyName}`
                          : (inv.organization?.name ?? '—')}
                      </td>
                      <td>{state}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
        ) : list.data ? (
          <p>{t('common.none')}</p>
        ) : null}
      </section>
    </Page>
  );
}
