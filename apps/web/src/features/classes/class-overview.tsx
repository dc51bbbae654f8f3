import type { BudgetLine, ClassView } from '@ganxun/domain';
import { classDays } from '@ganxun/domain';
import { Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format';
import { useClassKinds, useTrainingSettings } from './api';
import { budgetTotal, formatYuan } from './budget';
import { dateRange } from './status';

function Tags({ values }: { values: string[] }) {
  const { t } = useTranslation();
  if (values.length === 0) return <>{t('common.empty')}</>;
  return (
    <Flex gap={4} wrap>
      {values.map((v) => (
        <Tag key={v} style={{ marginInlineEnd: 0 }}>
          {v}
        </Tag>
      ))}
    </Flex>
  );
}

/** Planned hours with where they come from: set by hand, or the days by the training rule. */
function HoursText({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const settings = useTrainingSettings();
  if (cls.plannedHours === null) return <>{t('classes.overview.hoursUnknown')}</>;
  const days = cls.startDate && cls.endDate ? classDays(cls.startDate, cls.endDate) : null;
  return (
    <span data-testid="class-hours">
      {t('classes.overview.hours', { hours: cls.plannedHours })}{' '}
      <Typography.Text type="secondary">
        {cls.plannedHoursSet
          ? t('classes.overview.hoursSet')
          : days !== null && settings.data
            ? t('classes.overview.hoursDerivedFrom', { days, perDay: settings.data.hoursPerDay })
            : t('classes.overview.hoursDerived')}
      </Typography.Text>
    </span>
  );
}

/** The overview tab: every field of the class, the budget with its total, topics and tags. */
export function ClassOverview({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const kinds = useClassKinds();
  const empty = t('common.empty');
  const or = (v: string | number | null | undefined) =>
    v === null || v === undefined || v === '' ? empty : v;
  const total = budgetTotal(cls.budget);
  const runner = cls.canEdit || cls.canApprove || cls.canManageRoster;

  return (
    <Flex vertical gap={16}>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        data-testid="class-overview"
        items={[
          {
            key: 'code',
            label: t('classes.field.code'),
            children: <span className="gx-mono">{cls.code}</span>,
          },
          { key: 'kind', label: t('classes.field.kind'), children: kinds.label(cls.kind, cls.kindName) },
          { key: 'mode', label: t('classes.field.mode'), children: t(`classes.mode.${cls.mode}`) },
          {
            key: 'dates',
            label: t('classes.field.dates'),
            children: dateRange(cls.startDate, cls.endDate) ?? t('classes.list.datesToBeSet'),
          },
          { key: 'hours', label: t('classes.field.plannedHours'), children: <HoursText cls={cls} /> },
          { key: 'capacity', label: t('classes.field.capacity'), children: or(cls.capacity) },
          {
            key: 'seats',
            label: t('classes.overview.seats'),
            children: t('classes.overview.seatsValue', { taken: cls.seatsTaken, enrolled: cls.enrolled }),
          },
          {
            key: 'deadline',
            label: t('classes.field.nominationDeadline'),
            children: cls.nominationDeadline ? formatDateTime(cls.nominationDeadline).slice(0, 16) : empty,
          },
          {
            key: 'nominating',
            label: t('classes.overview.nominating'),
            children: (
              <Flex gap={4} wrap>
                <Tag color={cls.selfRegistration ? 'blue' : 'default'}>
                  {cls.selfRegistration
                    ? t('classes.overview.selfRegistrationOn')
                    : t('classes.overview.selfRegistrationOff')}
                </Tag>
                <Tag color={cls.waitlist ? 'blue' : 'default'}>
                  {cls.waitlist ? t('classes.overview.waitlistOn') : t('classes.overview.waitlistOff')}
                </Tag>
              </Flex>
            ),
          },
          { key: 'lead', label: t('classes.field.leadOrganiser'), children: cls.leadOrganiser.name },
          {
            key: 'co',
            label: t('classes.field.coOrganisers'),
            children: cls.coOrganisers.length ? cls.coOrganisers.map((o) => o.name).join('、') : empty,
          },
          { key: 'host', label: t('classes.field.hostInstitution'), children: or(cls.hostInstitution?.name) },
          { key: 'city', label: t('classes.field.city'), children: or(cls.cityName ?? cls.cityCode) },
          { key: 'venue', label: t('classes.field.venue'), children: or(cls.venue) },
          { key: 'director', label: t('classes.field.director'), children: or(cls.director?.name) },
          {
            key: 'assistants',
            label: t('classes.field.assistants'),
            children: cls.assistants.length ? cls.assistants.map((a) => a.name).join('、') : empty,
          },
          {
            key: 'topics',
            label: t('classes.field.topics'),
            span: 'filled',
            children: <Tags values={cls.topics} />,
          },
          {
            key: 'tags',
            label: t('classes.field.tags'),
            span: 'filled',
            children: <Tags values={cls.tags} />,
          },
          {
            key: 'audience',
            label: t('classes.field.targetAudience'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{or(cls.targetAudience)}</span>,
          },
          ...(cls.status === 'cancelled' && cls.cancelReason
            ? [
                {
                  key: 'cancelReason',
                  label: t('classes.cancelReason'),
                  span: 'filled' as const,
                  children: <Typography.Text type="danger">{cls.cancelReason}</Typography.Text>,
                },
              ]
            : []),
          {
            key: 'description',
            label: t('classes.field.description'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{or(cls.description)}</span>,
          },
          {
            key: 'updated',
            label: t('classes.overview.updatedAt'),
            span: 'filled',
            children: formatDateTime(cls.updatedAt),
          },
        ]}
      />
      {/* The budget is the organisers' business, not the nominators' or trainees'. */}
      {runner ? (
        <Card size="small" title={t('classes.overview.budget')} data-testid="class-budget">
          {cls.budget.length === 0 ? (
            <Typography.Text type="secondary">{t('classes.overview.noBudget')}</Typography.Text>
          ) : (
            <Table<BudgetLine & { key: number }>
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={cls.budget.map((b, i) => ({ ...b, key: i }))}
              columns={[
                { title: t('classes.field.budgetItem'), dataIndex: 'item', key: 'item' },
                {
                  title: t('classes.field.budgetAmount'),
                  dataIndex: 'amount',
                  key: 'amount',
                  align: 'right',
                  render: (a: number) => <span className="gx-mono">{formatYuan(a)}</span>,
                },
                {
                  title: t('classes.field.budgetNote'),
                  dataIndex: 'note',
                  key: 'note',
                  render: (n: string | null) => n ?? empty,
                },
              ]}
              summary={() => (
                <Table.Summary.Row className="gx-budget-total">
                  <Table.Summary.Cell index={0}>{t('classes.overview.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <span className="gx-mono" data-testid="class-budget-total">
                      {formatYuan(total)}
                    </span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} />
                </Table.Summary.Row>
              )}
            />
          )}
        </Card>
      ) : null}
    </Flex>
  );
}
