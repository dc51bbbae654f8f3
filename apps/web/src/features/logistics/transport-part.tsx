import { CarOutlined, EditOutlined, PhoneOutlined } from '@ant-design/icons';
import type { LogisticsView, PickUpView } from '@ganxun/domain';
import { App, Button, Card, Empty, Flex, Form, Grid, Input, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { useSavePickUp } from './api';
import { arrivalText, problemText } from './labels';
import { chinaClock, pickUpsByDay } from './logic';

/** 接站: pick-up groups by arrival train, flight or hour, in time order, each with its arrangement. */
export function TransportPart({ view }: { view: LogisticsView }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<PickUpView | null>(null);
  const days = pickUpsByDay(view.pickUps);
  const screens = Grid.useBreakpoint();

  const columns: ColumnsType<PickUpView> = [
    {
      title: t('logistics.transport.time'),
      key: 'at',
      width: 80,
      render: (_, p) => <Typography.Text strong>{chinaClock(p.at).slice(11)}</Typography.Text>,
    },
    {
      title: t('logistics.transport.by'),
      key: 'by',
      width: 150,
      render: (_, p) => (
        <Tag color={p.number ? (p.transport === 'flight' ? 'geekblue' : 'blue') : 'default'}>
          {arrivalText(p.transport, p.number, t)}
        </Tag>
      ),
    },
    {
      title: t('logistics.transport.count'),
      key: 'count',
      width: 70,
      align: 'right',
      render: (_, p) => t('logistics.people', { n: p.trainees.length }),
    },
    {
      title: t('logistics.transport.trainees'),
      key: 'names',
      render: (_, p) => (
        <Typography.Paragraph
          className="lg-names"
          style={{ margin: 0 }}
          ellipsis={{
            rows: 2,
            expandable: 'collapsible',
            symbol: (open) => t(open ? 'logistics.less' : 'common.more'),
          }}
        >
          {p.trainees
            .map((x) => (x.arrivalAt !== p.at ? `${x.name}（${chinaClock(x.arrivalAt).slice(11)}）` : x.name))
            .join('、')}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('logistics.transport.arrangement'),
      key: 'arrangement',
      width: 300,
      render: (_, p) =>
        p.vehicle || p.driver || p.note ? (
          <Flex vertical gap={0}>
            <span>
              {p.vehicle ? (
                <>
                  <CarOutlined /> {p.vehicle}
                </>
              ) : null}
              {p.vehicle && p.driver ? ' · ' : ''}
              {p.driver ?? ''}
              {p.driverPhone ? (
                <a href={`tel:${p.driverPhone}`} style={{ marginInlineStart: 6 }}>
                  <PhoneOutlined /> {p.driverPhone}
                </a>
              ) : null}
            </span>
            {p.note ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.note}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="warning">{t('logistics.transport.unarranged')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 70,
      render: (_, p) => (
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('common.edit')}
          onClick={() => setEditing(p)}
          data-testid="lg-pickup-edit"
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="lg-transport">
      <Card size="small" title={t('logistics.transport.title')}>
        {days.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logistics.transport.empty')} />
        ) : (
          <Flex vertical gap={16}>
            {days.map((d) => (
              <div key={d.day}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {d.day}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
                    {t('logistics.transport.dayCount', {
                      groups: d.pickUps.length,
                      n: d.pickUps.reduce((s, p) => s + p.trainees.length, 0),
                    })}
                  </Typography.Text>
                </Typography.Title>
                {screens.md ? (
                  <Table
                    rowKey="key"
                    size="small"
                    columns={columns}
                    dataSource={d.pickUps}
                    pagination={false}
                    scroll={{ x: 760 }}
                    data-testid="lg-pickups"
                    onRow={(p) => ({ 'data-testid': 'lg-pickup', 'data-key': p.key }) as object}
                  />
                ) : (
                  <Flex vertical gap={8}>
                    {d.pickUps.map((p) => (
                      <PickUpCard key={p.key} pickUp={p} onEdit={() => setEditing(p)} />
                    ))}
                  </Flex>
                )}
              </div>
            ))}
          </Flex>
        )}
      </Card>
      <WithoutArrival view={view} />
      <PickUpDrawer classId={view.classId} pickUp={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

/** One pick-up on a phone: the table's columns stacked. */
function PickUpCard({ pickUp: p, onEdit }: { pickUp: PickUpView; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="lg-pickup" data-key={p.key}>
      <Flex justify="space-between" align="center" gap={8}>
        <Space size={8}>
          <Typography.Text strong>{chinaClock(p.at).slice(11)}</Typography.Text>
          <Tag color={p.number ? 'blue' : 'default'}>{arrivalText(p.transport, p.number, t)}</Tag>
          <span>{t('logistics.people', { n: p.trainees.length })}</span>
        </Space>
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('common.edit')}
          onClick={onEdit}
          data-testid="lg-pickup-edit"
        />
      </Flex>
      <Typography.Paragraph
        type="secondary"
        className="lg-names"
        style={{ margin: '4px 0' }}
        ellipsis={{
          rows: 2,
          expandable: 'collapsible',
          symbol: (open) => t(open ? 'logistics.less' : 'common.more'),
        }}
      >
        {p.trainees.map((x) => x.name).join('、')}
      </Typography.Paragraph>
      {p.vehicle || p.driver ? (
        <span>
          {p.vehicle ? (
            <>
              <CarOutlined /> {p.vehicle}
            </>
          ) : null}
          {p.vehicle && p.driver ? ' · ' : ''}
          {p.driver ?? ''}
          {p.driverPhone ? (
            <a href={`tel:${p.driverPhone}`} style={{ marginInlineStart: 6 }}>
              <PhoneOutlined /> {p.driverPhone}
            </a>
          ) : null}
        </span>
      ) : (
        <Typography.Text type="warning">{t('logistics.transport.unarranged')}</Typography.Text>
      )}
    </Card>
  );
}

function WithoutArrival({ view }: { view: LogisticsView }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  if (view.withoutArrival.length === 0) return null;
  const roster = new URLSearchParams(params);
  roster.set('tab', 'roster');
  roster.delete('part');
  return (
    <Card
      size="small"
      title={t('logistics.transport.withoutArrival', { n: view.withoutArrival.length })}
      extra={
        <Link to={`?${roster.toString()}`} data-testid="lg-to-roster">
          {t('logistics.transport.toRoster')}
        </Link>
      }
      data-testid="lg-without-arrival"
    >
      <Space size={[6, 6]} wrap>
        {view.withoutArrival.map((x) => (
          <Tag key={x.enrollmentId}>{x.name}</Tag>
        ))}
      </Space>
    </Card>
  );
}

interface PickUpValues {
  vehicle?: string | null;
  driver?: string | null;
  driverPhone?: string | null;
  note?: string | null;
}

const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The arrangement of one pick-up: vehicle, driver and phone, a note. */
function PickUpDrawer({
  classId,
  pickUp,
  onClose,
}: {
  classId: string;
  pickUp: PickUpView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PickUpValues>();
  const save = useSavePickUp(classId);

  useEffect(() => {
    if (!pickUp) return;
    form.resetFields();
    form.setFieldsValue({
      vehicle: pickUp.vehicle,
      driver: pickUp.driver,
      driverPhone: pickUp.driverPhone,
      note: pickUp.note,
    });
  }, [pickUp, form]);

  const onFinish = async (v: PickUpValues) => {
    if (!pickUp) return;
    try {
      await save.mutateAsync({
        key: pickUp.key,
        body: {
          vehicle: blank(v.vehicle),
          driver: blank(v.driver),
          driverPhone: blank(v.driverPhone),
          note: blank(v.note),
        },
      });
      void message.success(t('logistics.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? problemText(error, t) : errorText(error, t));
    }
  };

  return (
    <FormDrawer
      open={pickUp !== null}
      onClose={onClose}
      title={
        pickUp
          ? `${chinaClock(pickUp.at)} ${arrivalText(pickUp.transport, pickUp.number, t)}`
          : t('logistics.transport.arrangement')
      }
      width={440}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="lg-pickup-save"
    >
      {pickUp ? (
        <Typography.Paragraph type="secondary">
          {t('logistics.people', { n: pickUp.trainees.length })}：
          {pickUp.trainees.map((x) => x.name).join('、')}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="vehicle" label={t('logistics.transport.vehicle')}>
          <Input
            maxLength={40}
            placeholder={t('logistics.transport.vehicleHint')}
            data-testid="lg-pickup-vehicle"
          />
        </Form.Item>
        <Form.Item name="driver" label={t('logistics.transport.driver')}>
          <Input maxLength={40} data-testid="lg-pickup-driver" />
        </Form.Item>
        <Form.Item name="driverPhone" label={t('logistics.transport.driverPhone')}>
          <Input maxLength={20} inputMode="tel" data-testid="lg-pickup-phone" />
        </Form.Item>
        <Form.Item name="note" label={t('logistics.transport.note')}>
          <Input.TextArea rows={2} maxLength={200} data-testid="lg-pickup-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
