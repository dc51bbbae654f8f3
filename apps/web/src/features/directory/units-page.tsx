import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';

/** Placeholder until the page is built (issue 3). */
export default function UnitsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('directory.units.title')} />;
}
