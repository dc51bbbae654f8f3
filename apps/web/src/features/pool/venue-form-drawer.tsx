import {
  type CreateVenueBody,
  createVenueBody,
  VENUE_KINDS,
  VENUE_STATUSES,
  type VenueKind,
  type VenueView,
} from '@ganxun/domain';
import { App, Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { zodRule } from '../../components/zod-rule';
import { useCreateVenue, useUpdateVenue } from './api';

interface Values {
  kind: VenueKind;
  name: string;
  ownerUnitId: string;
  capacity?: number | null;
  building?: string;
  equipment?: string[];
  address?: string;
  cityCode?: string | null;
  liveUrl?: string;
  replayUrl?: string;
  note?: string;
  status: 'active' | 'inactive';
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** Which optional fields each kind of venue shows; the others are sent empty. */
const FIELDS_OF: Record<VenueKind, ReadonlySet<string>> = {
  classroom: new Set(['capacity', 'building', 'equipment', 'address', 'cityCode']),
  field_site: new Set(['capacity', 'address', 'cityCode']),
  online_room: new Set(['liveUrl', 'replayUrl']),
};

/** The whole body from the form, with the fields that do not fit the kind emptied. */
function bodyOf(v: Values): CreateVenueBody {
  const has = FIELDS_OF[v.kind];
  return {
    kind: v.kind,
    name: v.name.trim(),
    ownerUnitId: v.ownerUnitId,
    capacity: has.has('capacity') && v.capacity ? Number(v.capacity) : null,
    building: has.has('building') ? blank(v.building) : null,
    equipment: has.has('equipment')
      ? [...new Set((v.equipment ?? []).map((e) => e.trim()).filter(Boolean))]
      : [],
    address: has.has('address') ? blank(v.address) : null,
    cityCode: has.has('cityCode') ? (v.cityCode ?? null) : null,
    liveUrl: has.has('liveUrl') ? blank(v.liveUrl) : null,
    replayUrl: has.has('replayUrl') ? blank(v.replayUrl) : null,
    note: blank(v.note),
    status: v.status,
  };
}

/**
 * Adds a venue (no `venue`) or edits one. The form shows what fits the kind: seats, building and
 * equipment for a classroom; address and city for a field-teaching site (city required); the live
 * and replay links for an online room.
 */
export function VenueFormDrawer({
  open,
  venue,
  onClose,
}: {
  open: boolean;
  venue: VenueView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateVenue();
  const update = useUpdateVenue();
  const kind = (Form.useWatch('kind', form) ?? venue?.kind ?? 'classroom') as VenueKind;
  const has = FIELDS_OF[kind];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (venue) {
      form.setFieldsValue({
        kind: venue.kind,
        name: venue.name,
        ownerUnitId: venue.owner.id,
        capacity: venue.capacity,
        building: venue.building ?? undefined,
        equipment: venue.equipment,
        address: venue.address ?? undefined,
        cityCode: venue.cityCode,
        liveUrl: venue.liveUrl ?? undefined,
        replayUrl: venue.replayUrl ?? undefined,
        note: venue.note ?? undefined,
        status: venue.status,
      });
    }
  }, [open, venue, form]);

  const shape = createVenueBody.shape;
  const required = { required: true, message: t('validation.required') };
  const urlRule: Rule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (value?.trim() && !shape.liveUrl.safeParse(value.trim()).success)
        throw new Error(t('pool.venueForm.urlFormat'));
    },
  };
  const rules = {
    name: [{ ...required, whitespace: true }, zodRule(shape.name, t)] as Rule[],
    building: [zodRule(shape.building, t)] as Rule[],
    equipment: [zodRule(shape.equipment, t)] as Rule[],
    address: [zodRule(shape.address, t)] as Rule[],
    city: (kind === 'field_site'
      ? [{ required: true, message: t('pool.venueForm.cityRequired') }]
      : []) as Rule[],
    note: [zodRule(shape.note, t)] as Rule[],
  };

  const submit = async (values: Values) => {
    try {
      const body = bodyOf(values);
      if (venue) {
        await update.mutateAsync({ id: venue.id, ...body });
        void message.success(t('pool.venueForm.updated'));
      } else {
        await create.mutateAsync(body);
        void message.success(t('pool.venueForm.created'));
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
      title={venue ? t('pool.venueForm.editTitle', { name: venue.name }) : t('pool.venueForm.createTitle')}
      width={600}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="venue-form-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'classroom', status: 'active', equipment: [] }}
        data-testid="venue-form"
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="kind" label={t('pool.venueForm.kind')} rules={[required]}>
              <Radio.Group
                optionType="button"
                options={VENUE_KINDS.map((k) => ({ value: k, label: t(`pool.venueKind.${k}`) }))}
                data-testid="venue-form-kind"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="name" label={t('pool.venueForm.name')} rules={rules.name}>
              <Input maxLength={100} autoComplete="off" data-testid="venue-form-name" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="ownerUnitId" label={t('pool.venueForm.owner')} rules={[required]}>
              <UnitPicker data-testid="venue-form-owner" />
            </Form.Item>
          </Col>
          {has.has('capacity') ? (
            <Col {...half}>
              <Form.Item name="capacity" label={t('pool.venueForm.capacity')}>
                <InputNumber
                  min={1}
                  max={100_000}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="venue-form-capacity"
                />
              </Form.Item>
            </Col>
          ) : null}
          {has.has('building') ? (
            <Col {...half}>
              <Form.Item name="building" label={t('pool.venueForm.building')} rules={rules.building}>
                <Input maxLength={100} placeholder={t('pool.venueForm.buildingPlaceholder')} />
              </Form.Item>
            </Col>
          ) : null}
          {has.has('equipment') ? (
            <Col span={24}>
              <Form.Item
                name="equipment"
                label={t('pool.venueForm.equipment')}
                rules={rules.equipment}
                extra={t('pool.venueForm.equipmentHint')}
              >
                <Select mode="tags" open={false} suffixIcon={null} data-testid="venue-form-equipment" />
              </Form.Item>
            </Col>
          ) : null}
          {has.has('cityCode') ? (
            <Col {...half}>
              <Form.Item
                name="cityCode"
                label={t('pool.venueForm.city')}
                rules={rules.city}
                required={kind === 'field_site'}
              >
                <RegionPicker data-testid="venue-form-city" />
              </Form.Item>
            </Col>
          ) : null}
          {has.has('address') ? (
            <Col span={24}>
              <Form.Item name="address" label={t('pool.venueForm.address')} rules={rules.address}>
                <Input maxLength={300} data-testid="venue-form-address" />
              </Form.Item>
            </Col>
          ) : null}
          {has.has('liveUrl') ? (
            <Col span={24}>
              <Form.Item name="liveUrl" label={t('pool.venueForm.liveUrl')} rules={[urlRule]}>
                <Input maxLength={500} placeholder="https://" data-testid="venue-form-live" />
              </Form.Item>
            </Col>
          ) : null}
          {has.has('replayUrl') ? (
            <Col span={24}>
              <Form.Item name="replayUrl" label={t('pool.venueForm.replayUrl')} rules={[urlRule]}>
                <Input maxLength={500} placeholder="https://" data-testid="venue-form-replay" />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item name="note" label={t('pool.venueForm.note')} rules={rules.note}>
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('pool.venueForm.status')} rules={[required]}>
              <Select options={VENUE_STATUSES.map((s) => ({ value: s, label: t(`pool.status.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
