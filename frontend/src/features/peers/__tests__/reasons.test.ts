import i18n from 'i18next';
import { describe, expect, it } from 'vitest';
import { phraseReasons, season, type Reason } from '../reasons';

const tagOf = (slug: string, en: string, ru: string, kk: string) => ({ slug, labelEn: en, labelRu: ru, labelKk: kk });

const reasons: Reason[] = [
  { kind: 'SHARED_COHORT', cohort: { startDate: '2023-04-17T00:00:00Z' } },
  { kind: 'SHARED_ACTIVITY', activity: tagOf('singing', 'Singing', 'Пение', 'Ән салу') },
  { kind: 'SHARED_INTEREST', interest: tagOf('theatre', 'Theatre', 'Театр', 'Театр') },
  { kind: 'SHARED_INTEREST', interest: tagOf('it', 'IT', 'ИТ', 'ИТ') },
  { kind: 'SAME_CITY', city: 'Almaty' },
  { kind: 'LOOKING_FOR', lookingFor: 'FRIENDS' },
];

function phrase(lang: 'en' | 'ru' | 'kk', list = reasons) {
  return phraseReasons(list, lang, i18n.getFixedT(lang));
}

describe('suggestion reasons', () => {
  it('says them in English, shared interests together', () => {
    expect(phrase('en')).toBe(
      'You were both on the 2023 spring course; you both sing; you are both interested in theatre and IT; you both live in Almaty; you both want to make friends.',
    );
  });

  it('says them in Russian', () => {
    expect(phrase('ru')).toBe(
      'Вы оба были на весеннем курсе 2023 года; вы оба поёте; вас обоих интересует: театр и ИТ; вы оба живёте в городе Almaty; вы оба хотите найти друзей.',
    );
  });

  it('says them in Kazakh', () => {
    expect(phrase('kk')).toMatch(/^Екеуіңіз де 2023 жылғы көктемгі курста болдыңыздар; екеуіңіз де ән саласыз; /);
    expect(phrase('kk')).toMatch(/екеуіңіз де Almaty қаласында тұрасыз; екеуіңіз де дос тапқыңыз келеді\.$/);
  });

  it('uses a general phrase for an activity without a verb of its own', () => {
    const other: Reason[] = [
      { kind: 'SHARED_ACTIVITY', activity: tagOf('chess-club', 'Chess club', 'Шахматы', 'Шахмат') },
    ];
    expect(phrase('en', other)).toBe('You both took up chess club.');
    expect(phrase('ru', other)).toBe('Вы оба выбрали занятия: шахматы.');
  });

  it('leaves out reasons it cannot say, and says nothing without reasons', () => {
    expect(
      phrase('en', [
        { kind: 'LOOKING_FOR', lookingFor: 'SOMETHING_NEW' },
        { kind: 'SAME_CITY', city: null },
      ]),
    ).toBe('');
    expect(phrase('en', [])).toBe('');
  });

  it('finds the season in Almaty time', () => {
    expect(season('2023-04-17T00:00:00Z')).toBe('spring');
    expect(season('2023-10-09T00:00:00Z')).toBe('autumn');
    expect(season('2023-08-31T20:00:00Z')).toBe('autumn'); // 1 September in Almaty
    expect(season('2024-01-15T00:00:00Z')).toBe('winter');
    expect(season('2024-07-01T00:00:00Z')).toBe('summer');
  });
});
