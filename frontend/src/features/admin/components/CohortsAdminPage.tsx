import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { ErrorSummary, type SummaryItem } from '../../../components/ui/ErrorSummary';
import { SelectField, TextField } from '../../../components/ui/fields';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { TableRegion } from '../../../components/ui/TableRegion';
import { SubmitButton } from '../../../components/ui/SubmitButton';
import type { CohortStatus } from '../../../gql/graphql';
import { nodes } from '../../../lib/connection';
import { formatDateRange, fromDateInput } from '../../../lib/format';
import { errorCode, errorMessage } from '../../../lib/graphql/errors';
import { useLanguage } from '../../../lib/i18n';
import { useFormErrors } from '../../../lib/useFormErrors';
import { AdminCohortsQuery, CreateCohortMutation } from '../api/documents';
import { cohortFields, validateCohort, type CohortDraft, type CohortField } from '../cohortForm';

const statuses: CohortStatus[] = ['PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED'];

const empty: CohortDraft = {
  name: '',
  city: '',
  venue: '',
  startDate: '',
  endDate: '',
  capacity: '15',
  status: 'PLANNED',
  programID: '',
};

export function CohortForm({
  programs,
  onCreated,
}: {
  programs: Array<{ id: string; name: string }>;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<CohortDraft>(() => ({ ...empty, programID: programs[0]?.id ?? '' }));
  const [general, setGeneral] = useState<string[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const form = useFormErrors(cohortFields);
  const [{ fetching }, create] = useMutation(CreateCohortMutation);
  const set = (k: CohortField) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  const programID = draft.programID || programs[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (fetching) return;
    setCreated(null);
    const problems = validateCohort({ ...draft, programID });
    if (Object.keys(problems).length) {
      const msgs: Partial<Record<CohortField, string>> = {};
      for (const [k, v] of Object.entries(problems)) msgs[k as CohortField] = t(`admin.cohorts.errors.${v}`);
      setGeneral([]);
      form.fail(msgs);
      return;
    }
    announce(t('common.saving'));
    const res = await create({
      input: {
        name: draft.name.trim(),
        city: draft.city.trim(),
        venue: draft.venue.trim() || undefined,
        startDate: fromDateInput(draft.startDate),
        endDate: fromDateInput(draft.endDate),
        capacity: Number(draft.capacity),
        status: draft.status,
        programID,
      },
    });
    if (res.error || !res.data) {
      if (errorCode(res.error) === 'BAD_USER_INPUT' && res.error) {
        setGeneral(form.fromServer(res.error, (m) => t('errors.fieldProblem', { message: m })));
      } else {
        setGeneral([errorMessage(res.error, t)]);
        form.fail({});
      }
      announce(t('common.notSaved'));
      return;
    }
    setGeneral([]);
    form.clear();
    setCreated(res.data.createCohort.name);
    announce(t('admin.cohorts.created', { name: res.data.createCohort.name }));
    setDraft({ ...empty, programID });
    onCreated();
  }

  const summary: SummaryItem[] = [
    ...general.map((message) => ({ message })),
    ...cohortFields.flatMap((f) => (form.errors[f] ? [{ fieldId: `cohort-${f}`, message: form.errors[f]! }] : [])),
  ];

  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <ErrorSummary items={summary} attempt={form.attempt} />
      <TextField
        id="cohort-name"
        label={t('admin.cohorts.name')}
        name="name"
        value={draft.name}
        onChange={set('name')}
        error={form.errors.name}
        required
      />
      <TextField
        id="cohort-city"
        label={t('admin.cohorts.city')}
        name="city"
        value={draft.city}
        onChange={set('city')}
        error={form.errors.city}
        required
      />
      <TextField
        id="cohort-venue"
        label={t('admin.cohorts.venue')}
        name="venue"
        value={draft.venue}
        onChange={set('venue')}
        error={form.errors.venue}
      />
      <div className="field-pair">
        <TextField
          id="cohort-startDate"
          label={t('admin.cohorts.startDate')}
          name="startDate"
          type="date"
          value={draft.startDate}
          onChange={set('startDate')}
          error={form.errors.startDate}
          required
        />
        <TextField
          id="cohort-endDate"
          label={t('admin.cohorts.endDate')}
          name="endDate"
          type="date"
          value={draft.endDate}
          onChange={set('endDate')}
          error={form.errors.endDate}
          required
        />
      </div>
      <TextField
        id="cohort-capacity"
        label={t('admin.cohorts.capacity')}
        hint={t('admin.cohorts.capacityHint')}
        name="capacity"
        type="text"
        inputMode="numeric"
        value={draft.capacity}
        onChange={set('capacity')}
        error={form.errors.capacity}
        required
      />
      <SelectField
        id="cohort-status"
        label={t('admin.cohorts.status')}
        name="status"
        value={draft.status}
        onChange={set('status')}
        options={statuses.map((s) => ({ value: s, label: t(`courses.status.${s}`) }))}
        error={form.errors.status}
      />
      <SelectField
        id="cohort-programID"
        label={t('admin.cohorts.program')}
        name="programID"
        value={programID}
        onChange={set('programID')}
        options={programs.map((p) => ({ value: p.id, label: p.name }))}
        error={form.errors.programID}
      />
      <div className="button-row">
        <SubmitButton busy={fetching} busyLabel={t('common.saving')}>
          {t('admin.cohorts.create')}
        </SubmitButton>
      </div>
      {created ? <p className="notice success">{t('admin.cohorts.created', { name: created })}</p> : null}
    </form>
  );
}

export function CohortsAdminPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [{ data, fetching, error }, refetch] = useQuery({ query: AdminCohortsQuery });
  const cohorts = nodes(data?.cohorts);
  const programs = nodes(data?.programs);

  return (
    <Page title={t('admin.cohorts.title')} lead={<p>{t('admin.cohorts.lead')}</p>}>
      <QueryState fetching={fetching && !data} error={error} />
      {data ? (
        <>
          <section aria-labelledby="new-cohort">
            <h2 id="new-cohort">{t('admin.cohorts.newTitle')}</h2>
            <CohortForm programs={programs} onCreated={() => refetch({ requestPolicy: 'network-only' })} />
          </section>
          <section aria-labelledby="all-cohorts">
            <h2 id="all-cohorts">{t('admin.cohorts.listTitle', { count: data.cohorts.totalCount })}</h2>
            <TableRegion labelledBy="all-cohorts">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.cohorts.name')}</th>
                    <th scope="col">{t('courses.dates')}</th>
                    <th scope="col">{t('admin.cohorts.city')}</th>
                    <th scope="col">{t('admin.cohorts.status')}</th>
                    <th scope="col" className="num">
                      {t('admin.cohorts.enrolled')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cohorts.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/courses/${c.id}`}>{c.name}</Link>
                      </td>
                      <td>{formatDateRange(c.startDate, c.endDate, lang)}</td>
                      <td>{c.city}</td>
                      <td>{t(`courses.status.${c.status}`)}</td>
                      <td className="num">
                        {c.enrollments.totalCount} / {c.capacity}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </section>
        </>
      ) : null}
    </Page>
  );
}
