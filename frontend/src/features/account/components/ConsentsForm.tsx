import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import type { ConsentKind } from '../../../gql/graphql';
import { formatDate } from '../../../lib/format';
import { errorMessage } from '../../../lib/graphql/errors';
import { useLanguage } from '../../../lib/i18n';
import { SetConsentMutation } from '../api/documents';

export interface Consent {
  kind: ConsentKind;
  granted: boolean;
  grantedAt?: string | null;
  revokedAt?: string | null;
}

/** The order consents are listed in. */
export const consentKinds: readonly ConsentKind[] = [
  'DIRECTORY_LISTING',
  'PEER_CONTACT',
  'OUTCOME_SURVEYS',
  'STORIES_AND_PHOTOS',
];

/**
 * A person's consents: each a checkbox that is saved at once, with what it
 * means and when it was given or withdrawn.
 */
export function ConsentsForm({ consents }: { consents: readonly Consent[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const announce = useAnnounce();
  const [state, setState] = useState<Consent[]>(() => [...consents]);
  const [busy, setBusy] = useState<ConsentKind | null>(null);
  const [problem, setProblem] = useState<{ kind: ConsentKind; message: string } | null>(null);
  const [, setConsent] = useMutation(SetConsentMutation);
  useEffect(() => setState([...consents]), [consents]);

  const byKind = new Map(state.map((c) => [c.kind, c]));
  const kinds = [...consentKinds, ...state.map((c) => c.kind).filter((k) => !consentKinds.includes(k))];

  async function toggle(kind: ConsentKind, granted: boolean) {
    if (busy) return;
    setBusy(kind);
    setProblem(null);
    // Show the choice at once; put it back if saving fails.
    const before = state;
    setState((s) => {
      const rest = s.filter((c) => c.kind !== kind);
      const old = s.find((c) => c.kind === kind);
      return [...rest, { ...(old ?? { kind }), kind, granted }];
    });
    announce(t('common.saving'));
    const res = await setConsent({ kind, granted });
    setBusy(null);
    if (res.error || !res.data) {
      setState(before);
      const message = errorMessage(res.error, t);
      setProblem({ kind, message });
      announce(`${t('common.notSaved')} ${message}`);
      return;
    }
    const saved = res.data.setConsent;
    setState((s) => [...s.filter((c) => c.kind !== kind), saved]);
    announce(t(granted ? 'consents.granted' : 'consents.revoked', { what: t(`consents.kind.${kind}.label`) }));
  }

  return (
    <fieldset className="field consents">
      <legend>{t('consents.legend')}</legend>
      {kinds.map((kind) => {
        const c = byKind.get(kind);
        const id = `consent-${kind}`;
        const when = c?.granted
          ? c.grantedAt
            ? t('consents.grantedOn', { date: formatDate(c.grantedAt, lang) })
            : t('consents.grantedNow')
          : c?.revokedAt
            ? t('consents.revokedOn', { date: formatDate(c.revokedAt, lang) })
            : t('consents.never');
        return (
          <div className="checkbox-field consent" key={kind}>
            <input
              id={id}
              type="checkbox"
              name={kind}
              checked={c?.granted ?? false}
              aria-describedby={`${id}-hint ${id}-when`}
              onChange={(e) => void toggle(kind, e.target.checked)}
            />
            <label htmlFor={id}>{t(`consents.kind.${kind}.label`)}</label>
            <p className="field-hint" id={`${id}-hint`}>
              {t(`consents.kind.${kind}.hint`)}
            </p>
            <p className="field-hint consent-when" id={`${id}-when`}>
              {when}
            </p>
            {problem?.kind === kind ? (
              <p className="field-error consent-error" role="alert">
                {problem.message}
              </p>
            ) : null}
          </div>
        );
      })}
    </fieldset>
  );
}
