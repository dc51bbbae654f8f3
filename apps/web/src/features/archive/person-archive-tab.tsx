import { PlusOutlined } from '@ant-design/icons';
import type { TrainingRecordView } from '@ganxun/domain';
import { App, Button, Col, Flex, Form, Input, Modal, Row, Skeleton, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { chinaYear, useArchive, useVoidRecord } from './api';
import { CategoryTag, FiveYearBars, hoursText, StandingCard, YearSelect } from './parts';
import { RecordDrawer } from './record-drawer';

/** The person page's 学时档案 tab: standing in a year, five years by category, the records. */
export function PersonArchiveTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [year, setYear] = useState(chinaYear());
  const archive = useArchive(personId, year);
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<TrainingRecordView | null>(null);
  const editable = can('trainingRecord.edit');

  if (archive.isPending) return <Skeleton active />;
  if (archive.isError) return <Typography.Text type="danger">{errorText(archive.error, t)}</Typography.Text>;
  const data = archive.data;

  const columns = [
    {
      key: 'title',
      title: t('archive.records.name'),
      render: (_: unknown, r: TrainingRecordView) => (
        <Flex vertical>
          <span className={r.voidedAt ? 'gx-archive-voided' : undefined}>{r.title}</span>
          {r.voidedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('archive.records.voided', { reason: r.voidReason ?? '' })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'organiser', title: t('archive.records.organiser'), dataIndex: 'organiser' },
    {
      key: 'category',
      title: t('archive.records.category'),
      render: (_: unknown, r: TrainingRecordView) => <CategoryTag category={r.category} />,
    },
    {
      key: 'dates',
      title: t('archive.records.dates'),
      render: (_: unknown, r: TrainingRecordView) =>
        r.startDate === r.endDate ? r.startDate : `${r.startDate} ~ ${r.endDate}`,
    },
    {
      key: 'hours',
      title: t('archive.records.hours'),
      align: 'right' as const,
      render: (_: unknown, r: TrainingRecordView) => (
        <span className={r.voidedAt ? 'gx-archive-voided' : undefined}>{hoursText(r.hours)}</span>
      ),
    },
    {
      key: 'source',
      title: t('archive.records.source'),
      render: (_: unknown, r: TrainingRecordView) => t(`archive.source.${r.source}`),
    },
    {
      key: 'certificate',
      title: t('archive.records.certificate'),
      render: (_: unknown, r: TrainingRecordView) => r.certificateNumber ?? '—',
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('archive.records.actions'),
            render: (_: unknown, r: TrainingRecordView) =>
              r.voidedAt ? null : r.source === 'manual' ? (
                <Button
                  size="small"
                  danger
                  type="link"
                  onClick={() => setVoiding(r)}
                  data-testid="archive-void"
                >
                  {t('archive.records.void')}
                </Button>
              ) : (
                <Tooltip title={t('archive.records.fromCompletion')}>
                  <Button size="small" type="link" disabled>
                    {t('archive.records.void')}
                  </Button>
                </Tooltip>
              ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <YearSelect value={year} onChange={setYear} />
        {editable ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="archive-add"
          >
            {t('archive.records.add')}
          </Button>
        ) : null}
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <StandingCard archive={data} testId="archive-standing" />
        </Col>
        <Col xs={24} lg={12}>
          <FiveYearBars archive={data} />
        </Col>
      </Row>
      <Table<TrainingRecordView>
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        columns={columns}
        dataSource={data.records}
        loading={archive.isFetching}
        pagination={data.records.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('archive.records.empty') }}
        onRow={() => ({ 'data-testid': 'archive-row' }) as React.HTMLAttributes<HTMLElement>}
        data-testid="archive-records"
      />
      <RecordDrawer personId={personId} open={adding} onClose={() => setAdding(false)} />
      <VoidModal record={voiding} onClose={() => setVoiding(null)} />
    </Flex>
  );
}

/** Asks for the reason and voids a manual record. */
function VoidModal({ record, onClose }: { record: TrainingRecordView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const voidRecord = useVoidRecord();

  const submit = async ({ reason }: { reason: string }) => {
    if (!record) return;
    try {
      await voidRecord.mutateAsync({ id: record.id, reason: reason.trim() });
      void message.success(t('archive.records.voidDone'));
      form.resetFields();
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length) void message.error(unmatched.join('; '));
      else if (!form.getFieldError('reason').length) void message.error(errorText(error, t));
    }
  };

  return (
    <Modal
      open={!!record}
      title={t('archive.records.voidTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('archive.records.void')}
      okButtonProps={
        { danger: true, loading: voidRecord.isPending, 'data-testid': 'archive-void-confirm' } as never
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('archive.records.voidHint')}</Typography.Paragraph>
      {record ? <Typography.Paragraph strong>{record.title}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('archive.records.voidReason')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { min: 2, message: t('validation.tooShort', { min: 2 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="archive-void-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
