import { type PlanItemView, text } from '@ganxun/domain';
import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useScheduleItem } from './api';
import { monthWindow } from './status';

interface Values {
  name: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
}

/** Turns a planned item into a draft class (dates may wait), then opens the new class. */
export function ScheduleModal({
  planId,
  item,
  onClose,
}: {
  planId: string;
  item: PlanItemView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const schedule = useScheduleItem();

  useEffect(() => {
    if (!item) return;
    form.resetFields();
    const n = item.classes.length + 1;
    form.setFieldsValue({
      name: item.count > 1 ? t('classes.plans.scheduleName', { name: item.name, n }) : item.name,
      dates:
        item.startDate && item.classes.length === 0
          ? [dayjs(item.startDate), item.endDate ? dayjs(item.endDate) : null]
          : null,
    });
  }, [item, form, t]);

  const submit = async (v: Values) => {
    if (!item) return;
    try {
      const cls = await schedule.mutateAsync({
        planId,
        itemId: item.id,
        name: v.name.trim(),
        startDate: v.dates?.[0]?.format('YYYY-MM-DD') ?? null,
        endDate: v.dates?.[1]?.format('YYYY-MM-DD') ?? null,
      });
      void message.success(t('classes.plans.scheduled', { code: cls.code }));
      onClose();
      navigate(`/classes/${cls.id}`);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const windowStart = item ? dayjs(`${item.windowStart}-01`) : null;
  return (
    <Modal
      open={!!item}
      title={t('classes.plans.scheduleTitle', { name: item?.name ?? '' })}
      okText={t('classes.plans.scheduleOk')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={schedule.isPending}
      forceRender
    >
      {item ? (
        <Typography.Paragraph type="secondary">
          {t('classes.plans.scheduleHint', {
            window: monthWindow(item.windowStart, item.windowEnd),
            done: item.classes.length,
            count: item.count,
          })}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="schedule-form">
        <Form.Item
          name="name"
          label={t('classes.field.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            zodRule(text(200), t),
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="dates" label={t('classes.field.dates')} extra={t('classes.plans.scheduleDatesHint')}>
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            style={{ width: '100%' }}
            defaultPickerValue={windowStart ? [windowStart, windowStart] : undefined}
            data-testid="schedule-dates"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
