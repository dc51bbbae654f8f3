import type { ClassView } from '@ganxun/domain';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** The class's 食宿与接站 tab (skeleton; the helper builds it). */
export function LogisticsTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  return <Empty description={`${t('logistics.tab')} ${cls.name}`} />;
}
