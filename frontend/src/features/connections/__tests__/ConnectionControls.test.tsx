import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { announcer, mockClient, renderWithApp } from '../../../test/utils';
import { ConnectionControls } from '../components/ConnectionControls';

const person = { id: 'p7', givenName: 'Жанар', familyName: 'Ержанова' };
const name = 'Жанар Ержанова';

const connection = (status: string, direction: 'INCOMING' | 'OUTGOING', message = '') => ({
  __typename: 'Connection' as const,
  id: 'c1',
  status: status as 'PENDING',
  direction,
  message,
  createdAt: '2026-11-13T10:00:00Z',
  respondedAt: null,
  requesterID: direction === 'OUTGOING' ? 'me' : 'p7',
  addresseeID: direction === 'OUTGOING' ? 'p7' : 'me',
});

const saved = (field: string, status: string) => ({
  data: { [field]: { ...connection(status, 'INCOMING'), status } },
});

describe('ConnectionControls', () => {
  it('offers to connect, with a message, in a dialog that keeps and returns focus', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({ RequestConnection: saved('requestConnection', 'PENDING') });
    renderWithApp(<ConnectionControls person={person} connection={null} />, { client });
    const connect = screen.getByRole('button', { name: `Connect with ${name}` });
    expect(connect).toHaveTextContent(/^Connect$/);

    await user.click(connect);
    const dialog = screen.getByRole('dialog', { name: `Connect with ${name}` });
    const message = screen.getByLabelText('Message (optional)');
    expect(message).toHaveFocus();
    // Tab goes round inside the dialog
    await user.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(message).toHaveFocus();
    // Escape closes it and focus goes back
    await user.keyboard('{Escape}');
    expect(dialog).not.toBeInTheDocument();
    expect(connect).toHaveFocus();

    await user.click(connect);
    await user.type(screen.getByLabelText('Message (optional)'), '  We met on the course.  ');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.find((c) => c.name === 'RequestConnection')!.variables).toEqual({
      personID: 'p7',
      message: 'We met on the course.',
    });
    await waitFor(() => expect(announcer()).toHaveTextContent(`Request sent to ${name}.`));
  });

  it('refuses a message that is too long without sending it', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({});
    renderWithApp(<ConnectionControls person={person} connection={null} />, { client });
    await user.click(screen.getByRole('button', { name: `Connect with ${name}` }));
    const message = screen.getByLabelText('Message (optional)');
    await user.click(message);
    await user.paste('x'.repeat(501));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(message).toHaveAttribute('aria-invalid', 'true');
    expect(message).toHaveAccessibleDescription(/Please shorten the message to 500 characters\./);
    expect(calls.some((c) => c.name === 'RequestConnection')).toBe(false);
  });

  it('shows the server’s refusal in the dialog', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      RequestConnection: {
        errors: [
          {
            message: 'this person did not accept your earlier request, so you cannot ask again',
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
    renderWithApp(<ConnectionControls person={person} connection={null} />, { client });
    await user.click(screen.getByRole('button', { name: `Connect with ${name}` }));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('you cannot ask again');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('says a refusal with a known reason in the viewer’s words', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      RequestConnection: {
        errors: [
          {
            message: 'you are already connected with this person',
            extensions: { code: 'BAD_USER_INPUT', reason: 'ALREADY_CONNECTED' },
          },
        ],
      },
    });
    renderWithApp(<ConnectionControls person={person} connection={null} />, { client });
    await user.click(screen.getByRole('button', { name: `Connect with ${name}` }));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`You and ${name} are already connected.`);
  });

  it('says why an answer was refused, beside the buttons', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      AcceptConnection: {
        errors: [
          {
            message: 'this request is no longer waiting for an answer',
            extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_PENDING' },
          },
        ],
      },
    });
    renderWithApp(<ConnectionControls person={person} connection={connection('PENDING', 'INCOMING')} />, { client });
    await user.click(screen.getByRole('button', { name: `Accept request from ${name}` }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This request is no longer waiting for an answer. Reload the page to see what has changed.',
    );
    await waitFor(() => expect(announcer()).toHaveTextContent('This request is no longer waiting for an answer.'));
  });

  it('lets the viewer withdraw a request they sent', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({ WithdrawConnection: saved('withdrawConnection', 'WITHDRAWN') });
    renderWithApp(<ConnectionControls person={person} connection={connection('PENDING', 'OUTGOING')} />, { client });
    expect(screen.getByText(`You asked ${name} to connect. The request is waiting for an answer.`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Connect/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Withdraw request to ${name}` }));
    await waitFor(() => expect(announcer()).toHaveTextContent(`Your request to ${name} is withdrawn.`));
    expect(calls.find((c) => c.name === 'WithdrawConnection')!.variables).toEqual({ id: 'c1' });
  });

  it('lets the viewer answer a request sent to them, and shows its message', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({ AcceptConnection: saved('acceptConnection', 'ACCEPTED') });
    renderWithApp(<ConnectionControls person={person} connection={connection('PENDING', 'INCOMING', 'Сәлем!')} />, {
      client,
    });
    expect(screen.getByText(`${name} asked to connect with you.`)).toBeInTheDocument();
    expect(screen.getByText('Сәлем!')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Decline request from ${name}` })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Accept request from ${name}` }));
    await waitFor(() => expect(announcer()).toHaveTextContent(`You and ${name} are now connected.`));
    expect(calls.find((c) => c.name === 'AcceptConnection')!.variables).toEqual({ id: 'c1' });
  });

  it('says who is connected, and that a declined request cannot be repeated', () => {
    const { rerender } = renderWithApp(
      <ConnectionControls person={person} connection={connection('ACCEPTED', 'OUTGOING')} />,
    );
    expect(screen.getByText(`You and ${name} are connected.`)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See my connections' })).toHaveAttribute('href', '/connections');
    rerender(<ConnectionControls person={person} connection={connection('DECLINED', 'OUTGOING')} />);
    expect(screen.getByText(`${name} did not accept your request.`)).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('asks before blocking, starting on Cancel', async () => {
    const user = userEvent.setup();
    const { client, calls } = mockClient({ BlockPerson: { data: { blockPerson: true } } });
    renderWithApp(<ConnectionControls person={person} connection={null} withBlock />, { client });
    const block = screen.getByRole('button', { name: `Block ${name}` });
    await user.click(block);
    const confirm = screen.getByRole('alertdialog', { name: `Block ${name}?` });
    expect(confirm).toHaveAccessibleDescription(/will no longer see or find you/);
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.name === 'BlockPerson')).toBe(false);
    expect(block).toHaveFocus();

    await user.click(block);
    await user.click(screen.getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(calls.find((c) => c.name === 'BlockPerson')!.variables).toEqual({ personID: 'p7' });
    await waitFor(() => expect(announcer()).toHaveTextContent(`You blocked ${name}.`));
  });
});

describe('ConnectionControls and consent', () => {
  it('offers no Connect button to a person who takes no requests, and says so', () => {
    renderWithApp(<ConnectionControls person={person} connection={null} acceptsRequests={false} />);
    expect(screen.queryByRole('button', { name: `Connect with ${name}` })).not.toBeInTheDocument();
    expect(screen.getByText(`${name} does not take connection requests at the moment.`)).toBeVisible();
  });

  it('still lets them answer a request they received', () => {
    renderWithApp(
      <ConnectionControls person={person} connection={connection('PENDING', 'INCOMING')} acceptsRequests={false} />,
    );
    expect(screen.getByRole('button', { name: `Accept request from ${name}` })).toBeInTheDocument();
  });

  it('says in the viewer’s words why the request was refused', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      RequestConnection: {
        errors: [
          {
            message: 'this person does not take connection requests',
            extensions: { code: 'BAD_USER_INPUT', reason: 'PEER_CONTACT_NOT_GRANTED' },
          },
        ],
      },
    });
    renderWithApp(<ConnectionControls person={person} connection={null} />, { client });
    await user.click(screen.getByRole('button', { name: `Connect with ${name}` }));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `${name} does not take connection requests at the moment.`,
    );
    expect(screen.queryByRole('link', { name: 'Open “My consents”' })).not.toBeInTheDocument();
  });

  it('sends a viewer who has not allowed requests to their consents', async () => {
    const user = userEvent.setup();
    const { client } = mockClient({
      RequestConnection: {
        errors: [
          {
            message: 'to ask people to connect, first let others ask you',
            extensions: { code: 'BAD_USER_INPUT', reason: 'REQUESTER_PEER_CONTACT_NOT_GRANTED' },
          },
        ],
      },
    });
    renderWithApp(<ConnectionControls person={person} connection={null} />, { client });
    await user.click(screen.getByRole('button', { name: `Connect with ${name}` }));
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/first let other graduates ask you/);
    expect(screen.getByRole('link', { name: 'Open “My consents”' })).toHaveAttribute('href', '/account');
  });
});
