import type { AnyVariables, DocumentInput } from '@urql/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { errorMessage } from '../../../lib/graphql/errors';
import { downloadText } from '../../../lib/download';

interface DownloadCsvButtonProps<D, V extends AnyVariables> {
  /** What the button says, e.g. "Download these figures (CSV)". */
  label: string;
  query: DocumentInput<D, V>;
  variables: V;
  /** The CSV text in the answer. */
  pick: (data: D) => string | undefined;
  fileName: () => string;
}

/**
 * Fetches a report's CSV (what this viewer may see, suppressed figures written
 * "<5") only when asked, and saves it as a file.
 */
export function DownloadCsvButton<D, V extends AnyVariables>({
  label,
  query,
  variables,
  pick,
  fileName,
}: DownloadCsvButtonProps<D, V>) {
  const { t } = useTranslation();
  const client = useClient();
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    if (busy) return;
    setBusy(true);
    setError(null);
    announce(t('outcomes.csv.preparing'));
    const res = await client.query(query, variables, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    const csv = res.data ? pick(res.data) : undefined;
    if (res.error || csv === undefined) {
      const msg = errorMessage(res.error, t);
      setError(msg);
      announce(msg);
      return;
    }
    const name = fileName();
    // A byte order mark, so spreadsheet programs read Cyrillic names rightly.
    downloadText(name, `\uFEFF${csv}`, 'text/csv;charset=utf-8');
    announce(t('outcomes.csv.done', { name }));
  }

  return (
    <div className="download">
      <button
        type="button"
        className="button secondary"
        aria-disabled={busy || undefined}
        onClick={() => void download()}
      >
        {busy ? t('outcomes.csv.preparing') : label}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
