import { CombinedError } from '@urql/core';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { connectionRefusal, refusalReason, refusalReasons } from '../refusal';

const refused = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] });

const name = 'Жанар Ержанова';

describe('connection refusals', () => {
  it('reads the reason the server gives', () => {
    expect(refusalReason(refused('x', { code: 'BAD_USER_INPUT', reason: 'PEER_CONTACT_NOT_GRANTED' }))).toBe(
      'PEER_CONTACT_NOT_GRANTED',
    );
    expect(refusalReason(refused('x', { code: 'BAD_USER_INPUT', reason: 'SOMETHING_NEW' }))).toBeNull();
    expect(refusalReason(refused('x', { code: 'BAD_USER_INPUT' }))).toBeNull();
  });

  it('says each reason in every language, in its own words', () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const t = i18n.getFixedT(lang);
      const said = new Set<string>();
      for (const reason of refusalReasons) {
        const r = connectionRefusal(refused('server words', { code: 'BAD_USER_INPUT', reason }), name, t);
        expect(r.reason).toBe(reason);
        expect(r.message).not.toBe('server words');
        expect(r.message).not.toContain('connections.refused');
        said.add(r.message);
      }
      expect(said.size).toBe(refusalReasons.length);
    }
  });

  it('names the person who takes no requests, and tells the viewer where to allow requests', () => {
    const en = i18n.getFixedT('en');
    const ru = i18n.getFixedT('ru');
    const kk = i18n.getFixedT('kk');
    const peer = refused('this person does not take connection requests', {
      code: 'BAD_USER_INPUT',
      reason: 'PEER_CONTACT_NOT_GRANTED',
    });
    expect(connectionRefusal(peer, name, en).message).toBe(`${name} does not take connection requests at the moment.`);
    expect(connectionRefusal(peer, name, ru).message).toBe(`${name} сейчас не принимает запросы на связь.`);
    expect(connectionRefusal(peer, name, kk).message).toBe(`${name} қазір байланысу сұрауларын қабылдамайды.`);
    const own = refused('to ask people to connect, first let others ask you', {
      code: 'BAD_USER_INPUT',
      reason: 'REQUESTER_PEER_CONTACT_NOT_GRANTED',
    });
    expect(connectionRefusal(own, name, en).message).toMatch(/in “My consents”, turn on “Other graduates may ask/);
    expect(connectionRefusal(own, name, ru).message).toMatch(/«Мои согласия»/);
    expect(connectionRefusal(own, name, kk).message).toMatch(/«Менің келісімдерім»/);
  });

  it('keeps the server’s sentence for other refusals, and the general message for other codes', () => {
    const t = i18n.getFixedT('en');
    expect(
      connectionRefusal(refused('you are already connected with this person', { code: 'BAD_USER_INPUT' }), name, t),
    ).toEqual({ message: 'you are already connected with this person', reason: null });
    expect(connectionRefusal(refused('not found: no such person', { code: 'NOT_FOUND' }), name, t).message).toBe(
      'We could not find this.',
    );
  });
});
