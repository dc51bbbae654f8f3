import type { ClassView } from '@ganxun/domain';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder: being built (issue 6). */
export function CompletionTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  void cls;
  return <Empty description={t('completion.placeholder')} />;
}
