import { EditOutlined } from '@ant-design/icons';
import type { ClassView, QuotaList, QuotaView } from '@ganxun/domain';
import { Alert, Button, Empty, Flex, Progress, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { AllocationSummary } from './allocation-summary';
import { useQuotas } from './api';
import { QuotaEditor } from './quota-editor';
import { usedPercent } from './quota-math';

function QuotaTable({ list, nominator }: { list: QuotaList; nominator: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<QuotaView>
      rowKey="id"
      size="middle"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={list.items}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.quotas.empty')} />,
      }}
      columns={[
        {
          title: t('classes.quotas.holder'),
          dataIndex: 'holderName',
          key: 'holder',
          render: (name: string, q) => (
            <Flex gap={6} align="center">
              <Tag style={{ marginInlineEnd: 0 }}>
                {q.regionCode ? t('classes.quotas.region') : t('classes.quotas.unit')}
              </Tag>
              {name}
              {nominator && q.canNominate ? <Tag color="blue">{t('classes.quotas.yours')}</Tag> : null}
            </Flex>
          ),
        },
        { title: t('classes.quotas.seats'), dataIndex: 'seats', key: 'seats', align: 'right', width: 70 },
        { title: t('classes.quotas.used'), dataIndex: 'used', key: 'used', align: 'right', width: 70 },
        {
          title: t('classes.quotas.remaining'),
          key: 'remaining',
          width: 190,
          render: (_, q) => (
            <Flex align="center" gap={8}>
              <Progress
                percent={usedPercent(q)}
                showInfo={false}
                size="small"
                strokeColor={q.remaining <= 0 ? '#fa8c16' : undefined}
                status="normal"
                style={{ width: 100, margin: 0 }}
              />
              <span className="gx-nowrap">{t('classes.quotas.remainingValue', { count: q.remaining })}</span>
            </Flex>
          ),
        },
        {
          title: t('classes.quotas.approved'),
          dataIndex: 'approved',
          key: 'approved',
          align: 'right',
          width: 80,
        },
        {
          title: t('classes.quotas.waitlisted'),
          dataIndex: 'waitlisted',
          key: 'waitlisted',
          align: 'right',
          width: 80,
        },
      ]}
      data-testid="quota-table"
    />
  );
}

/**
 * The quotas tab: seats per region or unit with what is used; runners who may edit the class get
 * the editor (add holders, split the capacity, save all at once), nominators see their quotas.
 */
export function QuotasTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const quotas = useQuotas(cls.id);
  const [editing, setEditing] = useState(false);
  const list = quotas.data;

  if (quotas.isPending) return <Skeleton active />;
  if (!list) return <Alert type="error" showIcon title={errorText(quotas.error, t)} />;
  if (editing) return <QuotaEditor cls={cls} list={list} onDone={() => setEditing(false)} />;

  // Nominators see only their own quotas: totals over those would mislead.
  const runner = cls.canEdit || cls.canApprove || cls.canManageRoster;
  const nominator = cls.canNominate && !runner;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        {runner ? <AllocationSummary allocated={list.allocated} capacity={list.capacity} /> : null}
        {cls.canEdit ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="quota-edit">
            {t('classes.quotas.edit')}
          </Button>
        ) : null}
      </Flex>
      {nominator ? (
        <Typography.Text type="secondary">{t('classes.quotas.nominatorHint')}</Typography.Text>
      ) : null}
      <QuotaTable list={list} nominator={nominator} />
    </Flex>
  );
}
