import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { headingMounted } from './routeFocus';

interface PageProps {
  /** The page's h1; also the start of document.title. */
  title: string;
  /** A shorter or different document title, when the heading is long. */
  documentTitle?: string;
  /** Marks a loading placeholder: focus moves on when the real page comes. */
  placeholder?: boolean;
  lead?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A page: its one h1, the document title, and focus after navigation. */
export function Page({ title, documentTitle, placeholder, lead, children, className }: PageProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const full = `${documentTitle ?? title} — ${t('app.name')}`;

  useEffect(() => {
    document.title = full;
  }, [full]);

  // On mount, and when a loading placeholder becomes the real heading.
  useEffect(() => {
    if (ref.current) headingMounted(ref.current);
  }, [placeholder]);

  return (
    <div className={className ? `page ${className}` : 'page'}>
      <h1 ref={ref} tabIndex={-1} data-placeholder={placeholder ? 'true' : undefined}>
        {title}
      </h1>
      {lead ? <div className="page-lead">{lead}</div> : null}
      {children}
    </div>
  );
}
