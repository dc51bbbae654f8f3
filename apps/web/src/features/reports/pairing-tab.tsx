import { ASSESSMENT_GRADES, type PairingAnnualReport } from '@ganxun/domain';
import { Card, Col, Empty, Flex, Row, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePairingOptions, usePairingReport } from './api';
import { ExportButton, LoadError, ReportYearSelect } from './parts';

interface SecondmentLine {
  key: string;
  direction: string;
  category: string;
  specialty: string;
  subtotal: boolean;
  started: { people: number; personTimes: number };
  inPost: { people: number; personTimes: number };
}

/** A pairing's annual exchange report: pick a pairing and a year; secondments, classes, talks, narrative. */
export function PairingTab({
  pairingId,
  year,
  onChange,
}: {
  pairingId: string | null;
  year: number;
  onChange: (patch: { pairingId?: string | null; year?: number }) => void;
}) {
  const { t } = useTranslation();
  const options = usePairingOptions();
  const { data, error, isFetching } = usePairingReport(pairingId, year);
  return (
    <div>
      <Flex gap={12} wrap align="center" className="gx-reports-toolbar">
        <Select
          showSearch
          optionFilterProp="label"
          allowClear
          value={pairingId ?? undefined}
          placeholder={t('reports.pairing.pick')}
          onChange={(v) => onChange({ pairingId: v ?? null })}
          options={(options.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          loading={options.isFetching}
          style={{ width: 360 }}
          data-testid="reports-pairing-select"
        />
        <ReportYearSelect
          value={year}
          onChange={(y) => onChange({ year: y })}
          testId="reports-pairing-year"
        />
        <ExportButton
          path={`/reports/partnerships/${pairingId}/annual`}
          query={{ year }}
          fallbackName={`pairing-annual-${year}.xlsx`}
          testId="reports-pairing-export"
          disabled={!pairingId || !data}
        />
      </Flex>
      {!pairingId ? (
        <Empty description={t('reports.pairing.pickFirst')} />
      ) : error ? (
        <LoadError error={error} />
      ) : !data ? (
        <Card loading={isFetching} />
      ) : (
        <PairingReport report={data} />
      )}
    </div>
  );
}

function PairingReport({ report }: { report: PairingAnnualReport }) {
  const { t } = useTranslation();
  const lines: SecondmentLine[] = report.directions.flatMap((d) => [
    ...d.byCategory.map((c) => ({
      key: `${d.direction}-${c.category}-${c.specialty ?? ''}`,
      direction: d.name,
      category: t(`reports.pairing.categories.${c.category}`),
      specialty: c.specialty ? t(`reports.pairing.specialties.${c.specialty}`) : '—',
      subtotal: false,
      started: c.started,
      inPost: c.inPost,
    })),
    {
      key: `${d.direction}-total`,
      direction: d.name,
      category: t('reports.pairing.subtotal'),
      specialty: '',
      subtotal: true,
      started: d.started,
      inPost: d.inPost,
    },
  ]);
  const strong = (line: SecondmentLine, v: number | string) =>
    line.subtotal ? <Typography.Text strong>{v}</Typography.Text> : v;
  const m = (key: 'people' | 'personTimes') => t(`reports.measures.${key}`);
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card size="small" title={t('reports.pairing.secondments')}>
          <Table<SecondmentLine>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={lines}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'direction', title: t('reports.pairing.direction'), dataIndex: 'direction' },
              {
                key: 'category',
                title: t('reports.pairing.category'),
                render: (_, l) => strong(l, l.category),
              },
              { key: 'specialty', title: t('reports.pairing.specialty'), dataIndex: 'specialty' },
              {
                key: 'started',
                title: t('reports.pairing.started'),
                children: [
                  {
                    key: 'sp',
                    title: m('people'),
                    align: 'right',
                    render: (_, l) => strong(l, l.started.people),
                  },
                  {
                    key: 'st',
                    title: m('personTimes'),
                    align: 'right',
                    render: (_, l) => strong(l, l.started.personTimes),
                  },
                ],
              },
              {
                key: 'inPost',
                title: t('reports.pairing.inPost'),
                children: [
                  {
                    key: 'ip',
                    title: m('people'),
                    align: 'right',
                    render: (_, l) => strong(l, l.inPost.people),
                  },
                  {
                    key: 'it',
                    title: m('personTimes'),
                    align: 'right',
                    render: (_, l) => strong(l, l.inPost.personTimes),
                  },
                ],
              },
            ]}
            data-testid="reports-pairing-secondments"
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('reports.pairing.jointClasses')}>
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={report.jointClasses}
            columns={[
              {
                key: 'kind',
                title: t('reports.pairing.kind'),
                render: (_, j) => t(`reports.pairing.jointKinds.${j.kind}`),
              },
              { key: 'classes', title: t('reports.measures.classes'), dataIndex: 'classes', align: 'right' },
              { key: 'people', title: m('people'), dataIndex: 'people', align: 'right' },
              { key: 'personTimes', title: m('personTimes'), dataIndex: 'personTimes', align: 'right' },
            ]}
            data-testid="reports-pairing-joint"
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('reports.pairing.assessments')}>
          <Table
            size="small"
            rowKey="grade"
            pagination={false}
            dataSource={ASSESSMENT_GRADES.map((g) => ({
              grade: g,
              count: report.assessments.byGrade[g] ?? 0,
            }))}
            columns={[
              {
                key: 'grade',
                title: t('reports.pairing.grade'),
                render: (_, r) => t(`reports.pairing.grades.${r.grade}`),
              },
              { key: 'count', title: '#', dataIndex: 'count', align: 'right' },
            ]}
            data-testid="reports-pairing-assessments"
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('reports.pairing.talks')}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={report.talks}
            locale={{ emptyText: t('reports.pairing.noTalks') }}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'date', title: t('reports.pairing.talkDate'), dataIndex: 'date', width: 110 },
              { key: 'title', title: t('reports.pairing.talkTitle'), dataIndex: 'title' },
              { key: 'location', title: t('reports.pairing.location'), render: (_, x) => x.location ?? '—' },
              { key: 'participants', title: t('reports.pairing.participants'), dataIndex: 'participants' },
              {
                key: 'secondees',
                title: t('reports.pairing.secondees'),
                dataIndex: 'secondees',
                align: 'right',
              },
            ]}
            data-testid="reports-pairing-talks"
          />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('reports.pairing.narrative')} data-testid="reports-pairing-narrative">
          <div className="gx-reports-narrative">
            {report.narrative.length ? (
              report.narrative.map((s) => <p key={s}>{s}</p>)
            ) : (
              <Typography.Text type="secondary">{t('reports.empty')}</Typography.Text>
            )}
          </div>
        </Card>
      </Col>
    </Row>
  );
}
