import {
  INCIDENT_ACTION_KINDS,
  type IncidentActionKind,
  type IncidentDetailView,
  incidentActionBody,
  incidentTransition,
} from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Form,
  Grid,
  Input,
  Select,
  Space,
  Spin,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { zodRule } from '../../components/zod-rule';
import { useIncident, useIncidentAction } from './api';
import { chinaTime, minutesText, SeverityTag, StatusTag } from './tags';

const KIND_COLOR: Record<IncidentActionKind, string> = {
  action: 'blue',
  resolve: 'green',
  review: 'gray',
  reopen: 'orange',
};

/** One incident: what happened, its timeline of actions, and a form to record the next one. */
export function IncidentDrawer({
  classId,
  id,
  onClose,
}: {
  classId: string;
  id: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const incident = useIncident(classId, id);
  const view = incident.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={screens.md ? 620 : '100%'}
      title={view ? view.title : t('incidents.detail.title')}
      destroyOnHidden
    >
      {incident.isPending ? (
        <Spin />
      ) : incident.isError ? (
        <Alert type="error" message={errorText(incident.error, t)} />
      ) : view ? (
        <div data-testid="inc-detail">
          <Descriptions
            size="small"
            column={screens.sm ? 2 : 1}
            bordered
            styles={{ label: { whiteSpace: 'nowrap', width: 96 } }}
          >
            <Descriptions.Item label={t('incidents.incidents.status')}>
              <StatusTag status={view.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.incidents.severity')}>
              <SeverityTag severity={view.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.form.type')}>
              {t(`incidents.type.${view.type}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.incidents.occurredAt')}>
              {chinaTime(view.occurredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.incidents.toFirst')}>
              {minutesText(view.toFirstAction, t)}
            </Descriptions.Item>
            <Descriptions.Item label={t('incidents.incidents.toResolve')}>
              {minutesText(view.toResolution, t)}
            </Descriptions.Item>
            {view.affected.length ? (
              <Descriptions.Item label={t('incidents.detail.affected')} span={2}>
                {view.affected.map((a) => a.name).join('、')}
              </Descriptions.Item>
            ) : null}
            {view.plan ? (
              <Descriptions.Item label={t('incidents.detail.plan')} span={2}>
                {view.plan.title}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('incidents.detail.description')} span={2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {view.description}
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>

          <Divider titlePlacement="start">{t('incidents.detail.timeline')}</Divider>
          <Timeline
            data-testid="inc-timeline"
            items={[
              {
                color: 'red',
                content: (
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>
                      {chinaTime(view.reportedAt)}{' '}
                      {t('incidents.detail.reportedBy', { name: view.reportedBy.name })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('incidents.detail.happened')} {chinaTime(view.occurredAt)}
                    </Typography.Text>
                  </Space>
                ),
              },
              ...view.actions.map((a) => ({
                key: a.id,
                color: KIND_COLOR[a.kind],
                content: (
                  <Space direction="vertical" size={0} data-testid="inc-timeline-item" data-kind={a.kind}>
                    <Typography.Text strong>
                      {chinaTime(a.at)} {t(`incidents.kind.${a.kind}`)} · {a.by.name}
                    </Typography.Text>
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{a.text}</Typography.Text>
                  </Space>
                ),
              })),
            ]}
          />
          <ActionForm classId={classId} incident={view} />
        </div>
      ) : null}
    </Drawer>
  );
}

interface Values {
  kind: IncidentActionKind;
  text: string;
  at?: Dayjs | null;
}

function ActionForm({ classId, incident }: { classId: string; incident: IncidentDetailView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = useIncidentAction(classId, incident.id);
  const kinds = INCIDENT_ACTION_KINDS.filter((k) => incidentTransition(incident.status, k) !== null);
  const first = kinds[0];

  useEffect(() => {
    form.setFieldsValue({ kind: first });
  }, [first, form]);

  const submit = async (v: Values) => {
    try {
      await act.mutateAsync({
        kind: v.kind,
        text: v.text.trim(),
        ...(v.at ? { at: v.at.toISOString() } : {}),
      });
      void message.success(t('incidents.detail.added'));
      form.resetFields();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length || !(error instanceof ApiError && error.fields.length > 0)) {
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
      }
    }
  };

  return (
    <>
      <Divider titlePlacement="start">{t('incidents.detail.addTitle')}</Divider>
      {incident.status === 'reviewed' ? (
        <Typography.Paragraph type="secondary">{t('incidents.detail.closed')}</Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} data-testid="inc-action-form">
        <Space wrap align="start">
          <Form.Item name="kind" label={t('incidents.detail.kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={kinds.map((k) => ({ value: k, label: t(`incidents.kind.${k}`) }))}
              data-testid="inc-action-kind"
            />
          </Form.Item>
          <Form.Item name="at" label={t('incidents.detail.at')} extra={t('incidents.detail.atHint')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="inc-action-at"
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="text"
          label={t('incidents.detail.text')}
          rules={[{ required: true, whitespace: true }, zodRule(incidentActionBody.shape.text, t)]}
        >
          <Input.TextArea rows={3} data-testid="inc-action-text" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="inc-action-save">
          {t('incidents.detail.add')}
        </Button>
      </Form>
    </>
  );
}
