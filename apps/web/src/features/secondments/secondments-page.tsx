import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';

/** Skeleton (issue 7): the helper who owns this folder replaces it. */
export default function SecondmentsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('secondments.title')} />
      <Card>
        <Empty />
      </Card>
    </>
  );
}
