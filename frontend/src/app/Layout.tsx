import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { useAnnounce } from '../components/ui/Announcer';
import { requestHeadingFocus } from '../components/ui/routeFocus';
import { isStaff, SignOutMutation, useSession } from '../features/auth';
import { PendingRequestsLink } from '../features/connections';
import { outcomeReaders } from '../features/outcomes';
import { LanguageSwitch } from '../features/preferences';

/** Moves focus to the new page's heading after each client-side navigation. */
function useRouteFocus() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    requestHeadingFocus();
  }, [pathname]);
}

function AccountNav() {
  const { t } = useTranslation();
  const { viewer, reset } = useSession();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [, signOut] = useMutation(SignOutMutation);
  const [busy, setBusy] = useState(false);

  async function doSignOut() {
    if (busy) return;
    setBusy(true);
    await signOut({});
    setBusy(false);
    reset();
    announce(t('nav.signedOut'));
    navigate('/');
  }

  return (
    <nav aria-label={t('nav.account')} className="account-nav">
      <ul>
        {viewer ? (
          <>
            <PendingRequestsLink />
            <li>
              <NavLink to="/me">{t('nav.me')}</NavLink>
            </li>
            <li>
              <NavLink to="/account">{t('nav.accountPage')}</NavLink>
            </li>
            {isStaff(viewer) ? (
              <li>
                <NavLink to="/admin">{t('nav.admin')}</NavLink>
              </li>
            ) : null}
            <li>
              <button type="button" className="link-button" onClick={() => void doSignOut()}>
                {t('nav.signOut')}
              </button>
            </li>
          </>
        ) : (
          <li>
            <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/settings">{t('nav.display')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { viewer } = useSession();
  useRouteFocus();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-top">
          <p className="brand">
            <Link to="/" className="brand-link">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </Link>
          </p>
          <LanguageSwitch idPrefix="header-lang" />
        </div>
        <div className="header-navs">
          <nav aria-label={t('nav.main')} className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/people">{t('nav.people')}</NavLink>
              </li>
              <li>
                <NavLink to="/search">{t('nav.search')}</NavLink>
              </li>
              <li>
                <NavLink to="/trainers">{t('nav.trainers')}</NavLink>
              </li>
              <li>
                <NavLink to="/courses">{t('nav.courses')}</NavLink>
              </li>
              <li>
                <NavLink to="/partners">{t('nav.partners')}</NavLink>
              </li>
              <li>
                <NavLink to="/impact">{t('nav.impact')}</NavLink>
              </li>
              {viewer && outcomeReaders.has(viewer.role) ? (
                <li>
                  <NavLink to="/outcomes">{t('nav.outcomes')}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <AccountNav />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t('footer.about')}</p>
        <p>{t('footer.privacy')}</p>
      </footer>
    </>
  );
}
