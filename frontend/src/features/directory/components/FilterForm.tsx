import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField, type Option } from '../../../components/ui/fields';
import { useLanguage } from '../../../lib/i18n';
import { tagLabel, type Labelled } from '../../../lib/tags';
import { emptyFilters, type DirectoryFilters } from '../filters';

interface FilterFormProps {
  value: DirectoryFilters;
  onApply: (f: DirectoryFilters) => void;
  activities: Array<Labelled & { id: string }>;
  interests: Array<Labelled & { id: string }>;
  years: number[];
  cities: string[];
}

/**
 * The directory's filters. Changes take effect when the person presses
 * "Show people", so nothing moves while they are still choosing.
 */
export function FilterForm({ value, onApply, activities, interests, years, cities }: FilterFormProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [draft, setDraft] = useState(value);
  const listId = `cities${useId().replace(/:/g, '')}`;
  useEffect(() => setDraft(value), [value]);

  const byLabel = (tags: Array<Labelled & { id: string }>): Option[] =>
    tags
      .map((tag) => ({ value: tag.id, label: tagLabel(tag, lang) }))
      .sort((a, b) => a.label.localeCompare(b.label, lang));
  const activityOptions = useMemo(() => byLabel(activities), [activities, lang]); // eslint-disable-line react-hooks/exhaustive-deps
  const interestOptions = useMemo(() => byLabel(interests), [interests, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft);
  }

  function clear() {
    setDraft(emptyFilters);
    onApply(emptyFilters);
  }

  const set = (k: keyof DirectoryFilters) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <form className="filters" role="search" aria-label={t('directory.filters.label')} onSubmit={submit}>
      <div className="filter-fields">
        <div>
          <TextField
            label={t('directory.filters.city')}
            name="city"
            value={draft.city}
            onChange={set('city')}
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
          value={draft.year}
          onChange={set('year')}
          emptyLabel={t('directory.filters.anyYear')}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <SelectField
          label={t('directory.filters.activity')}
          name="activity"
          value={draft.activity}
          onChange={set('activity')}
          emptyLabel={t('directory.filters.anyActivity')}
          options={activityOptions}
        />
        <SelectField
          label={t('directory.filters.interest')}
          name="interest"
          value={draft.interest}
          onChange={set('interest')}
          emptyLabel={t('directory.filters.anyInterest')}
          options={interestOptions}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button primary">
          {t('directory.filters.apply')}
        </button>
        <button type="button" className="button secondary" onClick={clear}>
          {t('directory.filters.clear')}
        </button>
      </div>
    </form>
  );
}
