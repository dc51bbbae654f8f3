import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';

/** /my-stay: the trainee's room, meals, pick-up and materials on the phone (skeleton). */
export default function MyStayPage() {
  const { t } = useTranslation();
  return <PageHeader title={t('logistics.myStay.title')} />;
}
