import {
  CarOutlined,
  CheckCircleFilled,
  EnvironmentOutlined,
  HomeOutlined,
  MinusCircleOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import type { DietaryNeed, MyLogisticsView } from '@ganxun/domain';
import { Alert, App, Button, Card, Empty, Flex, Form, Segmented, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { useMyClassesForStay, useMyStay, useSaveMyNeeds } from './api';
import { arrivalText, problemText } from './labels';
import { chinaClock, defaultStayClass, stayClasses } from './logic';
import { NeedFields } from './meals-part';
import './logistics.css';

/** /my-stay: the trainee's room, pick-up, materials and meal needs in a class, phone first. */
export default function MyStayPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const mine = useMyClassesForStay();
  const classes = stayClasses(mine.data?.items ?? []);
  const current = defaultStayClass(classes, params.get('class'), dayjs().format('YYYY-MM-DD'));
  const stay = useMyStay(current?.classId);

  const pick = (classId: string) => {
    const next = new URLSearchParams(params);
    next.set('class', classId);
    setParams(next, { replace: true });
  };

  return (
    <div className="lg-phone" data-testid="lg-my-stay">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('logistics.myStay.title')}
      </Typography.Title>
      {classes.length > 1 ? (
        classes.length <= 2 ? (
          <Segmented
            block
            value={current?.classId}
            onChange={(v) => pick(String(v))}
            data-testid="lg-my-class"
            options={classes.map((c) => ({
              value: c.classId,
              label: <span className="lg-seg-label">{c.name}</span>,
            }))}
          />
        ) : (
          <Select
            value={current?.classId}
            onChange={pick}
            data-testid="lg-my-class"
            options={classes.map((c) => ({ value: c.classId, label: c.name }))}
          />
        )
      ) : null}
      {mine.isPending ? (
        <Skeleton active />
      ) : mine.isError ? (
        <Alert type="error" showIcon title={errorText(mine.error, t)} />
      ) : !current ? (
        <Card>
          <Empty description={t('logistics.myStay.noClasses')} data-testid="lg-my-none" />
        </Card>
      ) : stay.isPending ? (
        <Skeleton active />
      ) : stay.isError ? (
        <Alert type="error" showIcon title={errorText(stay.error, t)} />
      ) : (
        <StayCards view={stay.data} />
      )}
    </div>
  );
}

function StayCards({ view }: { view: MyLogisticsView }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Text type="secondary" data-testid="lg-my-class-name">
        {t('logistics.myStay.of', { name: view.className })}
      </Typography.Text>
      <Card size="small" title={t('logistics.myStay.room')} data-testid="lg-my-room">
        {view.room ? (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong style={{ fontSize: 16 }}>
                <HomeOutlined /> {view.room.hotel}
              </Typography.Text>
              <span className="lg-my-room-no" data-testid="lg-my-room-number">
                {view.room.number}
              </span>
            </Flex>
            {view.room.address ? (
              <Typography.Text type="secondary">
                <EnvironmentOutlined /> {view.room.address}
              </Typography.Text>
            ) : null}
            {view.room.phone ? (
              <a href={`tel:${view.room.phone}`}>
                <PhoneOutlined /> {view.room.phone}
              </a>
            ) : null}
            <Typography.Text>
              {t('logistics.myStay.roommates')}：
              {view.room.roommates.length ? view.room.roommates.join('、') : t('logistics.myStay.alone')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('logistics.myStay.noRoom')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('logistics.myStay.pickUp')} data-testid="lg-my-pickup">
        {view.pickUp ? (
          <Flex vertical gap={6}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {chinaClock(view.pickUp.at)}
              </Typography.Text>
              <Typography.Text>{arrivalText(view.pickUp.transport, view.pickUp.number, t)}</Typography.Text>
            </Flex>
            {view.pickUp.vehicle ? (
              <Typography.Text>
                <CarOutlined /> {view.pickUp.vehicle}
              </Typography.Text>
            ) : null}
            {view.pickUp.note ? (
              <Typography.Text data-testid="lg-my-pickup-note">{view.pickUp.note}</Typography.Text>
            ) : null}
            {view.pickUp.driver || view.pickUp.driverPhone ? (
              <Flex justify="space-between" align="center" gap={8}>
                <Typography.Text>
                  {t('logistics.transport.driver')}：{view.pickUp.driver ?? '—'}
                </Typography.Text>
                {view.pickUp.driverPhone ? (
                  <Button
                    href={`tel:${view.pickUp.driverPhone}`}
                    icon={<PhoneOutlined />}
                    className="gx-tap"
                    data-testid="lg-my-driver-call"
                  >
                    {view.pickUp.driverPhone}
                  </Button>
                ) : null}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('logistics.myStay.pickUpPending')}</Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('logistics.myStay.noPickUp')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('logistics.myStay.materials')} data-testid="lg-my-materials">
        {view.materials.length === 0 ? (
          <Typography.Text type="secondary">{t('logistics.myStay.noMaterials')}</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            {view.materials.map((m) => (
              <Flex key={m.name} justify="space-between" align="center" data-testid="lg-my-material">
                <span>
                  {m.handed ? (
                    <CheckCircleFilled style={{ color: '#52c41a' }} data-testid="lg-my-handed" />
                  ) : (
                    <MinusCircleOutlined style={{ color: '#bfbfbf' }} />
                  )}{' '}
                  {m.name}
                  {m.quantity > 1 ? ` ×${m.quantity}` : ''}
                </span>
                <Typography.Text type={m.handed ? 'success' : 'secondary'}>
                  {t(m.handed ? 'logistics.materials.handed' : 'logistics.materials.notHanded')}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
      <NeedsCard view={view} />
    </>
  );
}

interface NeedValues {
  dietaryNeed: DietaryNeed;
  dietaryNote?: string | null;
  singleRoom: boolean;
}

function NeedsCard({ view }: { view: MyLogisticsView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NeedValues>();
  const save = useSaveMyNeeds(view.classId);

  useEffect(() => {
    form.setFieldsValue({
      dietaryNeed: view.dietaryNeed ?? 'none',
      dietaryNote: view.dietaryNote,
      singleRoom: view.singleRoom,
    });
  }, [view, form]);

  const onFinish = async (v: NeedValues) => {
    try {
      await save.mutateAsync({
        dietaryNeed: v.dietaryNeed,
        dietaryNote: v.dietaryNote?.trim() ? v.dietaryNote.trim() : null,
        singleRoom: v.singleRoom,
      });
      void message.success(t('logistics.saved'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? problemText(error, t) : errorText(error, t));
    }
  };

  return (
    <Card size="small" title={t('logistics.myStay.needs')} data-testid="lg-my-needs">
      {view.canEdit ? null : (
        <Alert type="info" showIcon title={t('logistics.myStay.locked')} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <NeedFields disabled={!view.canEdit} />
        {view.canEdit ? (
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={save.isPending}
            data-testid="lg-my-save"
          >
            {t('common.save')}
          </Button>
        ) : null}
      </Form>
    </Card>
  );
}
