import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreatePartnershipBody,
  multilineText,
  PARTNERSHIP_SIDES,
  PARTNERSHIP_STATUSES,
  type PartnershipContact,
  type PartnershipSide,
  type PartnershipStatus,
  type PartnershipView,
  text,
} from '@ganxun/domain';
import { App, Button, Col, Divider, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { zodRule } from '../../components/zod-rule';
import { useCreatePartnership, useUpdatePartnership } from './api';
import { useProgrammes } from './labels';

interface SideValues {
  regionCode?: string;
  unitId?: string | null;
}

interface ContactValues {
  side?: PartnershipSide;
  name?: string;
  post?: string | null;
  phone?: string | null;
}

export interface PartnershipFormValues {
  name?: string;
  programme?: string;
  sideA?: SideValues;
  sideB?: SideValues;
  startYear?: number;
  endYear?: number | null;
  status?: PartnershipStatus;
  contacts?: ContactValues[];
  note?: string | null;
}

const PHONE = /^[0-9+\-() ]{5,30}$/;
const blank = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function toValues(p: PartnershipView): PartnershipFormValues {
  return {
    name: p.name,
    programme: p.programme,
    sideA: { regionCode: p.sideA.regionCode, unitId: p.sideA.unitId },
    sideB: { regionCode: p.sideB.regionCode, unitId: p.sideB.unitId },
    startYear: p.startYear,
    endYear: p.endYear,
    status: p.status,
    contacts: p.contacts.map((c) => ({ ...c })),
    note: p.note,
  };
}

function toBody(v: PartnershipFormValues): CreatePartnershipBody {
  const side = (s?: SideValues) => ({ regionCode: s?.regionCode ?? '', unitId: s?.unitId ?? null });
  return {
    name: (v.name ?? '').trim(),
    programme: v.programme ?? '',
    sideA: side(v.sideA),
    sideB: side(v.sideB),
    startYear: v.startYear ?? new Date().getFullYear(),
    endYear: v.endYear ?? null,
    status: v.status ?? 'active',
    contacts: (v.contacts ?? []).map(
      (c): PartnershipContact => ({
        side: c.side ?? 'a',
        name: (c.name ?? '').trim(),
        post: blank(c.post),
        phone: blank(c.phone),
      }),
    ),
    note: blank(v.note),
  };
}

/**
 * Creates a pairing (no `partnership`; opens it on success) or edits one: two sides (a region,
 * optionally a unit inside it), programme, years, status, contacts and a note. The sides of an
 * existing pairing are only sent when they changed (the server refuses a change once secondments
 * exist).
 */
export function PartnershipFormDrawer({
  open,
  partnership,
  onClose,
}: {
  open: boolean;
  partnership: PartnershipView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PartnershipFormValues>();
  const create = useCreatePartnership();
  const update = useUpdatePartnership();
  const programmes = useProgrammes();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (partnership) form.setFieldsValue(toValues(partnership));
  }, [open, partnership, form]);

  const required = { required: true, message: t('validation.required') };
  const rules = {
    name: [{ ...required, whitespace: true }, zodRule(text(100), t)] as Rule[],
    required: [required] as Rule[],
    contactName: [{ ...required, whitespace: true }, zodRule(text(50), t)] as Rule[],
    post: [zodRule(text(100, 0), t)] as Rule[],
    phone: [
      {
        validator: async (_: unknown, value?: string | null) => {
          if (value?.trim() && !PHONE.test(value.trim())) throw new Error(t('partnerships.form.phoneFormat'));
        },
      },
    ] as Rule[],
    note: [zodRule(multilineText(2000), t)] as Rule[],
    endYear: [
      {
        validator: async (_: unknown, value?: number | null) => {
          const start = form.getFieldValue('startYear') as number | undefined;
          if (value != null && start != null && value < start)
            throw new Error(t('partnerships.form.endBeforeStart'));
        },
      },
    ] as Rule[],
    sideB: [
      required,
      {
        validator: async (_: unknown, value?: string) => {
          const a = form.getFieldValue('sideA') as SideValues | undefined;
          const b = form.getFieldValue('sideB') as SideValues | undefined;
          if (value && a?.regionCode === value && (a?.unitId ?? null) === (b?.unitId ?? null))
            throw new Error(t('partnerships.form.sameSides'));
        },
      },
    ] as Rule[],
  };

  const submit = async (values: PartnershipFormValues) => {
    const body = toBody(values);
    try {
      if (partnership) {
        const { sideA, sideB, ...rest } = body;
        const same = (s: typeof sideA, o: PartnershipView['sideA']) =>
          s.regionCode === o.regionCode && (s.unitId ?? null) === (o.unitId ?? null);
        await update.mutateAsync({
          id: partnership.id,
          ...rest,
          ...(same(sideA, partnership.sideA) ? {} : { sideA }),
          ...(same(sideB, partnership.sideB) ? {} : { sideB }),
        });
        void message.success(t('partnerships.form.updated'));
        onClose();
      } else {
        const created = await create.mutateAsync(body);
        void message.success(t('partnerships.form.created'));
        onClose();
        navigate(`/partnerships/${created.id}`);
      }
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center' });
      const conflict = error instanceof ApiError && error.status === 409 && !first;
      void message.error(
        conflict
          ? errorText(error, t) || t('partnerships.form.sidesLocked')
          : unmatched.length
            ? unmatched.join('; ')
            : errorText(error, t),
      );
    }
  };

  const half = { xs: 24, sm: 12 };
  const sideFields = (key: 'sideA' | 'sideB') => (
    <Row gutter={16}>
      <Col {...half}>
        <Form.Item
          name={[key, 'regionCode']}
          label={t('partnerships.field.region')}
          rules={key === 'sideB' ? rules.sideB : rules.required}
          dependencies={
            key === 'sideB'
              ? [
                  ['sideA', 'regionCode'],
                  ['sideA', 'unitId'],
                  ['sideB', 'unitId'],
                ]
              : []
          }
        >
          <RegionPicker
            placeholder={t('partnerships.form.regionPlaceholder')}
            data-testid={`partnership-form-${key === 'sideA' ? 'side-a' : 'side-b'}-region`}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={[key, 'unitId']}
          label={t('partnerships.field.unit')}
          extra={t('partnerships.form.unitHint')}
        >
          <UnitPicker
            placeholder={t('partnerships.form.unitPlaceholder')}
            data-testid={`partnership-form-${key === 'sideA' ? 'side-a' : 'side-b'}-unit`}
          />
        </Form.Item>
      </Col>
    </Row>
  );

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={
        partnership
          ? t('partnerships.form.editTitle', { name: partnership.name })
          : t('partnerships.form.createTitle')
      }
      width={720}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="partnership-form-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        initialValues={{
          status: 'active',
          startYear: new Date().getFullYear(),
          contacts: [],
          sideA: { unitId: null },
          sideB: { unitId: null },
        }}
        data-testid="partnership-form"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={t('partnerships.field.name')} rules={rules.name}>
              <Input maxLength={100} autoComplete="off" data-testid="partnership-form-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="programme" label={t('partnerships.field.programme')} rules={rules.required}>
              <Select
                options={programmes.options}
                loading={programmes.loading}
                data-testid="partnership-form-programme"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('partnerships.field.status')} rules={rules.required}>
              <Select
                options={PARTNERSHIP_STATUSES.map((s) => ({
                  value: s,
                  label: t(`partnerships.status.${s}`),
                }))}
                data-testid="partnership-form-status"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('partnerships.field.sideA')}
        </Divider>
        {sideFields('sideA')}
        <Divider titlePlacement="start" plain>
          {t('partnerships.field.sideB')}
        </Divider>
        {sideFields('sideB')}

        <Divider titlePlacement="start" plain>
          {t('partnerships.field.years')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="startYear" label={t('partnerships.field.startYear')} rules={rules.required}>
              <InputNumber
                min={1949}
                max={2100}
                precision={0}
                style={{ width: '100%' }}
                data-testid="partnership-form-start-year"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="endYear"
              label={t('partnerships.field.endYear')}
              rules={rules.endYear}
              dependencies={['startYear']}
              extra={t('partnerships.form.endYearHint')}
            >
              <InputNumber
                min={1949}
                max={2100}
                precision={0}
                style={{ width: '100%' }}
                data-testid="partnership-form-end-year"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('partnerships.field.contacts')}
        </Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} data-testid="partnership-form-contacts">
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap>
                  <Form.Item name={[field.name, 'side']} rules={rules.required} style={{ marginBottom: 0 }}>
                    <Select
                      style={{ width: 90 }}
                      options={PARTNERSHIP_SIDES.map((s) => ({
                        value: s,
                        label: t(`partnerships.side.${s}`),
                      }))}
                      data-testid="partnership-form-contact-side"
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={rules.contactName}
                    style={{ marginBottom: 0 }}
                  >
                    <Input
                      placeholder={t('partnerships.field.contactName')}
                      maxLength={50}
                      style={{ width: 120 }}
                      data-testid="partnership-form-contact-name"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'post']} rules={rules.post} style={{ marginBottom: 0 }}>
                    <Input
                      placeholder={t('partnerships.field.contactPost')}
                      maxLength={100}
                      style={{ width: 170 }}
                      data-testid="partnership-form-contact-post"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} rules={rules.phone} style={{ marginBottom: 0 }}>
                    <Input
                      placeholder={t('partnerships.field.contactPhone')}
                      maxLength={30}
                      style={{ width: 150 }}
                      data-testid="partnership-form-contact-phone"
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('partnerships.form.remove')}
                  />
                </Flex>
              ))}
              {fields.length < 20 ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ side: 'a', name: '', post: null, phone: null })}
                  data-testid="partnership-form-add-contact"
                >
                  {t('partnerships.form.addContact')}
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>

        <Divider titlePlacement="start" plain />
        <Form.Item name="note" label={t('partnerships.field.note')} rules={rules.note}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
