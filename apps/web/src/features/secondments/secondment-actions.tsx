import {
  changeAllowed,
  SECONDMENT_CHANGE_KINDS,
  type SecondmentAction,
  type SecondmentChangeKind,
  type SecondmentDetailView,
} from '@ganxun/domain';
import { App, Button, type ButtonProps, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { useRequestChange, useSecondmentAction } from './api';
import { today } from './parts';

const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/**
 * The buttons of the actions the reader may take now (`actions` from the server): start and
 * complete ask for the day (default today), cancel for a reason.
 */
export function SecondmentActionButtons({ s }: { s: SecondmentDetailView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const act = useSecondmentAction();
  const [open, setOpen] = useState<SecondmentAction | null>(null);
  const [form] = Form.useForm<{ date?: string; reason?: string }>();

  const submit = async (v: { date?: string; reason?: string }) => {
    if (!open) return;
    try {
      await act.mutateAsync({
        id: s.id,
        action: open,
        ...(open === 'cancel' ? { reason: v.reason?.trim() } : { date: v.date }),
      });
      void message.success(t('secondments.action.done'));
      setOpen(null);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const titles: Record<SecondmentAction, string> = {
    start: t('secondments.action.startTitle'),
    complete: t('secondments.action.completeTitle'),
    cancel: t('secondments.action.cancelTitle'),
  };

  return (
    <>
      {s.actions.map((a) => (
        <Button
          key={a}
          type={a === 'cancel' ? 'default' : 'primary'}
          danger={a === 'cancel'}
          onClick={() => {
            form.resetFields();
            form.setFieldsValue({ date: today() });
            setOpen(a);
          }}
          data-testid={`secondment-action-${a}`}
        >
          {t(`secondments.action.${a}`)}
        </Button>
      ))}
      <Modal
        open={!!open}
        title={open ? titles[open] : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: act.isPending, 'data-testid': 'secondment-action-confirm' } as ButtonProps}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          {open === 'cancel' ? (
            <Form.Item
              name="reason"
              label={t('secondments.action.reason')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="secondment-action-reason" />
            </Form.Item>
          ) : (
            <Form.Item
              name="date"
              label={t(
                open === 'complete' ? 'secondments.action.completeDate' : 'secondments.action.startDate',
              )}
              rules={[{ required: true, message: t('validation.required') }]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="secondment-action-date" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** "申请变更": an extension or an early end with the new end and a reason. */
export function ChangeRequestButton({ s }: { s: SecondmentDetailView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ask = useRequestChange();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ kind: SecondmentChangeKind; newEnd: string; reason: string }>();
  const kinds = SECONDMENT_CHANGE_KINDS.filter((k) => changeAllowed(s.status, k));
  const pending = s.changes.some((c) => c.status === 'pending');
  if (!s.canRequestChange || kinds.length === 0) return null;

  const submit = async (v: { kind: SecondmentChangeKind; newEnd: string; reason: string }) => {
    try {
      await ask.mutateAsync({ id: s.id, kind: v.kind, newEnd: v.newEnd, reason: v.reason.trim() });
      void message.success(t('secondments.change.submitted'));
      setOpen(false);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <>
      <Button
        disabled={pending}
        onClick={() => {
          form.resetFields();
          form.setFieldsValue({ kind: kinds[0] });
          setOpen(true);
        }}
        data-testid="secondment-change-request"
      >
        {t('secondments.change.request')}
      </Button>
      <Modal
        open={open}
        title={t('secondments.change.title')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: ask.isPending, 'data-testid': 'secondment-change-submit' } as ButtonProps}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="kind" label={t('secondments.change.kind')} rules={[{ required: true }]}>
            <Radio.Group
              options={kinds.map((k) => ({ value: k, label: t(`secondments.change.kinds.${k}`) }))}
              data-testid="secondment-change-kind"
            />
          </Form.Item>
          <Form.Item
            name="newEnd"
            label={t('secondments.change.newEnd')}
            extra={`${t('secondments.change.previousEnd')}: ${s.plannedEnd}`}
            rules={[{ required: true, message: t('validation.required') }]}
            {...dateProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="secondment-change-new-end" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('secondments.change.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="secondment-change-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
