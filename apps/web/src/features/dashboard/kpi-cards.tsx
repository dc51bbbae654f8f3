import type { DashboardView, ReportMeasure } from '@ganxun/domain';
import { Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Drill } from './api';
import { formatCount, formatPercent, formatScore } from './format';

type Kpi = keyof DashboardView['kpis'];

/** Each card: how its figure is shown and the measure whose records stand behind it. */
const KPIS: { key: Kpi; show: (v: number | null) => string; drill: ReportMeasure; suffix?: string }[] = [
  { key: 'classes', show: formatCount, drill: 'classes' },
  { key: 'people', show: formatCount, drill: 'people' },
  { key: 'personTimes', show: formatCount, drill: 'personTimes' },
  { key: 'hours', show: formatCount, drill: 'hours' },
  { key: 'attendanceRate', show: formatPercent, drill: 'attendanceRate' },
  { key: 'satisfaction', show: formatScore, drill: 'satisfaction', suffix: '/5' },
  { key: 'completionRate', show: formatPercent, drill: 'completionRate' },
  // The engine has no certificate measure: its records are the completion results they follow.
  { key: 'certificates', show: formatCount, drill: 'completionRate' },
  { key: 'secondmentsInPost', show: formatCount, drill: 'secondments' },
];

/** The headline figures, one card each; a click opens the records behind the figure. */
export function KpiCards({
  kpis,
  loading,
  onDrill,
}: {
  kpis: DashboardView['kpis'] | undefined;
  loading: boolean;
  onDrill: (drill: Drill) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="gx-dashboard-kpis">
      {KPIS.map((k) => {
        const value = kpis ? kpis[k.key] : null;
        const title = t(`dashboard.kpi.${k.key}`);
        return (
          <Card
            key={k.key}
            size="small"
            hoverable
            data-testid={`dashboard-kpi-${k.key}`}
            onClick={() => onDrill({ title, measure: k.drill, filters: {} })}
            styles={{ body: { padding: '12px 14px' } }}
          >
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {title}
            </Typography.Text>
            {loading && !kpis ? (
              <Skeleton.Input active size="small" style={{ marginTop: 6 }} />
            ) : (
              <div className="gx-dashboard-kpi-value">
                <span data-testid={`dashboard-kpi-${k.key}-value`}>{k.show(value)}</span>
                {value != null && k.suffix ? <small>{k.suffix}</small> : null}
              </div>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`dashboard.kpiHint.${k.key}`)}
            </Typography.Text>
          </Card>
        );
      })}
    </div>
  );
}
