import {
  ENROLLMENT_ROLES,
  type EnrollmentRole,
  type EnrollmentView,
  TRANSPORT_MODES,
  type UpdateEnrollmentBody,
} from '@ganxun/domain';
import { App, Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { useGroups, useUpdateEnrollment } from './api';

interface Values {
  groupId?: string | null;
  role: EnrollmentRole;
  arrivalAt?: string | null;
  arrivalTransport?: (typeof TRANSPORT_MODES)[number] | null;
  arrivalNumber?: string;
  returnTicketNeeded: boolean;
  accommodation?: string;
  note?: string;
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Edits one trainee's place in the class: group, role, arrival, accommodation, note. */
export function EnrollmentDrawer({
  classId,
  enrollment,
  onClose,
}: {
  classId: string;
  enrollment: EnrollmentView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const groups = useGroups(classId);
  const update = useUpdateEnrollment(classId);

  useEffect(() => {
    if (!enrollment) return;
    form.resetFields();
    form.setFieldsValue({
      groupId: enrollment.groupId,
      role: enrollment.role,
      arrivalAt: enrollment.arrivalAt,
      arrivalTransport: enrollment.arrivalTransport,
      arrivalNumber: enrollment.arrivalNumber ?? undefined,
      returnTicketNeeded: enrollment.returnTicketNeeded,
      accommodation: enrollment.accommodation ?? undefined,
      note: enrollment.note ?? undefined,
    });
  }, [enrollment, form]);

  const submit = async (v: Values) => {
    if (!enrollment) return;
    const body: UpdateEnrollmentBody = {
      groupId: v.groupId ?? null,
      role: v.role,
      arrivalAt: v.arrivalAt ?? null,
      arrivalTransport: v.arrivalTransport ?? null,
      arrivalNumber: blank(v.arrivalNumber),
      returnTicketNeeded: v.returnTicketNeeded,
      accommodation: blank(v.accommodation),
      note: blank(v.note),
    };
    try {
      await update.mutateAsync({ id: enrollment.id, ...body });
      void message.success(t('nominations.enrollment.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <FormDrawer
      open={!!enrollment}
      onClose={onClose}
      title={t('nominations.enrollment.title', { name: enrollment?.person.name ?? '' })}
      width={560}
      onSave={() => form.submit()}
      saving={update.isPending}
      saveTestId="enrollment-submit"
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="enrollment-form">
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="groupId" label={t('nominations.enrollment.group')}>
              <Select
                allowClear
                placeholder={t('nominations.enrollment.noGroup')}
                options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
                data-testid="enrollment-group"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="role" label={t('nominations.enrollment.role')}>
              <Select
                options={ENROLLMENT_ROLES.map((r) => ({ value: r, label: t(`nominations.role.${r}`) }))}
                data-testid="enrollment-role"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="arrivalAt"
              label={t('nominations.enrollment.arrivalAt')}
              getValueProps={(v?: string | null) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(d?: Dayjs | null) => (d ? d.format() : null)}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="arrivalTransport" label={t('nominations.enrollment.transport')}>
              <Select
                allowClear
                options={TRANSPORT_MODES.map((m) => ({ value: m, label: t(`nominations.transport.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="arrivalNumber" label={t('nominations.enrollment.number')} rules={[{ max: 20 }]}>
              <Input maxLength={20} placeholder="G1234 / CZ3456" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="returnTicketNeeded"
              label={t('nominations.enrollment.returnTicket')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="accommodation"
              label={t('nominations.enrollment.accommodation')}
              rules={[{ max: 200 }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('nominations.enrollment.note')}>
              <Input.TextArea rows={3} maxLength={500} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
