import {
  type ClassView,
  CONTINGENCY_TYPES,
  type ContingencyType,
  INCIDENT_SEVERITIES,
  type IncidentSeverity,
  incidentBody,
} from '@ganxun/domain';
import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { useClassPlans, useClassTrainees, useReportIncident } from './api';

interface Values {
  occurredAt: Dayjs;
  type: ContingencyType;
  severity: IncidentSeverity;
  title: string;
  description: string;
  affectedEnrollmentIds: string[];
  planId?: string;
}

/** 报告突发事件: when, what kind, how serious, what happened, who is concerned, which plan applies. */
export function ReportDrawer({
  cls,
  open,
  onClose,
  onReported,
}: {
  cls: ClassView;
  open: boolean;
  onClose: () => void;
  onReported: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const report = useReportIncident(cls.id);
  const trainees = useClassTrainees(cls.id, open);
  const plans = useClassPlans(cls.id);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        occurredAt: dayjs(),
        severity: 'low',
        type: 'illness_injury',
        affectedEnrollmentIds: [],
      });
    }
  }, [open, form]);

  const submit = async (v: Values) => {
    try {
      const created = await report.mutateAsync({
        occurredAt: v.occurredAt.toISOString(),
        type: v.type,
        severity: v.severity,
        title: v.title.trim(),
        description: v.description.trim(),
        affectedEnrollmentIds: v.affectedEnrollmentIds ?? [],
        planId: v.planId ?? null,
      });
      void message.success(t('incidents.form.reported'));
      onClose();
      onReported(created.id);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length || !(error instanceof ApiError && error.fields.length > 0)) {
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
      }
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('incidents.form.title')}
      width={560}
      onSave={() => form.submit()}
      saving={report.isPending}
      saveTestId="inc-report-save"
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="inc-report-form">
        <Form.Item name="occurredAt" label={t('incidents.form.occurredAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="inc-occurred-at"
          />
        </Form.Item>
        <Form.Item name="type" label={t('incidents.form.type')} rules={[{ required: true }]}>
          <Select
            options={CONTINGENCY_TYPES.map((k) => ({ value: k, label: t(`incidents.type.${k}`) }))}
            data-testid="inc-type"
          />
        </Form.Item>
        <Form.Item name="severity" label={t('incidents.form.severity')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: t(`incidents.severity.${s}`) }))}
            data-testid="inc-severity"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('incidents.form.eventTitle')}
          rules={[{ required: true }, zodRule(incidentBody.shape.title, t)]}
        >
          <Input placeholder={t('incidents.form.eventTitlePlaceholder')} data-testid="inc-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('incidents.form.description')}
          rules={[{ required: true, whitespace: true }, zodRule(incidentBody.shape.description, t)]}
        >
          <Input.TextArea rows={4} data-testid="inc-description" />
        </Form.Item>
        <Form.Item name="affectedEnrollmentIds" label={t('incidents.form.affected')}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            placeholder={t('incidents.form.affectedPlaceholder')}
            loading={trainees.isPending}
            options={(trainees.data?.items ?? []).map((e) => ({
              value: e.id,
              label: e.person.unitName ? `${e.person.name}（${e.person.unitName}）` : e.person.name,
            }))}
            data-testid="inc-affected"
          />
        </Form.Item>
        <Form.Item name="planId" label={t('incidents.form.plan')}>
          <Select
            allowClear
            placeholder={t('incidents.form.planPlaceholder')}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
            data-testid="inc-plan"
          />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
