import { ALLOCATION_ORDERS, type LogisticsView } from '@ganxun/domain';
import {
  Alert,
  App,
  type ButtonProps,
  Empty,
  Flex,
  Modal,
  Radio,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AllocationResult, useAllocate } from './api';
import { problemText } from './labels';
import { previewByRoom } from './logic';

type Order = (typeof ALLOCATION_ORDERS)[number];

/**
 * 自动分配: a dry run first (who would go where, who stays without a bed and why), redone when the
 * order or the hotel changes; confirming runs the same allocation for real.
 */
export function AllocateModal({
  view,
  open,
  onClose,
}: {
  view: LogisticsView;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const preview = useAllocate(view.classId);
  const run = useAllocate(view.classId);
  const [order, setOrder] = useState<Order>('unit');
  const [hotelId, setHotelId] = useState<string | null>(null);
  const [result, setResult] = useState<AllocationResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { mutateAsync: dryRun } = preview;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setResult(null);
    setFailure(null);
    dryRun({ order, hotelId, dryRun: true }).then(
      (r) => live && setResult(r),
      (error) => live && setFailure(problemText(error, t)),
    );
    return () => {
      live = false;
    };
  }, [open, order, hotelId, dryRun, t]);

  const onOk = async () => {
    try {
      const r = await run.mutateAsync({ order, hotelId, dryRun: false });
      void message.success(t('logistics.allocate.done', { n: r.assigned.length }));
      onClose();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('logistics.allocate.title')}
      onCancel={onClose}
      onOk={onOk}
      okText={t('logistics.allocate.confirm')}
      okButtonProps={
        {
          disabled: !result || result.assigned.length === 0,
          'data-testid': 'lg-allocate-confirm',
        } as ButtonProps
      }
      confirmLoading={run.isPending}
      width={640}
      destroyOnHidden
      data-testid="lg-allocate-modal"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('logistics.allocate.intro')}</Typography.Text>
        <Flex gap={12} wrap align="center">
          <span>{t('logistics.allocate.order')}</span>
          <Radio.Group
            optionType="button"
            size="small"
            value={order}
            onChange={(e) => setOrder(e.target.value)}
            data-testid="lg-allocate-order"
            options={ALLOCATION_ORDERS.map((o) => ({ value: o, label: t(`logistics.allocate.by.${o}`) }))}
          />
          {view.hotels.length > 1 ? (
            <Select
              size="small"
              style={{ minWidth: 160 }}
              value={hotelId ?? ''}
              onChange={(v) => setHotelId(v || null)}
              options={[
                { value: '', label: t('logistics.allocate.allHotels') },
                ...view.hotels.map((h) => ({ value: h.id, label: h.name })),
              ]}
              data-testid="lg-allocate-hotel"
            />
          ) : null}
        </Flex>
        {failure ? (
          <Alert type="error" showIcon title={failure} />
        ) : !result ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : result.assigned.length === 0 && result.unplaced.length === 0 ? (
          <Empty description={t('logistics.allocate.nobody')} data-testid="lg-allocate-nobody" />
        ) : (
          <>
            <Alert
              type={result.unplaced.length ? 'warning' : 'success'}
              showIcon
              title={t('logistics.allocate.summary', {
                assigned: result.assigned.length,
                unplaced: result.unplaced.length,
              })}
              data-testid="lg-allocate-summary"
            />
            {result.assigned.length ? (
              <Table
                rowKey="roomId"
                size="small"
                dataSource={previewByRoom(result.assigned)}
                pagination={false}
                scroll={{ y: 260 }}
                data-testid="lg-allocate-assigned"
                columns={[
                  { title: t('logistics.allocate.room'), dataIndex: 'roomLabel', width: 200 },
                  {
                    title: t('logistics.room.occupants'),
                    key: 'names',
                    render: (_, r) => r.names.join('、'),
                  },
                ]}
              />
            ) : null}
            {result.unplaced.length ? (
              <Flex vertical gap={6} data-testid="lg-allocate-unplaced">
                <Typography.Text strong>{t('logistics.allocate.unplaced')}</Typography.Text>
                <Flex wrap gap={6}>
                  {result.unplaced.map((u) => (
                    <Tag key={u.enrollmentId} color={u.reason === 'no_room' ? 'orange' : 'default'}>
                      {u.name} · {t(`logistics.allocate.reason.${u.reason}`)}
                    </Tag>
                  ))}
                </Flex>
              </Flex>
            ) : null}
          </>
        )}
      </Flex>
    </Modal>
  );
}
