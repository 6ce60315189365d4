import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { useAnnounce } from '../../../components/ui/Announcer';
import { Page } from '../../../components/ui/Page';
import { QueryState } from '../../../components/ui/QueryState';
import { downloadText } from '../../../lib/download';
import { isoDay } from '../../../lib/format';
import { errorMessage } from '../../../lib/graphql/errors';
import { useSession } from '../../auth';
import { AccountQuery, MyDataQuery, SignOutEverywhereMutation } from '../api/documents';
import { ChangePasswordForm } from './ChangePasswordForm';
import { ConsentsForm } from './ConsentsForm';
import { DeleteAccountForm } from './DeleteAccountForm';

/** The name of the file "Download my data" saves. */
export function myDataFileName(day: string) {
  return `birge-my-data-${day}.json`;
}

/** Account and data: consents, password, sessions, a copy of my data, deleting the account. */
export function AccountPage() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const client = useClient();
  const { reset } = useSession();
  const [{ data, fetching, error }] = useQuery({ query: AccountQuery });
  const [{ fetching: signingOut }, signOutEverywhere] = useMutation(SignOutEverywhereMutation);
  const [dataBusy, setDataBusy] = useState(false);
  const [problem, setProblem] = useState<{ where: 'data' | 'sessions'; message: string } | null>(null);
  const viewer = data?.viewer;
  const consents = viewer?.person?.consents;

  async function downloadData() {
    if (dataBusy) return;
    setDataBusy(true);
    setProblem(null);
    announce(t('account.data.preparing'));
    const res = await client.query(MyDataQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setDataBusy(false);
    if (res.error || !res.data) {
      const message = errorMessage(res.error, t);
      setProblem({ where: 'data', message });
      announce(message);
      return;
    }
    let text = res.data.myData;
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // keep the server's text as it is
    }
    const name = myDataFileName(isoDay());
    downloadText(name, text, 'application/json');
    announce(t('account.data.done', { name }));
  }

  async function everywhere() {
    if (signingOut) return;
    setProblem(null);
    const res = await signOutEverywhere({});
    if (res.error) {
      const message = errorMessage(res.error, t);
      setProblem({ where: 'sessions', message });
      announce(message);
      return;
    }
    reset();
    navigate('/sign-in', { replace: true });
    announce(t('account.sessions.done'));
  }

  return (
    <Page title={t('account.title')} lead={viewer ? <p>{t('me.signedInAs', { email: viewer.email })}</p> : null}>
      <QueryState fetching={fetching && !data} error={error} />
      {viewer ? (
        <>
          <nav aria-label={t('me.onThisPage')} className="toc">
            <ul>
              {consents ? (
                <li>
                  <a href="#consents-heading">{t('consents.title')}</a>
                </li>
              ) : null}
              <li>
                <a href="#password-heading">{t('account.password.title')}</a>
              </li>
              <li>
                <a href="#sessions-heading">{t('account.sessions.title')}</a>
              </li>
              <li>
                <a href="#data-heading">{t('account.data.title')}</a>
              </li>
              <li>
                <a href="#delete-heading">{t('account.delete.title')}</a>
              </li>
            </ul>
          </nav>
          {consents ? (
            <section aria-labelledby="consents-heading">
              <h2 id="consents-heading" tabIndex={-1}>
                {t('consents.title')}
              </h2>
              <p>{t('consents.lead')}</p>
              <ConsentsForm consents={consents} />
            </section>
          ) : null}
          <section aria-labelledby="password-heading">
            <h2 id="password-heading" tabIndex={-1}>
              {t('account.password.title')}
            </h2>
            <ChangePasswordForm />
          </section>
          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading" tabIndex={-1}>
              {t('account.sessions.title')}
            </h2>
            <p>{t('account.sessions.lead')}</p>
            <button
              type="button"
              className="button secondary"
              aria-disabled={signingOut || undefined}
              onClick={() => void everywhere()}
            >
              {t('account.sessions.submit')}
            </button>
            {problem?.where === 'sessions' ? (
              <p className="field-error" role="alert">
                {problem.message}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="data-heading">
            <h2 id="data-heading" tabIndex={-1}>
              {t('account.data.title')}
            </h2>
            <p>{t('account.data.lead')}</p>
            <button
              type="button"
              className="button secondary"
              aria-disabled={dataBusy || undefined}
              onClick={() => void downloadData()}
            >
              {dataBusy ? t('account.data.preparing') : t('account.data.submit')}
            </button>
            {problem?.where === 'data' ? (
              <p className="field-error" role="alert">
                {problem.message}
              </p>
            ) : null}
          </section>
          <section aria-labelledby="delete-heading">
            <h2 id="delete-heading" tabIndex={-1}>
              {t('account.delete.title')}
            </h2>
            <DeleteAccountForm />
          </section>
        </>
      ) : null}
    </Page>
  );
}
