import type { PeerReasonKind } from '../../gql/graphql';
import { intlLocale, type Language } from '../../lib/i18n/languages';
import { tagLabel, type Labelled } from '../../lib/tags';

/** A reason for a suggestion, as the API gives it: the field its kind names is set. */
export interface Reason {
  kind: PeerReasonKind;
  city?: string | null;
  lookingFor?: string | null;
  cohort?: { startDate: string } | null;
  activity?: (Labelled & { slug: string }) | null;
  interest?: (Labelled & { slug: string }) | null;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** Activities with a verb of their own ("you both sing"); others get a general phrase. */
export const activityVerbs = [
  'art-therapy',
  'dance',
  'singing',
  'cooking',
  'fitness',
  'sign-language',
  'computer-literacy',
] as const;

export const lookingForCodes = [
  'FRIENDS',
  'STUDY',
  'WORK',
  'SPORT',
  'CREATIVITY',
  'VOLUNTEERING',
  'MENTORING',
] as const;

/** The season a course started in, in Almaty. */
export function season(startDate: string): 'spring' | 'summer' | 'autumn' | 'winter' {
  const month = Number(
    new Intl.DateTimeFormat('en', { month: 'numeric', timeZone: 'Asia/Almaty' }).format(new Date(startDate)),
  );
  if (month >= 3 && month <= 5) return 'spring';
  if (month >= 6 && month <= 8) return 'summer';
  if (month >= 9 && month <= 11) return 'autumn';
  return 'winter';
}

function courseYear(startDate: string): number {
  return Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Almaty' }).format(new Date(startDate)),
  );
}

/** A tag's label inside a sentence: "Theatre" becomes "theatre", "IT" stays. */
function inSentence(label: string, lang: Language): string {
  const chars = [...label];
  const [first, second] = chars;
  if (!first) return label;
  const upper = (c: string) => c !== c.toLocaleLowerCase(intlLocale[lang]);
  if (second && upper(second)) return label; // an abbreviation
  return first.toLocaleLowerCase(intlLocale[lang]) + label.slice(first.length);
}

function list(items: string[], lang: Language): string {
  return new Intl.ListFormat(intlLocale[lang], { style: 'long', type: 'conjunction' }).format(items);
}

function capitalize(s: string, lang: Language): string {
  const [first] = [...s];
  return first ? first.toLocaleUpperCase(intlLocale[lang]) + s.slice(first.length) : s;
}

/**
 * The reasons of a suggestion as one sentence in the reader's language:
 * "You were both on the 2023 spring course; you both sing." Shared interests
 * are said together; activities with a verb of their own use it.
 */
export function phraseReasons(reasons: readonly Reason[], lang: Language, t: T): string {
  // Grouped phrases take the place of their first reason: the API puts the
  // strongest reasons first.
  const parts: Array<string | 'activities' | 'interests'> = [];
  const interests: string[] = [];
  const otherActivities: string[] = [];
  const group = (slot: 'activities' | 'interests', items: string[], label: string) => {
    if (items.length === 0) parts.push(slot);
    items.push(label);
  };
  for (const r of reasons) {
    switch (r.kind) {
      case 'SHARED_COHORT':
        if (r.cohort)
          parts.push(
            t('reasons.cohort', {
              year: courseYear(r.cohort.startDate),
              season: t(`reasons.season.${season(r.cohort.startDate)}`),
            }),
          );
        break;
      case 'SHARED_ACTIVITY':
        if (!r.activity) break;
        if ((activityVerbs as readonly string[]).includes(r.activity.slug))
          parts.push(t(`reasons.activity.${r.activity.slug}`));
        else group('activities', otherActivities, inSentence(tagLabel(r.activity, lang), lang));
        break;
      case 'SHARED_INTEREST':
        if (r.interest) group('interests', interests, inSentence(tagLabel(r.interest, lang), lang));
        break;
      case 'SAME_CITY':
        if (r.city) parts.push(t('reasons.city', { city: r.city }));
        break;
      case 'LOOKING_FOR':
        if (r.lookingFor && (lookingForCodes as readonly string[]).includes(r.lookingFor))
          parts.push(t(`reasons.lookingFor.${r.lookingFor}`));
        break;
    }
  }
  const phrases = parts.map((p) =>
    p === 'activities'
      ? t('reasons.activities', { list: list(otherActivities, lang) })
      : p === 'interests'
        ? t('reasons.interests', { list: list(interests, lang) })
        : p,
  );
  if (phrases.length === 0) return '';
  return `${capitalize(phrases.join('; '), lang)}.`;
}
