import { screen } from '@testing-library/react';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { mockClient, renderWithApp } from '../../../test/utils';
import { PendingRequestsLink } from '../components/PendingRequestsLink';

const viewer = (role: string) => ({
  data: {
    viewer: {
      __typename: 'Account',
      id: 'a1',
      email: 'member@birge.example',
      role,
      locale: 'en',
      person: { __typename: 'Person', id: 'p1', givenName: 'Бауыржан', familyName: 'Құрманов' },
      organization: null,
    },
  },
});

function renderLink(count: number, role = 'MEMBER') {
  const { client } = mockClient({
    Viewer: viewer(role),
    PendingRequestCount: { data: { pendingRequestCount: count } },
  });
  return renderWithApp(
    <ul>
      <PendingRequestsLink />
    </ul>,
    { client },
  );
}

describe('PendingRequestsLink', () => {
  it('names the number of requests waiting, with the right plural', async () => {
    renderLink(1);
    expect(await screen.findByRole('link', { name: 'Connections 1 request waiting' })).toHaveAttribute(
      'href',
      '/connections',
    );
  });

  it('uses Russian plural forms', async () => {
    await i18n.changeLanguage('ru');
    const { unmount } = renderLink(3);
    expect(await screen.findByRole('link', { name: 'Связи 3 запроса ждут ответа' })).toBeInTheDocument();
    unmount();
    renderLink(5);
    expect(await screen.findByRole('link', { name: 'Связи 5 запросов ждут ответа' })).toBeInTheDocument();
  });

  it('is a plain link when nothing waits, and absent for partners', async () => {
    const { unmount } = renderLink(0);
    expect(await screen.findByRole('link', { name: 'Connections' })).toBeInTheDocument();
    unmount();
    renderLink(2, 'PARTNER');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
