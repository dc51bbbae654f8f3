import { multilineText, type PlanItemView, text } from '@ganxun/domain';
import { App, Col, DatePicker, Form, Grid, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useClassKinds } from '../classes/api';
import { useAddPlanItem, useUpdatePlanItem } from './api';

interface Values {
  name: string;
  kind: string;
  windowStart: string;
  windowEnd: string;
  startDate?: string;
  endDate?: string;
  targetAudience?: string;
  size: number;
  count: number;
  note?: string;
}

const monthProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(`${v}-01`) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM') : undefined),
};
const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/** Adds a planned item to a plan (no `item`) or edits one: a line of classes in a window of months. */
export function PlanItemModal({
  open,
  planId,
  year,
  item,
  onClose,
}: {
  open: boolean;
  planId: string;
  year: number;
  item: PlanItemView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const kinds = useClassKinds();
  const add = useAddPlanItem();
  const update = useUpdatePlanItem();
  const windowStart = Form.useWatch('windowStart', form);
  const startDate = Form.useWatch('startDate', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item)
      form.setFieldsValue({
        name: item.name,
        kind: item.kind,
        windowStart: item.windowStart,
        windowEnd: item.windowEnd,
        startDate: item.startDate ?? undefined,
        endDate: item.endDate ?? undefined,
        targetAudience: item.targetAudience ?? undefined,
        size: item.size,
        count: item.count,
        note: item.note ?? undefined,
      });
    else form.setFieldsValue({ count: 1 });
  }, [open, item, form]);

  const submit = async (v: Values) => {
    const body = {
      name: v.name.trim(),
      kind: v.kind,
      windowStart: v.windowStart,
      windowEnd: v.windowEnd,
      startDate: v.startDate ?? null,
      endDate: v.endDate ?? null,
      targetAudience: v.targetAudience?.trim() ? v.targetAudience : null,
      size: Number(v.size),
      count: Number(v.count),
      note: v.note?.trim() ? v.note : null,
    };
    try {
      if (item) await update.mutateAsync({ planId, itemId: item.id, ...body });
      else await add.mutateAsync({ planId, ...body });
      void message.success(t('common.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const required = { required: true, message: t('validation.required') };
  const after = (field: keyof Values): Rule => ({
    validator: async (_: unknown, value?: string) => {
      const from = form.getFieldValue(field) as string | undefined;
      if (value && from && value < from) throw new Error(t('classes.form.endBeforeStart'));
    },
  });
  const half = { xs: 24, sm: 12 };
  const inYear = (d: Dayjs) => d.year() !== year;

  return (
    <Modal
      open={open}
      title={item ? t('classes.plans.editItem') : t('classes.plans.addItem')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending || update.isPending}
      width={screens.md ? 680 : undefined}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="plan-item-form">
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('classes.plans.itemName')}
              rules={[{ ...required, whitespace: true }, zodRule(text(200), t)]}
            >
              <Input maxLength={200} data-testid="plan-item-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('classes.field.kind')} rules={[required]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={kinds.options}
                loading={kinds.loading}
                data-testid="plan-item-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="size" label={t('classes.plans.size')} rules={[required]}>
              <InputNumber
                min={1}
                max={100_000}
                precision={0}
                style={{ width: '100%' }}
                data-testid="plan-item-size"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="count" label={t('classes.plans.count')} rules={[required]}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="windowStart"
              label={t('classes.plans.windowStart')}
              rules={[required]}
              {...monthProps}
            >
              <DatePicker
                picker="month"
                style={{ width: '100%' }}
                disabledDate={inYear}
                data-testid="plan-item-from"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="windowEnd"
              label={t('classes.plans.windowEnd')}
              rules={[required, after('windowStart')]}
              dependencies={['windowStart']}
              {...monthProps}
            >
              <DatePicker
                picker="month"
                style={{ width: '100%' }}
                disabledDate={(d) => inYear(d) || (!!windowStart && d.format('YYYY-MM') < windowStart)}
                data-testid="plan-item-to"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="startDate"
              label={t('classes.field.startDate')}
              extra={t('classes.plans.datesOptional')}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="endDate"
              label={t('classes.field.endDate')}
              rules={[after('startDate')]}
              dependencies={['startDate']}
              {...dateProps}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => !!startDate && d.format('YYYY-MM-DD') < startDate}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="targetAudience"
              label={t('classes.field.targetAudience')}
              rules={[zodRule(multilineText(1000), t)]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('classes.plans.note')} rules={[zodRule(multilineText(1000), t)]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
