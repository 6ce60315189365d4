import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PeopleFilterFields } from '../../../components/ui/PeopleFilterFields';
import { SelectField, TextField } from '../../../components/ui/fields';
import { languageNames, languages } from '../../../lib/i18n/languages';
import { type Labelled } from '../../../lib/tags';
import { lookingForCodes } from '../../peers';
import { activeFilters, emptySearch, maxQueryLength, type SearchState } from '../filters';

interface SearchFormProps {
  value: SearchState;
  onSearch: (s: SearchState) => void;
  activities: Array<Labelled & { id: string }>;
  interests: Array<Labelled & { id: string }>;
  years: number[];
  cities: string[];
}

/**
 * One box for names, cities, interests and activities (in Cyrillic or Latin
 * letters), and filters that narrow the search. Nothing is searched until the
 * person presses "Search".
 */
export function SearchForm({ value, onSearch, activities, interests, years, cities }: SearchFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const on = activeFilters(draft);
  const [open, setOpen] = useState(activeFilters(value) > 0);

  const set = (k: keyof SearchState) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch({ ...draft, q: draft.q.slice(0, maxQueryLength) });
  }

  function clear() {
    setDraft(emptySearch);
    onSearch(emptySearch);
  }

  return (
    <form className="filters search-form" role="search" aria-label={t('search.formLabel')} onSubmit={submit}>
      <TextField
        id="search-q"
        type="search"
        label={t('search.query')}
        hint={t('search.queryHint')}
        name="q"
        value={draft.q}
        onChange={set('q')}
        autoComplete="off"
      />
      <details className="disclosure" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{on > 0 ? t('search.filtersOn', { count: on }) : t('search.filters')}</summary>
        <div className="filter-fields">
          <PeopleFilterFields
            value={draft}
            onChange={(k, v) => setDraft((d) => ({ ...d, [k]: v }))}
            activities={activities}
            interests={interests}
            years={years}
            cities={cities}
          />
          <SelectField
            label={t('search.language')}
            name="language"
            value={draft.language}
            onChange={set('language')}
            emptyLabel={t('search.anyLanguage')}
            options={languages.map((l) => ({ value: l, label: languageNames[l], lang: l }))}
          />
          <SelectField
            label={t('search.lookingFor')}
            name="lookingFor"
            value={draft.lookingFor}
            onChange={set('lookingFor')}
            emptyLabel={t('search.anything')}
            options={lookingForCodes.map((c) => ({ value: c, label: t(`lookingFor.${c}`) }))}
          />
        </div>
      </details>
      <div className="button-row">
        <button type="submit" className="button primary">
          {t('search.submit')}
        </button>
        <button type="button" className="button secondary" onClick={clear}>
          {t('search.clear')}
        </button>
      </div>
    </form>
  );
}
