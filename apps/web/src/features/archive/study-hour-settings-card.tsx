import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 6). */
export function StudyHourSettingsCard() {
  const { t } = useTranslation();
  return <Empty description={t('archive.placeholder')} />;
}
