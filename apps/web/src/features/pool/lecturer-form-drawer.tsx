import {
  type CreateLecturerBody,
  createLecturerBody,
  LECTURER_KINDS,
  LECTURER_STATUSES,
  type LecturerKind,
  type LecturerView,
  normalizeMobile,
  type UpdateLecturerBody,
} from '@ganxun/domain';
import { Alert, App, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { zodRule } from '../../components/zod-rule';
import { PersonPicker } from '../nominations/person-picker';
import { useCreateLecturer, useUpdateLecturer } from './api';

interface Values {
  kind: LecturerKind;
  name: string;
  affiliation?: string;
  title?: string;
  expertise?: string[];
  mobile?: string;
  email?: string;
  biography?: string;
  status: 'active' | 'inactive';
  /** A person of the directory to link (internal lecturers: "my teaching" for their account). */
  personId?: string;
  /** Editing: remove the existing link. */
  unlink?: boolean;
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** The fields a new and an edited lecturer both send (the mobile is handled apart). */
function commonBody(v: Values) {
  return {
    kind: v.kind,
    name: v.name.trim(),
    affiliation: blank(v.affiliation),
    title: blank(v.title),
    expertise: [...new Set((v.expertise ?? []).map((e) => e.trim()).filter(Boolean))],
    email: blank(v.email),
    biography: blank(v.biography),
    status: v.status,
  };
}

/**
 * Adds a lecturer (no `lecturer`) or edits one. The mobile number is stored encrypted and shown
 * masked: it is never loaded into the form, and when editing an empty field keeps the stored one.
 * An internal lecturer may be linked to a person of the directory the editor can see (their account
 * then shows "my teaching"); an existing link is shown and can be removed or replaced.
 */
export function LecturerFormDrawer({
  open,
  lecturer,
  onClose,
}: {
  open: boolean;
  lecturer: LecturerView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateLecturer();
  const update = useUpdateLecturer();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (lecturer) {
      form.setFieldsValue({
        kind: lecturer.kind,
        name: lecturer.name,
        affiliation: lecturer.affiliation ?? undefined,
        title: lecturer.title ?? undefined,
        expertise: lecturer.expertise,
        email: lecturer.email ?? undefined,
        biography: lecturer.biography ?? undefined,
        status: lecturer.status,
      });
    }
  }, [open, lecturer, form]);

  const required = { required: true, message: t('validation.required') };
  const shape = createLecturerBody.shape;
  const rules = {
    name: [{ ...required, whitespace: true }, zodRule(shape.name, t)] as Rule[],
    affiliation: [zodRule(shape.affiliation, t)] as Rule[],
    title: [zodRule(shape.title, t)] as Rule[],
    expertise: [zodRule(shape.expertise, t)] as Rule[],
    mobile: [
      {
        validator: async (_: unknown, value: string | undefined) => {
          if (value?.trim() && !normalizeMobile(value)) throw new Error(t('pool.lecturerForm.mobileFormat'));
        },
      },
    ] as Rule[],
    email: [
      {
        validator: async (_: unknown, value: string | undefined) => {
          if (value?.trim() && !shape.email.safeParse(value.trim()).success)
            throw new Error(t('pool.lecturerForm.emailFormat'));
        },
      },
    ] as Rule[],
    biography: [zodRule(shape.biography, t)] as Rule[],
  };

  const mobileOf = (v: Values) => normalizeMobile(v.mobile ?? '') ?? v.mobile?.trim() ?? null;

  const submit = async (values: Values) => {
    try {
      if (lecturer) {
        const body: UpdateLecturerBody = commonBody(values);
        if (blank(values.mobile)) body.mobile = mobileOf(values);
        if (values.personId) body.personId = values.personId;
        else if (values.unlink) body.personId = null;
        await update.mutateAsync({ id: lecturer.id, ...body });
        void message.success(t('pool.lecturerForm.updated'));
      } else {
        const body: CreateLecturerBody = {
          ...commonBody(values),
          mobile: blank(values.mobile) ? mobileOf(values) : null,
          personId: values.personId ?? null,
        };
        await create.mutateAsync(body);
        void message.success(t('pool.lecturerForm.created'));
      }
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const half = { xs: 24, sm: 12 };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={
        lecturer
          ? t('pool.lecturerForm.editTitle', { name: lecturer.name })
          : t('pool.lecturerForm.createTitle')
      }
      width={600}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="lecturer-form-submit"
    >
      {lecturer?.personName ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('pool.lecturerForm.linkedPerson', { name: lecturer.personName })}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'external', status: 'active', expertise: [] }}
        data-testid="lecturer-form"
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="name" label={t('pool.lecturerForm.name')} rules={rules.name}>
              <Input maxLength={50} autoComplete="off" data-testid="lecturer-form-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('pool.lecturerForm.kind')} rules={[required]}>
              <Radio.Group
                optionType="button"
                options={LECTURER_KINDS.map((k) => ({ value: k, label: t(`pool.lecturerKind.${k}`) }))}
                data-testid="lecturer-form-kind"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="affiliation"
              label={t('pool.lecturerForm.affiliation')}
              rules={rules.affiliation}
            >
              <Input maxLength={200} placeholder={t('pool.lecturerForm.affiliationPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="title" label={t('pool.lecturerForm.jobTitle')} rules={rules.title}>
              <Input maxLength={100} placeholder={t('pool.lecturerForm.jobTitlePlaceholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="expertise"
              label={t('pool.lecturerForm.expertise')}
              rules={rules.expertise}
              extra={t('pool.lecturerForm.expertiseHint')}
            >
              <Select mode="tags" open={false} suffixIcon={null} data-testid="lecturer-form-expertise" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="mobile"
              label={t('pool.lecturerForm.mobile')}
              rules={rules.mobile}
              extra={lecturer?.mobile ? t('pool.lecturerForm.mobileKeep') : undefined}
            >
              <Input maxLength={20} autoComplete="off" placeholder={lecturer?.mobile ?? undefined} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="email" label={t('pool.lecturerForm.email')} rules={rules.email}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="biography" label={t('pool.lecturerForm.biography')} rules={rules.biography}>
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
          </Col>
          {kind === 'internal' ? (
            <Col span={24}>
              <Form.Item
                name="personId"
                label={
                  lecturer?.personName ? t('pool.lecturerForm.personReplace') : t('pool.lecturerForm.person')
                }
                extra={t('pool.lecturerForm.personHint')}
              >
                <PersonPicker testId="lecturer-form-person" />
              </Form.Item>
              {lecturer?.personName ? (
                <Form.Item name="unlink" valuePropName="checked">
                  <Checkbox>{t('pool.lecturerForm.unlink', { name: lecturer.personName })}</Checkbox>
                </Form.Item>
              ) : null}
            </Col>
          ) : null}
          <Col {...half}>
            <Form.Item name="status" label={t('pool.lecturerForm.status')} rules={[required]}>
              <Select options={LECTURER_STATUSES.map((s) => ({ value: s, label: t(`pool.status.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
