import { type ClassSummaryReport, MIN_RESPONSES_FOR_STATS } from '@ganxun/domain';
import { Card, Col, Descriptions, Empty, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDebouncedValue } from '../../components/debounce';
import { chinaDate, chinaTime } from '../timetable/logic';
import { useClassOptions, useClassSummary } from './api';
import { formatCount, formatPercent, formatScore } from './format';
import { ExportButton, LoadError } from './parts';

type Form = ClassSummaryReport['evaluation']['items'][number];
type Incident = ClassSummaryReport['incidents'][number];
type QuestionItem = ClassSummaryReport['questions']['items'][number];

/** A class's summary report: pick a class (search by name or code), then its figures and tables. */
export function ClassTab({
  classId,
  onChange,
}: {
  classId: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q);
  const options = useClassOptions(search);
  const { data, error, isFetching } = useClassSummary(classId);
  const items = (options.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }));
  if (data && !items.some((o) => o.value === data.classId))
    items.unshift({ value: data.classId, label: `${data.code} ${data.name}` });

  return (
    <div>
      <Flex gap={12} wrap align="center" className="gx-reports-toolbar">
        <Select
          showSearch
          allowClear
          value={classId ?? undefined}
          placeholder={t('reports.class.pick')}
          filterOption={false}
          onSearch={setQ}
          onChange={(v) => onChange(v ?? null)}
          options={items}
          loading={options.isFetching}
          style={{ width: 420 }}
          data-testid="reports-class-picker"
        />
        <ExportButton
          path={`/reports/classes/${classId}/summary`}
          fallbackName="class-summary.xlsx"
          testId="reports-class-export"
          disabled={!classId || !data}
        />
      </Flex>
      {!classId ? (
        <Empty description={t('reports.class.pickFirst')} />
      ) : error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Card loading={isFetching} />
      ) : (
        <Summary report={data} />
      )}
    </div>
  );
}

function Summary({ report }: { report: ClassSummaryReport }) {
  const { t } = useTranslation();
  const a = report.attendance;
  const cards: [
    'people' | 'withdrawn' | 'attendanceRate' | 'score' | 'completed' | 'certificates' | 'hours',
    string,
  ][] = [
    ['people', formatCount(report.enrolment.people)],
    ['withdrawn', formatCount(report.enrolment.withdrawn)],
    ['attendanceRate', formatPercent(a.rate)],
    ['score', formatScore(report.evaluation.score)],
    ['completed', formatCount(report.completion.completed)],
    ['certificates', formatCount(report.completion.certificates)],
    ['hours', formatCount(report.completion.hours)],
  ];
  const statuses = ['present', 'late', 'leftEarly', 'onLeave', 'absent'] as const;
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'name',
            label: t('reports.annual.name'),
            children: <Link to={`/classes/${report.classId}`}>{`${report.code} ${report.name}`}</Link>,
          },
          { key: 'kind', label: t('reports.annual.kind'), children: report.classKindLabel },
          {
            key: 'dates',
            label: t('reports.annual.dates'),
            children: [report.startDate, report.endDate].filter(Boolean).join(' ~ ') || '—',
          },
          { key: 'organiser', label: t('reports.class.organiser'), children: report.organiserName },
        ]}
      />
      <div className="gx-reports-kpis">
        {cards.map(([key, value]) => (
          <Card key={key} size="small" styles={{ body: { padding: '12px 14px' } }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t(`reports.class.${key}`)}
            </Typography.Text>
            <div className="gx-reports-kpi-value" data-testid={`reports-class-kpi-${key}`}>
              {value}
            </div>
          </Card>
        ))}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('reports.class.byRegion')}>
            <Table
              size="small"
              rowKey="regionCode"
              pagination={false}
              dataSource={report.enrolment.byRegion}
              columns={[
                { key: 'name', title: t('reports.class.region'), dataIndex: 'name' },
                { key: 'people', title: t('reports.measures.people'), dataIndex: 'people', align: 'right' },
              ]}
              data-testid="reports-class-regions"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            size="small"
            title={t('reports.class.attendance')}
            extra={
              <Typography.Text type="secondary">
                {t('reports.class.attendanceItems', { count: a.items })}
              </Typography.Text>
            }
          >
            <Table
              size="small"
              rowKey="status"
              pagination={false}
              dataSource={statuses.map((s) => ({ status: s, count: a[s] }))}
              columns={[
                {
                  key: 'status',
                  title: t('reports.class.attendance'),
                  render: (_, r) => t(`reports.class.status.${r.status}`),
                },
                { key: 'count', title: '#', dataIndex: 'count', align: 'right' },
              ]}
              data-testid="reports-class-attendance"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('reports.class.completion')}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'decided', label: t('reports.class.decided'), children: report.completion.decided },
                {
                  key: 'completed',
                  label: t('reports.class.completed'),
                  children: report.completion.completed,
                },
                {
                  key: 'notCompleted',
                  label: t('reports.class.notCompleted'),
                  children: report.completion.notCompleted,
                },
                {
                  key: 'certificates',
                  label: t('reports.class.certificates'),
                  children: report.completion.certificates,
                },
                {
                  key: 'hours',
                  label: t('reports.class.hours'),
                  children: formatCount(report.completion.hours),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('reports.class.evaluation')}>
            <Table<Form>
              size="small"
              rowKey="formId"
              pagination={false}
              dataSource={report.evaluation.items}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'title', title: t('reports.class.form'), dataIndex: 'title' },
                {
                  key: 'target',
                  title: t('reports.class.target'),
                  render: (_, f) => <Tag>{t(`reports.class.targets.${f.target}`)}</Tag>,
                },
                {
                  key: 'responses',
                  title: t('reports.class.responses'),
                  dataIndex: 'responses',
                  align: 'right',
                },
                {
                  key: 'score',
                  title: t('reports.class.meanRating'),
                  align: 'right',
                  render: (_, f) =>
                    f.score === null ? (
                      <Typography.Text
                        type="secondary"
                        title={t('reports.class.hidden', { count: MIN_RESPONSES_FOR_STATS })}
                      >
                        —
                      </Typography.Text>
                    ) : (
                      formatScore(f.score)
                    ),
                },
              ]}
              data-testid="reports-class-evaluation"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('reports.class.hidden', { count: MIN_RESPONSES_FOR_STATS })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('reports.class.incidents')}>
            <Table<Incident>
              size="small"
              rowKey={(i) => `${i.kind}-${i.date}-${i.text}`}
              pagination={false}
              dataSource={report.incidents}
              locale={{ emptyText: t('reports.class.noIncidents') }}
              columns={[
                {
                  key: 'kind',
                  title: t('reports.pairing.kind'),
                  width: 80,
                  render: (_, i) => (
                    <Tag>{t(`reports.class.incidentKinds.${i.kind}`, { defaultValue: i.kind })}</Tag>
                  ),
                },
                { key: 'date', title: t('reports.class.date'), width: 110, render: (_, i) => i.date ?? '—' },
                { key: 'text', title: t('reports.class.detail'), dataIndex: 'text' },
              ]}
              data-testid="reports-class-incidents"
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Questions report={report} />
        </Col>
      </Row>
    </>
  );
}

/** 互动答疑: questions asked on the class's boards and the share answered, per item and in total. */
function Questions({ report }: { report: ClassSummaryReport }) {
  const { t } = useTranslation();
  const { items, totals } = report.questions;
  return (
    <Card
      size="small"
      title={t('reports.class.questions.title')}
      extra={
        <Link to={`/classes/${report.classId}?tab=questions`} data-testid="reports-class-questions-link">
          {t('reports.class.questions.open')}
        </Link>
      }
      data-testid="reports-class-questions"
    >
      <Descriptions
        size="small"
        column={{ xs: 2, md: 4 }}
        style={{ marginBottom: 8 }}
        items={[
          {
            key: 'questions',
            label: t('reports.class.questions.questions'),
            children: (
              <span data-testid="reports-class-questions-total">{formatCount(totals.questions)}</span>
            ),
          },
          {
            key: 'answered',
            label: t('reports.class.questions.answered'),
            children: formatCount(totals.answered),
          },
          {
            key: 'share',
            label: t('reports.class.questions.share'),
            children: (
              <span data-testid="reports-class-questions-share">{formatPercent(totals.answeredShare)}</span>
            ),
          },
          { key: 'votes', label: t('reports.class.questions.votes'), children: formatCount(totals.votes) },
        ]}
      />
      <Table<QuestionItem>
        size="small"
        rowKey="sessionId"
        pagination={false}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('reports.class.questions.none') }}
        columns={[
          { key: 'title', title: t('reports.class.questions.item'), dataIndex: 'title' },
          {
            key: 'startsAt',
            title: t('reports.class.questions.time'),
            width: 150,
            // Timetable items are China time, as the timetable shows them.
            render: (_, i) => `${chinaDate(i.startsAt)} ${chinaTime(i.startsAt)}`,
          },
          {
            key: 'questions',
            title: t('reports.class.questions.questions'),
            dataIndex: 'questions',
            align: 'right',
          },
          {
            key: 'answered',
            title: t('reports.class.questions.answered'),
            dataIndex: 'answered',
            align: 'right',
          },
          {
            key: 'share',
            title: t('reports.class.questions.share'),
            align: 'right',
            render: (_, i) => formatPercent(i.answeredShare),
          },
          { key: 'votes', title: t('reports.class.questions.votes'), dataIndex: 'votes', align: 'right' },
        ]}
        data-testid="reports-class-questions-items"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('reports.class.questions.note')}
      </Typography.Text>
    </Card>
  );
}
