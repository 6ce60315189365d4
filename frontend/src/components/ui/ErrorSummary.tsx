import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  /** The id of the field the problem is about; omit for general problems. */
  fieldId?: string;
  message: string;
}

/**
 * The problems of a submitted form, listed at its top with links to the
 * fields. It takes focus when it appears, so it is read out at once.
 */
export function ErrorSummary({ items, attempt }: { items: SummaryItem[]; attempt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = `summary${useId().replace(/:/g, '')}`;
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // focus again on each failed attempt, not on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('form.problemTitle', { count: items.length })}</h2>
      <ul>
        {items.map((it, i) => (
          <li key={i}>
            {it.fieldId ? (
              <a
                href={`#${it.fieldId}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(it.fieldId!)?.focus();
                }}
              >
                {it.message}
              </a>
            ) : (
              it.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
