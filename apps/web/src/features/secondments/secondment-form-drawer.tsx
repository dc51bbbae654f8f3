import {
  type CreateSecondmentBody,
  type Direction,
  directionSides,
  SECONDMENT_CATEGORIES,
  type SecondmentCategory,
  type SecondmentView,
  SPECIALTIES,
  type Specialty,
  type UpdateSecondmentBody,
} from '@ganxun/domain';
import { App, Col, DatePicker, Form, Input, Radio, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { useCreateSecondment, usePartnershipOptions, useSideUnits, useUpdateSecondment } from './api';
import { PersonSearchSelect, useSecondmentForms } from './parts';

/**
 * A unit of one side of the pairing: the sending side for the home unit, the receiving side for
 * the host unit. The list comes from the pairing (GET /partnerships/:id/units), since the other
 * side's units lie outside the reader's own directory; the stored unit shows by name.
 */
function SideUnitSelect({
  value,
  onChange,
  partnershipId,
  side,
  known,
  testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  partnershipId?: string;
  side?: 'a' | 'b';
  known?: { id: string; name: string };
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const units = useSideUnits(partnershipId, side, q);
  const options = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name, title: u.pathName }));
  if (known && value === known.id && !options.some((o) => o.value === known.id))
    options.unshift({ value: known.id, label: known.name, title: known.name });
  return (
    <Select
      showSearch
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      filterOption={false}
      onSearch={setQ}
      loading={units.isFetching}
      disabled={!partnershipId || !side}
      placeholder={t('secondments.form.unitPlaceholder')}
      options={options}
      optionRender={(o) => (
        <span title={String(o.data.title ?? '')}>
          {o.label}
          <span style={{ color: 'rgba(0,0,0,0.45)', marginLeft: 8, fontSize: 12 }}>{o.data.title}</span>
        </span>
      )}
      data-testid={testId}
    />
  );
}

interface Values {
  partnershipId: string;
  personId: string;
  direction: Direction;
  form: string;
  category: SecondmentCategory;
  specialty?: Specialty;
  homeUnitId?: string;
  homePost?: string;
  hostUnitId: string;
  hostPost?: string;
  fullTime: boolean;
  term: [string, string];
  mentor?: string;
  partyTransfer: boolean;
  note?: string;
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** The server names the dates plannedStart / plannedEnd; the form holds them in one range field. */
function onTermField(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const fields = error.fields.map((f) =>
    f.path === 'plannedStart' || f.path === 'plannedEnd' ? { ...f, path: 'term' } : f,
  );
  return new ApiError(error.status, error.code, error.message, fields, error.details);
}

/**
 * Adds a secondment (no `secondment`) or edits one. Directions are named by the chosen pairing's
 * sides; choosing a person fills in their unit as the home unit and their category. Warnings the
 * server records (a category that differs from the person's record) are shown after saving.
 */
export function SecondmentFormDrawer({
  open,
  secondment,
  defaultPartnershipId,
  onClose,
}: {
  open: boolean;
  secondment: SecondmentView | null;
  defaultPartnershipId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateSecondment();
  const update = useUpdateSecondment();
  const pairings = usePartnershipOptions();
  const forms = useSecondmentForms();
  const partnershipId = Form.useWatch('partnershipId', form);
  const category = Form.useWatch('category', form);
  const term = Form.useWatch('term', form);
  const direction = Form.useWatch('direction', form) as Direction | undefined;
  const sides = direction ? directionSides(direction) : undefined;
  const pairing = pairings.data?.items.find((p) => p.id === partnershipId);
  // With one pairing in reach, it is the one.
  const only = pairings.data?.items.length === 1 ? pairings.data.items[0]?.id : undefined;
  const termLocked = !!secondment && secondment.status !== 'planned';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (secondment) {
      form.setFieldsValue({
        partnershipId: secondment.partnership.id,
        personId: secondment.person.id,
        direction: secondment.direction,
        form: secondment.form,
        category: secondment.category,
        specialty: secondment.specialty ?? undefined,
        homeUnitId: secondment.homeUnit.id,
        homePost: secondment.homePost ?? undefined,
        hostUnitId: secondment.hostUnit.id,
        hostPost: secondment.hostPost ?? undefined,
        fullTime: secondment.fullTime,
        term: [secondment.plannedStart, secondment.plannedEnd],
        mentor: secondment.mentor ?? undefined,
        partyTransfer: secondment.partyTransfer,
        note: secondment.note ?? undefined,
      });
    } else if (defaultPartnershipId ?? only) {
      form.setFieldsValue({ partnershipId: defaultPartnershipId ?? only });
    }
  }, [open, secondment, defaultPartnershipId, only, form]);

  const showWarnings = (view: SecondmentView) => {
    if (view.warnings.length === 0) return;
    modal.warning({
      title: t('secondments.form.warningsTitle'),
      content: (
        <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="secondment-form-warnings">
          {view.warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      ),
    });
  };

  const submit = async (v: Values) => {
    const details = {
      direction: v.direction,
      form: v.form,
      category: v.category,
      specialty: v.category === 'professional' ? (v.specialty ?? null) : null,
      homePost: blank(v.homePost),
      hostUnitId: v.hostUnitId,
      hostPost: blank(v.hostPost),
      fullTime: v.fullTime,
      mentor: blank(v.mentor),
      partyTransfer: v.partyTransfer,
      note: blank(v.note),
    };
    try {
      let view: SecondmentView;
      if (secondment) {
        const { hostUnitId, ...rest } = details;
        const body: UpdateSecondmentBody = { ...rest };
        if (hostUnitId !== secondment.hostUnit.id) body.hostUnitId = hostUnitId;
        if (v.homeUnitId && v.homeUnitId !== secondment.homeUnit.id) body.homeUnitId = v.homeUnitId;
        if (!termLocked) {
          body.plannedStart = v.term[0];
          body.plannedEnd = v.term[1];
        }
        view = await update.mutateAsync({ id: secondment.id, ...body });
        void message.success(t('secondments.form.updated'));
      } else {
        const body: CreateSecondmentBody = {
          ...details,
          partnershipId: v.partnershipId,
          personId: v.personId,
          plannedStart: v.term[0],
          plannedEnd: v.term[1],
          ...(v.homeUnitId ? { homeUnitId: v.homeUnitId } : {}),
        };
        view = await create.mutateAsync(body);
        void message.success(t('secondments.form.created'));
        navigate(`/secondments/${view.id}`);
      }
      onClose();
      showWarnings(view);
    } catch (error) {
      const unmatched = applyFieldErrors(form, onTermField(error));
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const half = { xs: 24, sm: 12 };
  const required = [{ required: true, message: t('validation.required') }];

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={
        secondment
          ? t('secondments.form.editTitle', { name: secondment.person.name })
          : t('secondments.form.createTitle')
      }
      width={640}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="secondment-form-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ category: 'cadre', fullTime: true, partyTransfer: false }}
        data-testid="secondment-form"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="partnershipId" label={t('secondments.form.pairing')} rules={required}>
              <Select
                disabled={!!secondment}
                loading={pairings.isPending}
                showSearch={{ optionFilterProp: 'label' }}
                options={(pairings.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                onChange={() => form.setFieldValue('direction', undefined)}
                data-testid="secondment-form-pairing"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="personId" label={t('secondments.form.person')} rules={required}>
              <PersonSearchSelect
                disabled={!!secondment}
                initial={secondment ? secondment.person : undefined}
                testId="secondment-form-person"
                onChange={(id, person) => {
                  if (!id || !person) return;
                  form.setFieldsValue({
                    homeUnitId: person.unitId,
                    homePost: person.post ?? undefined,
                    ...(person.category === 'cadre' || person.category === 'professional'
                      ? { category: person.category, specialty: person.specialty ?? undefined }
                      : {}),
                  });
                }}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="direction"
              label={t('secondments.form.direction')}
              rules={required}
              extra={pairing ? undefined : t('secondments.form.pickPairingFirst')}
            >
              <Radio.Group
                disabled={!pairing}
                options={(pairing?.directions ?? []).map((d) => ({ value: d.direction, label: d.name }))}
                data-testid="secondment-form-direction"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="form" label={t('secondments.form.form')} rules={required}>
              <Select options={forms.options} loading={forms.loading} data-testid="secondment-form-form" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category" label={t('secondments.form.category')} rules={required}>
              <Radio.Group
                options={SECONDMENT_CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`secondments.category.${c}`),
                }))}
                data-testid="secondment-form-category"
              />
            </Form.Item>
          </Col>
          {category === 'professional' ? (
            <Col {...half}>
              <Form.Item name="specialty" label={t('secondments.form.specialty')} rules={required}>
                <Select
                  options={SPECIALTIES.map((s) => ({ value: s, label: t(`directory.specialty.${s}`) }))}
                  data-testid="secondment-form-specialty"
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item
              name="homeUnitId"
              label={t('secondments.form.homeUnit')}
              extra={t('secondments.form.homeUnitHint')}
            >
              <SideUnitSelect
                key={`home-${open}`}
                partnershipId={partnershipId}
                side={sides?.sending}
                known={secondment?.homeUnit}
                testId="secondment-form-home-unit"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="homePost" label={t('secondments.form.homePost')}>
              <Input maxLength={100} data-testid="secondment-form-home-post" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="hostUnitId" label={t('secondments.form.hostUnit')} rules={required}>
              <SideUnitSelect
                key={`host-${open}`}
                partnershipId={partnershipId}
                side={sides?.receiving}
                known={secondment?.hostUnit}
                testId="secondment-form-host-unit"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="hostPost" label={t('secondments.form.hostPost')}>
              <Input maxLength={100} data-testid="secondment-form-host-post" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="term"
              label={t('secondments.form.term')}
              rules={required}
              extra={termLocked ? t('secondments.form.termLocked') : undefined}
              getValueProps={(v?: [string, string]) => ({
                value: v ? [dayjs(v[0]), dayjs(v[1])] : undefined,
              })}
              normalize={(d?: [Dayjs, Dayjs] | null) =>
                d?.[0] && d[1] ? [d[0].format('YYYY-MM-DD'), d[1].format('YYYY-MM-DD')] : undefined
              }
            >
              <DatePicker.RangePicker
                disabled={termLocked && !!term}
                style={{ width: '100%' }}
                data-testid="secondment-form-term"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="mentor" label={t('secondments.form.mentor')}>
              <Input maxLength={50} data-testid="secondment-form-mentor" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="fullTime" label={t('secondments.form.fullTime')} valuePropName="checked">
              <Switch data-testid="secondment-form-full-time" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="partyTransfer"
              label={t('secondments.form.partyTransfer')}
              valuePropName="checked"
            >
              <Switch data-testid="secondment-form-party-transfer" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('secondments.form.note')}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
