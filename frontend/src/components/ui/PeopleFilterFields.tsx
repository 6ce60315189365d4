import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../lib/i18n';
import { tagLabel, type Labelled } from '../../lib/tags';
import { SelectField, TextField, type Option } from './fields';

/** The values of the people filters shared by the directory and search. */
export interface PeopleFilterValues {
  city: string;
  year: string;
  activity: string;
  interest: string;
}

interface PeopleFilterFieldsProps {
  value: PeopleFilterValues;
  onChange: (field: keyof PeopleFilterValues, value: string) => void;
  activities: Array<Labelled & { id: string }>;
  interests: Array<Labelled & { id: string }>;
  years: number[];
  cities: string[];
}

/**
 * City (with suggestions), course year, activity and interest: the filters
 * of people that the directory and the search page both offer. Tags are
 * named and sorted in the reader's language.
 */
export function PeopleFilterFields({ value, onChange, activities, interests, years, cities }: PeopleFilterFieldsProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const listId = `cities${useId().replace(/:/g, '')}`;
  const byLabel = (tags: Array<Labelled & { id: string }>): Option[] =>
    tags
      .map((tag) => ({ value: tag.id, label: tagLabel(tag, lang) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
  const activityOptions = useMemo(() => byLabel(activities), [activities, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const interestOptions = useMemo(() => byLabel(interests), [interests, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <div>
        <TextField
          label={t('directory.filters.city')}
          name="city"
          value={value.city}
          onChange={(v) => onChange('city', v)}
          list={listId}
          autoComplete="off"
        />
        <datalist id={listId}>
          {cities.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <SelectField
        label={t('directory.filters.year')}
        name="year"
        value={value.year}
        onChange={(v) => onChange('year', v)}
        emptyLabel={t('directory.filters.anyYear')}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
      />
      <SelectField
        label={t('directory.filters.activity')}
        name="activity"
        value={value.activity}
        onChange={(v) => onChange('activity', v)}
        emptyLabel={t('directory.filters.anyActivity')}
        options={activityOptions}
      />
      <SelectField
        label={t('directory.filters.interest')}
        name="interest"
        value={value.interest}
        onChange={(v) => onChange('interest', v)}
        emptyLabel={t('directory.filters.anyInterest')}
        options={interestOptions}
      />
    </>
  );
}
