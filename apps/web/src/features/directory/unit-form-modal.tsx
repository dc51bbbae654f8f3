import type { UnitView } from '@ganxun/domain';
import { text, UNIT_TYPES, type UnitType } from '@ganxun/domain';
import { App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { zodRule } from '../../components/zod-rule';
import { useCreateUnit, useUpdateUnit } from './api';
import { usccRule } from './person-rules';

interface Values {
  name: string;
  uscc?: string;
  type: UnitType;
  regionCode: string;
  parentId?: string | null;
}

export type UnitFormTarget = { mode: 'create'; parent: UnitView | null } | { mode: 'edit'; unit: UnitView };

/** Creates a unit (top level or under `parent`) or edits a unit's own fields; moving is separate. */
export function UnitFormModal({
  target,
  onClose,
  onSaved,
}: {
  target: UnitFormTarget | null;
  onClose: () => void;
  onSaved: (unit: UnitView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const open = target !== null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const { name, uscc, type, regionCode } = target.unit;
      form.setFieldsValue({ name, uscc: uscc ?? undefined, type, regionCode });
    } else if (target.parent) {
      form.setFieldsValue({ parentId: target.parent.id, regionCode: target.parent.regionCode });
    }
  }, [target, form]);

  const submit = async (values: Values) => {
    const common = {
      name: values.name.trim(),
      uscc: values.uscc?.trim() ? values.uscc.trim().toUpperCase() : null,
      type: values.type,
      regionCode: values.regionCode,
    };
    try {
      const saved =
        target?.mode === 'edit'
          ? await update.mutateAsync({ id: target.unit.id, ...common })
          : await create.mutateAsync({ ...common, parentId: values.parentId ?? null });
      void message.success(
        target?.mode === 'edit' ? t('directory.units.updated') : t('directory.units.created'),
      );
      onSaved(saved);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const title =
    target?.mode === 'edit'
      ? t('directory.units.editTitle')
      : target?.parent
        ? t('directory.units.createChildTitle', { parent: target.parent.name })
        : t('directory.units.createTitle');
  const required = { required: true, message: t('validation.required') };

  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'unit-form-submit' }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="unit-form">
        <Form.Item
          name="name"
          label={t('directory.units.name')}
          rules={[{ ...required, whitespace: true }, zodRule(text(100), t)]}
        >
          <Input maxLength={100} data-testid="unit-form-name" />
        </Form.Item>
        <Form.Item name="type" label={t('directory.units.type')} rules={[required]}>
          <Select
            options={UNIT_TYPES.map((type) => ({ value: type, label: t(`directory.unitType.${type}`) }))}
            data-testid="unit-form-type"
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('directory.units.region')} rules={[required]}>
          <RegionPicker allowClear={false} data-testid="unit-form-region" />
        </Form.Item>
        <Form.Item name="uscc" label={t('directory.units.uscc')} rules={[usccRule(t)]}>
          <Input maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        {target?.mode === 'create' ? (
          <Form.Item name="parentId" label={t('directory.units.parent')}>
            <UnitPicker
              disabled={!!target.parent}
              placeholder={t('directory.units.topLevel')}
              data-testid="unit-form-parent"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
