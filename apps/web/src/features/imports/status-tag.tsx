import type { ImportOutcome, ImportStatus } from '@ganxun/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<ImportStatus, string> = {
  validating: 'processing',
  validated: 'warning',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  cancelled: 'default',
};

export const OUTCOME_COLOR: Record<ImportOutcome, string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  error: 'red',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="import-status">
      {t(`imports.status.${status}`)}
    </Tag>
  );
}

export function OutcomeTag({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`imports.outcome.${outcome}`)}</Tag>;
}
