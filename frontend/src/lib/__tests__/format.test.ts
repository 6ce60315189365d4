import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { formatDate, formatDateRange, formatKZT, yearOf } from '../format';

describe('formatting in the reader’s language', () => {
  it('shows tenge with the ₸ sign and local grouping', () => {
    expect(formatKZT(1500000, 'ru')).toMatch(/^1\s500\s000\s₸$/);
    expect(formatKZT(1500000, 'kk')).toMatch(/^1\s500\s000\s₸$/);
    expect(formatKZT(1500000, 'en')).toBe('₸1,500,000');
  });

  it('writes dates with month names of the language', () => {
    expect(formatDate('2024-06-03T00:00:00+05:00', 'ru')).toContain('июня');
    expect(formatDate('2024-06-03T00:00:00+05:00', 'kk')).toContain('маусым');
    expect(formatDate('2024-06-03T00:00:00+05:00', 'en')).toBe('3 June 2024');
    expect(formatDateRange('2024-06-03T00:00:00+05:00', '2024-06-09T00:00:00+05:00', 'en')).toMatch(
      /3\s?–\s?9 June 2024/,
    );
  });

  it('takes the year in Almaty time', () => {
    expect(yearOf('2023-12-31T20:00:00Z')).toBe(2024);
  });
});

describe('plural rules per language', () => {
  it('Russian uses one, few and many', async () => {
    await i18n.changeLanguage('ru');
    expect(i18n.t('courses.count', { count: 1 })).toBe('1 курс');
    expect(i18n.t('courses.count', { count: 3 })).toBe('3 курса');
    expect(i18n.t('courses.count', { count: 5 })).toBe('5 курсов');
    expect(i18n.t('courses.count', { count: 21 })).toBe('21 курс');
    expect(i18n.t('directory.found', { count: 1234 })).toMatch(/^Найдено 1\s234 человека$/);
  });

  it('Kazakh keeps the noun singular after a number', async () => {
    await i18n.changeLanguage('kk');
    expect(i18n.t('courses.count', { count: 1 })).toBe('1 курс');
    expect(i18n.t('courses.count', { count: 7 })).toBe('7 курс');
  });

  it('English has one and other', async () => {
    await i18n.changeLanguage('en');
    expect(i18n.t('directory.found', { count: 1 })).toBe('1 person found');
    expect(i18n.t('directory.found', { count: 2 })).toBe('2 people found');
  });
});
