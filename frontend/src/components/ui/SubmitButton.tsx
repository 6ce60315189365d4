import type { ReactNode } from 'react';

/**
 * A form's submit button. While busy it stays focusable (aria-disabled rather
 * than disabled, so keyboard focus is not lost) and says what is happening.
 */
export function SubmitButton({ busy, busyLabel, children }: { busy: boolean; busyLabel: string; children: ReactNode }) {
  return (
    <button type="submit" className="button primary" aria-disabled={busy || undefined}>
      {busy ? busyLabel : children}
    </button>
  );
}
