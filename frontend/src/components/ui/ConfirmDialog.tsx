import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  busyLabel?: string;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  returnFocusTo?: () => HTMLElement | null | undefined;
}

/**
 * "Are you sure?" before something hard to undo. Focus starts on Cancel, so a
 * stray Enter does no harm.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busy,
  busyLabel,
  error,
  onConfirm,
  onCancel,
  returnFocusTo,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const cancel = useRef<HTMLButtonElement>(null);
  const bodyId = `confirm${useId().replace(/:/g, '')}`;
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      initialFocus={cancel}
      role="alertdialog"
      describedBy={bodyId}
      returnFocusTo={returnFocusTo}
    >
      <div id={bodyId}>{children}</div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button danger"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {busy && busyLabel ? busyLabel : confirmLabel}
        </button>
        <button type="button" className="button secondary" ref={cancel} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
