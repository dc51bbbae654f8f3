import type { ReportMeasure } from '@ganxun/domain';
import { Alert, Button, Card, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useNotifyError } from '../../components/errors';
import { chinaYear, downloadReport } from './api';
import { formatMeasure } from './format';
import './reports.css';

/** The years one may report on: this year back to 2015 (and the chosen one). */
export function ReportYearSelect({
  value,
  onChange,
  testId,
}: {
  value: number;
  onChange: (year: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const now = chinaYear();
  const years = Array.from({ length: now - 2014 }, (_, i) => now - i);
  if (!years.includes(value)) years.unshift(value);
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      options={years.map((y) => ({ value: y, label: t('reports.yearOption', { year: y }) }))}
      style={{ width: 110 }}
      aria-label={t('reports.year')}
      data-testid={testId}
    />
  );
}

/** "导出 Excel": the report's `?format=xlsx`, downloaded directly (the server audits it). */
export function ExportButton({
  path,
  query,
  fallbackName,
  testId,
  disabled,
}: {
  path: string;
  query?: Record<string, string | number | undefined>;
  fallbackName: string;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const notify = useNotifyError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      type="primary"
      loading={busy}
      disabled={disabled}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadReport(path, fallbackName, query);
        } catch (error) {
          notify(error);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('reports.export')}
    </Button>
  );
}

/** A row of headline figures (cards), each a measure of the engine. */
export function KpiRow({
  values,
  measures,
  testPrefix,
}: {
  values: Partial<Record<ReportMeasure, number | null>> | undefined;
  measures: readonly ReportMeasure[];
  testPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="gx-reports-kpis">
      {measures.map((m) => (
        <Card key={m} size="small" styles={{ body: { padding: '12px 14px' } }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t(`reports.measures.${m}`)}
          </Typography.Text>
          <div className="gx-reports-kpi-value" data-testid={`${testPrefix}-${m}`}>
            {formatMeasure(m, values?.[m])}
          </div>
        </Card>
      ))}
    </div>
  );
}

/** A failed load, said in words (403/404 come back with the server's message). */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return <Alert type="error" showIcon message={t('reports.loadFailed', { message: errorText(error, t) })} />;
}
