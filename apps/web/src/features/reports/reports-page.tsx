import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';

/** Issue 8 — skeleton: the owner of this page replaces it. */
export default function ReportsPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('reports.title')} />;
}
