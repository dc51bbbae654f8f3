import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { ImportJobPage } from './job-view';
import { RecentImports } from './recent-imports';
import { UploadCard } from './upload-card';

/** /imports (upload and the user's recent imports) and /imports/:id (one import's progress and preview). */
export default function ImportsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  // Keyed by id, so that moving between imports starts from a clean state.
  if (id) return <ImportJobPage key={id} id={id} />;
  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Flex vertical gap={16}>
        <UploadCard />
        <RecentImports />
      </Flex>
    </>
  );
}
