import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import { DetailsForm, type DetailsValues } from '../components/DetailsForm';

const initial: DetailsValues = {
  givenName: 'Бауыржан',
  familyName: 'Құрманов',
  city: 'Almaty',
  bio: 'Кітап оқығанды жақсы көремін.',
  languages: ['kk'],
  email: '',
  phone: '',
  telegram: '',
};

describe('DetailsForm', () => {
  it('checks names and the phone number before sending', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<DetailsForm initial={initial} onSaved={() => {}} />, { client });
    await user.clear(screen.getByLabelText('First name'));
    await user.type(screen.getByLabelText('Phone'), 'call me');
    await user.click(screen.getByRole('button', { name: 'Save my details' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There are 2 problems');
    expect(screen.getByLabelText('First name')).toHaveAccessibleDescription('Enter your first name.');
    expect(screen.getByLabelText('Phone')).toHaveAccessibleDescription('Enter a phone number like +7 701 234 56 78.');
    expect(calls.some((c) => c.name === 'UpdateMyProfile')).toBe(false);
  });

  it('sends the details with the languages in a fixed order and says they are saved', async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    const { client, calls } = mockClient({
      UpdateMyProfile: { data: { updateMyProfile: null } },
    });
    renderWithApp(<DetailsForm initial={initial} onSaved={onSaved} />, { client });
    const langs = screen.getByRole('group', { name: 'Languages' });
    await user.click(within(langs).getByRole('checkbox', { name: 'English' }));
    await user.click(within(langs).getByRole('checkbox', { name: 'Русский' }));
    await user.type(screen.getByLabelText('Telegram'), '@baurzhan');
    await user.click(screen.getByRole('button', { name: 'Save my details' }));
    await waitFor(() => expect(announcer()).toHaveTextContent('Your details are saved.'));
    expect(onSaved).toHaveBeenCalledOnce();
    expect(calls.find((c) => c.name === 'UpdateMyProfile')!.variables).toEqual({
      input: {
        givenName: 'Бауыржан',
        familyName: 'Құрманов',
        city: 'Almaty',
        bio: 'Кітап оқығанды жақсы көремін.',
        languages: ['kk', 'ru', 'en'],
        contact: { email: '', phone: '', telegram: '@baurzhan' },
      },
    });
  });

  it('puts a server error on the field it names', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      UpdateMyProfile: {
        errors: [
          { message: 'contact.telegram: must be at most 64 characters', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      },
    });
    renderWithApp(<DetailsForm initial={initial} onSaved={() => {}} />, { client });
    await user.click(screen.getByRole('button', { name: 'Save my details' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('must be at most 64 characters');
    expect(screen.getByLabelText('Telegram')).toHaveAttribute('aria-invalid', 'true');
  });
});
