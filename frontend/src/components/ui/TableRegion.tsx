import type { ReactNode } from 'react';

/**
 * A wide table's frame: on a narrow screen the table scrolls inside it rather
 * than the whole page (WCAG 1.4.10 allows this for data tables). The frame is
 * focusable and named so keyboard users can scroll it.
 */
export function TableRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
