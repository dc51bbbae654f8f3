import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 6). */
export function LecturerEvaluations({ lecturerId }: { lecturerId: string }) {
  const { t } = useTranslation();
  void lecturerId;
  return <Empty description={t('surveys.placeholder')} />;
}
