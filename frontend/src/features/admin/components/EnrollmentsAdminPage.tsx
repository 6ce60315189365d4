import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary } from '../../../components/ui/ErrorSummary';
import { SelectField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { TableRegion } from '../../../components/ui/TableRegion';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import type { EnrollmentStatus } from '../../../gql/graphql';
import { nodes } from '../../../lib/connection';
import { errorMessage, fieldErrors } from '../../../lib/graphql/errors';
import {
  AdminCohortsQuery,
  AdminPeopleQuery,
  CohortEnrollmentsQuery,
  CreateEnrollmentMutation,
  UpdateEnrollmentMutation,
} from '../api/documents';

const statuses: EnrollmentStatus[] = ['APPLIED', 'ENROLLED', 'COMPLETED', 'WITHDRAWN'];

function EnrollmentRow({ id, name, status }: { id: string; name: string; status: EnrollmentStatus }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [{ fetching }, update] = useMutation(UpdateEnrollmentMutation);
  const [problem, setProblem] = useState<string | null>(null);

  async function change(next: string) {
    setProblem(null);
    announce(t('common.saving'));
    const res = await update({ id, input: { status: next as EnrollmentStatus } });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      setProblem(msg);
      announce(msg);
    } else {
      announce(t('admin.enrollments.statusSaved', { name, status: t(`admin.enrollments.status.${next}`) }));
    }
  }

  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <SelectField
          label={t('admin.enrollments.statusOf', { name })}
          name={`status-${id}`}
          value={status}
          onChange={(v) => void change(v)}
          options={statuses.map((s) => ({ value: s, label: t(`admin.enrollments.status.${s}`) }))}
          error={problem ?? undefined}
        />
        {fetching ? <span className="small muted">{t('common.saving')}</span> : null}
      </td>
    </tr>
  );
}

export function EnrollmentsAdminPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const cohortID = params.get('cohort') ?? '';
  const [cohortsRes] = useQuery({ query: AdminCohortsQuery });
  const [peopleRes] = useQuery({ query: AdminPeopleQuery });
  const [enrollRes, refetch] = useQuery({
    query: CohortEnrollmentsQuery,
    variables: { id: cohortID },
    pause: !cohortID,
  });
  const [{ fetching: adding }, createEnrollment] = useMutation(CreateEnrollmentMutation);
  const [personID, setPersonID] = useState('');
  const [newStatus, setNewStatus] = useState<EnrollmentStatus>('ENROLLED');
  const [problem, setProblem] = useState<{ person?: string; general?: string }>({});
  const [attempt, setAttempt] = useState(0);

  const cohorts = nodes(cohortsRes.data?.cohorts);
  const people = nodes(peopleRes.data?.people);
  const cohort = enrollRes.data?.node?.__typename === 'Cohort' ? enrollRes.data.node : null;
  const enrollments = nodes(cohort?.enrollments);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (adding) return;
    if (!personID) {
      setProblem({ person: t('admin.enrollments.errors.personRequired') });
      setAttempt((a) => a + 1);
      return;
    }
    announce(t('common.saving'));
    const res = await createEnrollment({ input: { personID, cohortID, status: newStatus } });
    if (res.error) {
      const fe = fieldErrors(res.error);
      const person = fe.personid ?? fe.person;
      setProblem(
        person
          ? { person: t('errors.fieldProblem', { message: person }) }
          : { general: Object.values(fe)[0] ?? errorMessage(res.error, t) },
      );
      setAttempt((a) => a + 1);
      announce(t('common.notSaved'));
      return;
    }
    setProblem({});
    setPersonID('');
    const who = people.find((p) => p.id === personID);
    announce(t('admin.enrollments.added', { name: who ? `${who.givenName} ${who.familyName}` : '' }));
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <Page title={t('admin.enrollments.title')} lead={<p>{t('admin.enrollments.lead')}</p>}>
      <QueryState fetching={cohortsRes.fetching && !cohortsRes.data} error={cohortsRes.error} />
      <SelectField
        id="enrollments-cohort"
        label={t('admin.enrollments.cohort')}
        name="cohort"
        value={cohortID}
        onChange={(v) => setParams(v ? { cohort: v } : {})}
        emptyLabel={t('admin.enrollments.chooseCohort')}
        options={cohorts.map((c) => ({ value: c.id, label: `${c.name} (${c.city})` }))}
      />
      {cohortID ? <QueryState fetching={enrollRes.fetching && !enrollRes.data} error={enrollRes.error} /> : null}
      {cohort ? (
        <>
          <section aria-labelledby="enrolled-heading">
            <h2 id="enrolled-heading">
              {t('admin.enrollments.listTitle', { count: cohort.enrollments.totalCount, name: cohort.name })}
            </h2>
            {enrollments.length > 0 ? (
              <TableRegion labelledBy="enrolled-heading">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.enrollments.person')}</th>
                      <th scope="col">{t('admin.enrollments.statusLabel')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {enrollments.map((en) => (
                      <EnrollmentRow
                        key={en.id}
                        id={en.id}
                        name={`${en.person.givenName} ${en.person.familyName}`}
                        status={en.status}
                      />
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : (
              <p>{t('admin.enrollments.none')}</p>
            )}
          </section>
          <section aria-labelledby="add-heading">
            <h2 id="add-heading">{t('admin.enrollments.addTitle')}</h2>
            <form onSubmit={add} noValidate className="admin-form">
              <ErrorSummary
                items={[
                  ...(problem.general ? [{ message: problem.general }] : []),
                  ...(problem.person ? [{ fieldId: 'enroll-person', message: problem.person }] : []),
                ]}
                attempt={attempt}
              />
              <SelectField
                id="enroll-person"
                label={t('admin.enrollments.person')}
                name="person"
                value={personID}
                onChange={setPersonID}
                emptyLabel={t('admin.enrollments.choosePerson')}
                options={people.map((p) => ({ value: p.id, label: `${p.familyName} ${p.givenName}` }))}
                error={problem.person}
                required
              />
              <SelectField
                id="enroll-status"
                label={t('admin.enrollments.statusLabel')}
                name="status"
                value={newStatus}
                onChange={(v) => setNewStatus(v as EnrollmentStatus)}
                options={statuses.map((s) => ({ value: s, label: t(`admin.enrollments.status.${s}`) }))}
              />
              <SubmitButton busy={adding} busyLabel={t('common.saving')}>
                {t('admin.enrollments.add')}
              </SubmitButton>
            </form>
          </section>
        </>
      ) : null}
    </Page>
  );
}
