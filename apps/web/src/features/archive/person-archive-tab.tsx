import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 6). */
export function PersonArchiveTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  void personId;
  return <Empty description={t('archive.placeholder')} />;
}
