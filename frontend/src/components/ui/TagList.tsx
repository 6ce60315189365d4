import { useLanguage } from '../../lib/i18n';
import { tagLabel, type Labelled } from '../../lib/tags';

/** A list of activity or interest tags in the reader's language. */
export function TagList({ tags, label }: { tags: Array<Labelled & { id: string }>; label: string }) {
  const lang = useLanguage();
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag.id}>{tagLabel(tag, lang)}</li>
      ))}
    </ul>
  );
}
