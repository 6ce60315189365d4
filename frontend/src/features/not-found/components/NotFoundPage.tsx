import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../../components/ui/Page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} lead={<p>{t('notFound.lead')}</p>}>
      <ul className="plain-list">
        <li>
          <Link to="/">{t('nav.home')}</Link>
        </li>
        <li>
          <Link to="/people">{t('nav.people')}</Link>
        </li>
        <li>
          <Link to="/courses">{t('nav.courses')}</Link>
        </li>
      </ul>
    </Page>
  );
}
