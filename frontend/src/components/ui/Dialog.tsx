import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  /** Called on Escape and by the dialog's own cancel buttons. */
  onClose: () => void;
  children: ReactNode;
  /** The element to focus first (else the first control). */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /** "alertdialog" for confirmations of something that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  describedBy?: string;
  /**
   * Where focus goes when the dialog closes, if not back to the opener: e.g.
   * a list's heading after the dialog's action removed the opener's row.
   */
  returnFocusTo?: () => HTMLElement | null | undefined;
}

/**
 * A modal dialog. While it is open the rest of the page is inert, Tab and
 * Shift+Tab cycle inside it, and Escape closes it; on closing, focus goes back
 * to the control that opened it.
 */
export function Dialog({
  title,
  onClose,
  children,
  initialFocus,
  role = 'dialog',
  describedBy,
  returnFocusTo,
}: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = `dlg${useId().replace(/:/g, '')}`;
  const close = useRef(onClose);
  close.current = onClose;
  const returnTo = useRef(returnFocusTo);
  returnTo.current = returnFocusTo;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = document.getElementById('root');
    const wasInert = root?.hasAttribute('inert') ?? false;
    root?.setAttribute('inert', '');
    const first = initialFocus?.current ?? ref.current?.querySelector<HTMLElement>(focusable) ?? ref.current;
    first?.focus();
    return () => {
      if (root && !wasInert) root.removeAttribute('inert');
      const target = returnTo.current?.();
      if (target?.isConnected) target.focus();
      else if (opener?.isConnected) opener.focus();
    };
    // run on open and close only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.stopPropagation();
      close.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(focusable)];
    if (items.length === 0) {
      e.preventDefault();
      return;
    }
    const firstItem = items[0]!;
    const lastItem = items[items.length - 1]!;
    const active = document.activeElement;
    if (e.shiftKey && (active === firstItem || active === ref.current)) {
      e.preventDefault();
      lastItem.focus();
    } else if (!e.shiftKey && active === lastItem) {
      e.preventDefault();
      firstItem.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>,
    document.body,
  );
}
