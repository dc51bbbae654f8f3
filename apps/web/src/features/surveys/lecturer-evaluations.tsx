import type { LecturerEvaluationsView } from '@ganxun/domain';
import { Card, Flex, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import { useLecturerEvaluations } from './api';
import { percent } from './labels';

type Row = LecturerEvaluationsView['years'][number] | (LecturerEvaluationsView['overall'] & { year: null });

/**
 * A lecturer's evaluation results (lecturer history drawer): per year and overall, hidden below the
 * threshold; nothing for readers who may not see them.
 */
export function LecturerEvaluations({ lecturerId }: { lecturerId: string }) {
  const { t } = useTranslation();
  const evaluations = useLecturerEvaluations(lecturerId);
  if (evaluations.isLoading || evaluations.isError || !evaluations.data) return null;
  const data = evaluations.data;
  if (data.forms.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="lecturer-evaluations">
        {t('surveys.lecturer.title')}：{t('surveys.lecturer.none')}
      </Typography.Text>
    );
  const hidden = t('surveys.lecturer.hidden', { n: data.minResponses });
  const rows: Row[] = [...data.years, { ...data.overall, year: null }];
  return (
    <Card size="small" title={t('surveys.lecturer.title')} data-testid="lecturer-evaluations">
      <Flex gap={24} wrap style={{ marginBottom: 12 }}>
        <Statistic
          title={t('surveys.lecturer.mean')}
          value={data.overall.results.hidden ? '—' : (data.overall.score?.mean ?? '—')}
        />
        <Statistic
          title={t('surveys.lecturer.satisfied')}
          value={data.overall.results.hidden ? '—' : percent(data.overall.score?.satisfiedShare)}
        />
        <Statistic title={t('surveys.lecturer.responses')} value={data.overall.results.responses} />
      </Flex>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey={(r) => String(r.year ?? 'all')}
        dataSource={rows}
        columns={[
          {
            title: '',
            key: 'year',
            render: (_, r) =>
              r.year === null ? t('surveys.lecturer.overall') : t('surveys.lecturer.year', { year: r.year }),
          },
          { title: t('surveys.lecturer.responses'), key: 'n', render: (_, r) => r.results.responses },
          {
            title: t('surveys.lecturer.mean'),
            key: 'mean',
            render: (_, r) =>
              r.results.hidden ? (
                <Typography.Text type="secondary">{hidden}</Typography.Text>
              ) : (
                (r.score?.mean ?? '—')
              ),
          },
          {
            title: t('surveys.lecturer.satisfied'),
            key: 'sat',
            render: (_, r) => (r.results.hidden ? '' : percent(r.score?.satisfiedShare)),
          },
        ]}
      />
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 4px' }}>
        {t('surveys.lecturer.forms')}
      </Typography.Text>
      <Table
        size="small"
        pagination={data.forms.length > 10 ? { pageSize: 10 } : false}
        rowKey="formId"
        dataSource={data.forms}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('surveys.lecturer.date'), key: 'date', render: (_, f) => formatDate(f.startsAt) },
          { title: t('surveys.lecturer.class'), key: 'class', render: (_, f) => `${f.className}` },
          { title: t('surveys.tab.title'), dataIndex: 'title' },
          { title: t('surveys.lecturer.responses'), dataIndex: 'responses' },
          {
            title: t('surveys.lecturer.mean'),
            key: 'mean',
            render: (_, f) =>
              f.hidden ? <Typography.Text type="secondary">{hidden}</Typography.Text> : (f.mean ?? '—'),
          },
        ]}
      />
    </Card>
  );
}
