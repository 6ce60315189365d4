import type { Client } from '@urql/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnnounce } from '../../../components/ui/Announcer';
import { RadioGroup } from '../../../components/ui/fields';
import type { PreviewAudience, ProfilePreviewQuery as PreviewResult } from '../../../gql/graphql';
import { createUncachedClient } from '../../../lib/graphql/client';
import { errorMessage } from '../../../lib/graphql/errors';
import { PersonDetails } from '../../people';
import { ProfilePreviewQuery } from '../api/documents';

const audiences: PreviewAudience[] = ['MEMBER', 'PARTNER', 'PUBLIC'];

type Person = NonNullable<PreviewResult['profilePreview']>;

/**
 * "See my profile as a member / a partner / the public". The answer goes
 * through a client without the normalized cache: it is the viewer's own Person
 * with fields hidden, and must not overwrite what the app knows of them.
 */
export function ProfilePreview({ version, client: given }: { version: number; client?: Client }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const client = useMemo(() => given ?? createUncachedClient(), [given]);
  const [audience, setAudience] = useState<PreviewAudience>('MEMBER');
  // The answer shown, and whose view it is (it lags the choice while loading).
  const [state, setState] = useState<{
    loading: boolean;
    shown: PreviewAudience;
    person: Person | null;
    error: string | null;
  }>({ loading: true, shown: audience, person: null, error: null });

  // Say so when the person picks another audience (not on first load, and not
  // after saving, when "saved" is the news).
  const shownAudience = useRef<PreviewAudience>(audience);

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void client
      .query(ProfilePreviewQuery, { audience })
      .toPromise()
      .then((res) => {
        if (!live) return;
        if (shownAudience.current !== audience) {
          shownAudience.current = audience;
          announce(t('preview.updated', { audience: t(`preview.audience.${audience}`) }));
        }
        const error = res.error ? errorMessage(res.error, t) : null;
        setState({ loading: false, shown: audience, person: res.data?.profilePreview ?? null, error });
      });
    return () => {
      live = false;
    };
  }, [client, audience, version, t, announce]);

  return (
    <section aria-labelledby="preview-heading" className="preview">
      <h2 id="preview-heading">{t('preview.title')}</h2>
      <p>{t('preview.lead')}</p>
      <RadioGroup
        legend={t('preview.asLegend')}
        name="audience"
        value={audience}
        onChange={(v) => setAudience(v as PreviewAudience)}
        options={audiences.map((a) => ({ value: a, label: t(`preview.as.${a}`) }))}
      />
      <div
        className="preview-frame"
        role="region"
        aria-busy={state.loading || undefined}
        aria-labelledby="preview-shown"
      >
        <p id="preview-shown" className="preview-label">
          {t('preview.showing', { audience: t(`preview.audience.${state.shown}`) })}
        </p>
        {state.loading ? (
          <p>{t('common.loading')}</p>
        ) : state.error ? (
          <p className="field-error">{state.error}</p>
        ) : state.person ? (
          <>
            <p className="preview-name">
              {state.person.givenName} {state.person.familyName}
            </p>
            <PersonDetails person={state.person} headingLevel={3} linkCourses={false} />
          </>
        ) : (
          <p>{t('preview.hidden')}</p>
        )}
      </div>
    </section>
  );
}
