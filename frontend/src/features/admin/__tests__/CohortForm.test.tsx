import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import { validateCohort } from '../cohortForm';
import { CohortForm } from '../components/CohortsAdminPage';

const programs = [{ id: 'p1', name: 'School of Independent Life' }];

async function fill(user: ReturnType<typeof userEvent.setup>, capacity = '15') {
  await user.type(screen.getByLabelText('Name'), 'Spring 2025');
  await user.type(screen.getByLabelText('City'), 'Алматы');
  await user.type(screen.getByLabelText('First day'), '2025-04-07');
  await user.type(screen.getByLabelText('Last day'), '2025-04-13');
  const cap = screen.getByLabelText('Places');
  await user.clear(cap);
  if (capacity) await user.type(cap, capacity);
}

describe('validateCohort', () => {
  it('finds dates out of order and places that are not a positive number', () => {
    const d = {
      name: 'x',
      city: 'y',
      venue: '',
      startDate: '2025-04-10',
      endDate: '2025-04-01',
      capacity: '0',
      status: 'PLANNED' as const,
      programID: 'p1',
    };
    expect(validateCohort(d)).toEqual({ endDate: 'endBeforeStart', capacity: 'capacityPositive' });
    expect(validateCohort({ ...d, endDate: '2025-04-12', capacity: '1.5' })).toEqual({ capacity: 'capacityPositive' });
    expect(validateCohort({ ...d, endDate: '2025-04-12', capacity: '12' })).toEqual({});
  });
});

describe('CohortForm', () => {
  it('says what to fix before sending', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<CohortForm programs={programs} onCreated={() => {}} />, { client });
    await fill(user, '0');
    await user.click(screen.getByRole('button', { name: 'Plan course' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The number of places must be a whole number greater than 0.',
    );
    expect(screen.getByLabelText('Places')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.some((c) => c.name === 'CreateCohort')).toBe(false);
  });

  it('shows the server’s message on the field it names', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      CreateCohort: {
        errors: [{ message: 'capacity: must be greater than 0', extensions: { code: 'BAD_USER_INPUT' } }],
      },
    });
    renderWithApp(<CohortForm programs={programs} onCreated={() => {}} />, { client });
    await fill(user, '15');
    await user.click(screen.getByRole('button', { name: 'Plan course' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct this: must be greater than 0');
    expect(screen.getByLabelText('Places')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Places')).toHaveAccessibleDescription(/must be greater than 0/);
  });

  it('creates the course, says so and clears the form', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const { client, calls } = mockClient({
      CreateCohort: {
        data: {
          createCohort: {
            __typename: 'Cohort',
            id: 'c9',
            name: 'Spring 2025',
            city: 'Алматы',
            startDate: '2025-04-07T00:00:00+05:00',
            endDate: '2025-04-13T00:00:00+05:00',
            capacity: 15,
            status: 'PLANNED',
          },
        },
      },
    });
    renderWithApp(<CohortForm programs={programs} onCreated={onCreated} />, { client });
    await fill(user);
    await user.click(screen.getByRole('button', { name: 'Plan course' }));
    expect(await screen.findByText('The course “Spring 2025” is planned.', { selector: 'p' })).toBeInTheDocument();
    expect(onCreated).toHaveBeenCalledOnce();
    expect(calls.find((c) => c.name === 'CreateCohort')!.variables).toEqual({
      input: {
        name: 'Spring 2025',
        city: 'Алматы',
        startDate: '2025-04-07T00:00:00+05:00',
        endDate: '2025-04-13T00:00:00+05:00',
        capacity: 15,
        status: 'PLANNED',
        programID: 'p1',
      },
    });
    expect(screen.getByLabelText('Name')).toHaveValue('');
    await waitFor(() => expect(announcer()).toHaveTextContent('The course “Spring 2025” is planned.'));
  });
});
