import { useTranslation } from 'react-i18next';

interface PaginationProps {
  page: number;
  pageCount: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** Names the list being paged, e.g. "People pages". */
  label?: string;
}

/** Previous / next paging for a Relay connection, with "Page 2 of 5". */
export function Pagination({ page, pageCount, hasPrevious, hasNext, onPrevious, onNext, label }: PaginationProps) {
  const { t } = useTranslation();
  if (pageCount <= 1 && !hasPrevious && !hasNext) return null;
  return (
    <nav className="pagination" aria-label={label ?? t('pagination.label')}>
      <button type="button" className="button secondary" onClick={onPrevious} disabled={!hasPrevious}>
        <span aria-hidden="true">← </span>
        {t('pagination.previous')}
      </button>
      <p className="pagination-status">{t('pagination.status', { page, total: Math.max(pageCount, page) })}</p>
      <button type="button" className="button secondary" onClick={onNext} disabled={!hasNext}>
        {t('pagination.next')}
        <span aria-hidden="true"> →</span>
      </button>
    </nav>
  );
}
