import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PeopleFilterFields } from '../../../components/ui/PeopleFilterFields';
import { type Labelled } from '../../../lib/tags';
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
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(draft);
  }

  function clear() {
    setDraft(emptyFilters);
    onApply(emptyFilters);
  }

  const set = (k: keyof DirectoryFilters, v: string) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <form className="filters" role="search" aria-label={t('directory.filters.label')} onSubmit={submit}>
      <div className="filter-fields">
        <PeopleFilterFields
          value={draft}
          onChange={set}
          activities={activities}
          interests={interests}
          years={years}
          cities={cities}
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
