import type { ClassAction, ClassView } from '@ganxun/domain';
import { multilineText } from '@ganxun/domain';
import { Alert, App, Button, type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useTransition } from './api';

/**
 * The lifecycle buttons of a class, as many as `cls.actions` allows the reader now. Each opens a
 * confirmation with an optional note for the timeline; cancelling requires a reason. A refused
 * move (publish with missing dates, say) lists the server's reasons in the dialog.
 */
export function ClassActions({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<ClassAction | null>(null);
  if (cls.actions.length === 0) return null;
  return (
    <>
      {cls.actions.map((a) => (
        <Button
          key={a}
          type={a === 'publish' || a === 'start' ? 'primary' : 'default'}
          danger={a === 'cancel'}
          onClick={() => setAction(a)}
          data-testid={`class-action-${a}`}
        >
          {t(`classes.action.${a}`)}
        </Button>
      ))}
      <TransitionModal cls={cls} action={action} onClose={() => setAction(null)} />
    </>
  );
}

function TransitionModal({
  cls,
  action,
  onClose,
}: {
  cls: ClassView;
  action: ClassAction | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const transition = useTransition();
  const [problems, setProblems] = useState<string[]>([]);
  const cancel = action === 'cancel';

  const close = () => {
    setProblems([]);
    form.resetFields();
    transition.reset();
    onClose();
  };

  const submit = async ({ reason }: { reason?: string }) => {
    if (!action) return;
    setProblems([]);
    try {
      await transition.mutateAsync({ id: cls.id, action, reason: reason?.trim() || null });
      void message.success(t('classes.actionDone', { action: t(`classes.action.${action}`) }));
      close();
    } catch (error) {
      if (error instanceof ApiError && error.fields.length) {
        const reasonError = error.fields.find((f) => f.path === 'reason');
        if (reasonError) form.setFields([{ name: 'reason', errors: [reasonError.message] }]);
        setProblems(
          error.fields
            .filter((f) => f.path !== 'reason')
            .map((f) => {
              const label = fieldLabel(f.path, t);
              return label ? t('classes.problem', { field: label, message: f.message }) : f.message;
            }),
        );
      } else {
        setProblems([errorText(error, t)]);
      }
    }
  };

  return (
    <Modal
      open={!!action}
      title={
        action ? t('classes.actionTitle', { action: t(`classes.action.${action}`), name: cls.name }) : ''
      }
      okText={action ? t(`classes.action.${action}`) : undefined}
      okButtonProps={{ danger: cancel, 'data-testid': 'class-action-confirm' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={transition.isPending}
      forceRender
    >
      {action ? (
        <Typography.Paragraph type="secondary">{t(`classes.actionHint.${action}`)}</Typography.Paragraph>
      ) : null}
      {problems.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('classes.actionRefused')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="class-action-problems"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={cancel ? t('classes.cancelReason') : t('classes.actionNote')}
          rules={[
            ...(cancel
              ? [{ required: true, whitespace: true, message: t('classes.cancelReasonRequired') }]
              : []),
            zodRule(multilineText(1000), t),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={1000}
            data-testid="class-action-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const FIELD_LABELS = {
  startDate: 'startDate',
  endDate: 'endDate',
  capacity: 'capacity',
  nominationDeadline: 'nominationDeadline',
  name: 'name',
  kind: 'kind',
  leadOrganiserId: 'leadOrganiser',
} as const;

/** The label of a class field a server error points at (publish problems), if it is one we know. */
function fieldLabel(path: string, t: TFunction): string | null {
  const field = FIELD_LABELS[path as keyof typeof FIELD_LABELS];
  return field ? String(t(`classes.field.${field}`)) : null;
}
