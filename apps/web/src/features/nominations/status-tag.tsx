import type { NominationStatus } from '@ganxun/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS } from './logic';

/** A nomination's status as a coloured tag. */
export function NominationStatusTag({ status }: { status: NominationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="nomination-status">
      {t(`nominations.status.${status}`)}
    </Tag>
  );
}

const CLASS_STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  published: 'processing',
  nominations_closed: 'warning',
  in_progress: 'success',
  completed: 'cyan',
  archived: 'default',
  cancelled: 'error',
};

/** A class's status as a coloured tag (the pages of this feature do not depend on the classes feature). */
export function ClassStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const key = `nominations.classStatus.${status}` as 'nominations.classStatus.draft';
  return <Tag color={CLASS_STATUS_COLORS[status] ?? 'default'}>{t(key, { defaultValue: status })}</Tag>;
}
