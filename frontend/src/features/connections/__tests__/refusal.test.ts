/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CombinedError } from '@urql/core';
import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../../lib/i18n/locales/en';
import { kk } from '../../../lib/i18n/locales/kk';
import { ru } from '../../../lib/i18n/locales/ru';
import { connectionRefusal, refusalReason, refusalReasons } from '../refusal';

const refused = (message: string, extensions: Record<string, unknown>) =>
  new CombinedError({ graphQLErrors: [{ message, extensions }] });

const name = 'Жанар Ержанова';
const languages = ['en', 'ru', 'kk'] as const;

/** The Reason constants of package connections, read from its source. */
function goReasons(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = readFileSync(resolve(here, '../../../../../connections/connections.go'), 'utf8');
  return [...source.matchAll(/^\s*Reason\w+\s*=\s*"([^"]*)"/gm)].map((m) => m[1]!);
}

describe('connection refusals', () => {
  it('knows every reason the server gives, and has a message for each in every catalog', () => {
    const server = goReasons();
    expect(server.length).toBeGreaterThanOrEqual(16);
    expect([...refusalReasons].sort()).toEqual([...server].sort());
    for (const [lang, catalog] of Object.entries({ en, kk, ru })) {
      const messages: Record<string, string> = catalog.connections.refused;
      for (const reason of server) {
        const said = messages[reason] ?? messages[`${reason}_other`];
        expect({ lang, reason, said: typeof said === 'string' && said.trim() !== '' }).toEqual({
          lang,
          reason,
          said: true,
        });
      }
    }
  });

  it('reads the reason the server gives', () => {
    for (const reason of refusalReasons)
      expect(refusalReason(refused('x', { code: 'BAD_USER_INPUT', reason }))).toBe(reason);
    expect(refusalReason(refused('x', { code: 'BAD_USER_INPUT', reason: 'SOMETHING_NEW' }))).toBeNull();
    expect(refusalReason(refused('x', { code: 'BAD_USER_INPUT' }))).toBeNull();
  });

  it('says each reason in every language, in its own words', () => {
    for (const lang of languages) {
      const t = i18n.getFixedT(lang);
      const said = new Set<string>();
      for (const reason of refusalReasons) {
        const r = connectionRefusal(refused('server words', { code: 'BAD_USER_INPUT', reason }), name, t);
        expect(r.reason).toBe(reason);
        expect(r.message).not.toBe('server words');
        expect(r.message).not.toContain('connections.refused');
        expect(r.message).not.toContain('{{');
        said.add(r.message);
      }
      expect(said.size).toBe(refusalReasons.length);
    }
  });

  it('names the person where the message is about them', () => {
    const about: Record<string, string> = en.connections.refused;
    for (const lang of languages) {
      const t = i18n.getFixedT(lang);
      for (const reason of refusalReasons) {
        const template = about[reason] ?? about[`${reason}_other`] ?? '';
        const { message } = connectionRefusal(refused('x', { code: 'BAD_USER_INPUT', reason }), name, t);
        expect({ lang, reason, named: message.includes(name) }).toEqual({
          lang,
          reason,
          named: template.includes('{{name}}'),
        });
      }
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

  it('says the refusals of the state machine in the viewer’s language', () => {
    const say = (reason: string, lang: (typeof languages)[number]) =>
      connectionRefusal(refused('server words', { code: 'BAD_USER_INPUT', reason }), name, i18n.getFixedT(lang))
        .message;
    expect(say('SELF_REQUEST', 'en')).toBe('You cannot send a connection request to yourself.');
    expect(say('SELF_REQUEST', 'ru')).toBe('Нельзя отправить запрос на связь самому себе.');
    expect(say('SELF_REQUEST', 'kk')).toBe('Өзіңізге байланысу сұрауын жіберуге болмайды.');
    expect(say('ALREADY_REQUESTED', 'en')).toBe(
      `You have already asked ${name} to connect. The request is waiting for an answer.`,
    );
    expect(say('ALREADY_REQUESTED', 'ru')).toBe(`Вы уже отправили запрос (${name}). Он ждёт ответа.`);
    expect(say('ALREADY_REQUESTED', 'kk')).toBe(`Сіз сұрауды бұрын жібергенсіз (${name}). Ол әлі жауап күтуде.`);
    expect(say('NOT_PENDING', 'en')).toMatch(/^This request is no longer waiting for an answer\./);
    expect(say('NOT_PENDING', 'ru')).toMatch(/^Этот запрос уже не ждёт ответа\./);
    expect(say('NOT_PENDING', 'kk')).toMatch(/^Бұл сұрау енді жауап күтпейді\./);
    // The limit, with the plural form each language needs (Russian: "до 500 знаков").
    expect(say('MESSAGE_TOO_LONG', 'en')).toBe('The message is too long. Please shorten it to 500 characters.');
    expect(say('MESSAGE_TOO_LONG', 'ru')).toBe('Сообщение слишком длинное. Сократите его до 500 знаков.');
    expect(say('MESSAGE_TOO_LONG', 'kk')).toBe('Хабарлама тым ұзын. Оны 500 таңбаға дейін қысқартыңыз.');
  });

  it('keeps the server’s sentence for unknown or missing reasons, and the general message for other codes', () => {
    for (const lang of languages) {
      const t = i18n.getFixedT(lang);
      expect(
        connectionRefusal(refused('you are already connected with this person', { code: 'BAD_USER_INPUT' }), name, t),
      ).toEqual({ message: 'you are already connected with this person', reason: null });
      expect(
        connectionRefusal(
          refused('a refusal this client does not know yet', { code: 'BAD_USER_INPUT', reason: 'SOMETHING_NEW' }),
          name,
          t,
        ),
      ).toEqual({ message: 'a refusal this client does not know yet', reason: null });
    }
    const t = i18n.getFixedT('en');
    expect(connectionRefusal(refused('not found: no such person', { code: 'NOT_FOUND' }), name, t).message).toBe(
      'We could not find this.',
    );
    expect(
      connectionRefusal(refused('only people in the directory can connect', { code: 'FORBIDDEN' }), name, t).message,
    ).toBe('You do not have access to this page.');
  });
});
