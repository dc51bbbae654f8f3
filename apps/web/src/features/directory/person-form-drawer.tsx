import type { PersonDetail } from '@ganxun/domain';
import {
  type CreatePersonBody,
  GENDERS,
  type Gender,
  normalizeMobile,
  PERSON_CATEGORIES,
  PERSON_STATUSES,
  type PersonCategory,
  type PersonStatus,
  parseIdNumber,
  type RequirementPeriod,
  SPECIALTIES,
  type Specialty,
  type UpdatePersonBody,
} from '@ganxun/domain';
import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { UnitPicker } from '../../components/unit-picker';
import { useCreatePerson, useUpdatePerson } from './api';
import { useDictionary } from './dictionaries';
import { personRules } from './person-rules';

interface Values {
  name: string;
  idNumber?: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  mobile?: string;
  /** Editing: remove the stored mobile number (an empty field keeps it). */
  clearMobile?: boolean;
  politicalStatus?: string;
  education?: string;
  unitId: string;
  post?: string;
  rank?: string;
  category: PersonCategory;
  specialty?: Specialty;
  status: PersonStatus;
  requirementMode: 'default' | 'custom';
  requirementOverride?: { period: RequirementPeriod; hours: number };
}

const blank = (v: string | undefined | null) => (v?.trim() ? v.trim() : null);

/** The fields both a new and an edited record send. */
function commonBody(v: Values) {
  return {
    name: v.name.trim(),
    gender: v.gender,
    birthDate: v.birthDate,
    ethnicity: v.ethnicity,
    politicalStatus: v.politicalStatus ?? null,
    education: v.education ?? null,
    unitId: v.unitId,
    post: blank(v.post),
    rank: v.rank ?? null,
    category: v.category,
    specialty: v.category === 'professional' ? (v.specialty ?? null) : null,
    status: v.status,
    requirementOverride:
      v.requirementMode === 'custom' && v.requirementOverride
        ? { period: v.requirementOverride.period, hours: Number(v.requirementOverride.hours) }
        : null,
  };
}

/**
 * Adds a person (no `person`) or edits one. Typing a valid ID number fills in the birth date and
 * gender it encodes; a later disagreement between them shows on the fields. The clear ID number
 * and mobile are never loaded into the form: when editing, an empty field keeps the stored value.
 */
export function PersonFormDrawer({
  open,
  person,
  onClose,
}: {
  open: boolean;
  person: PersonDetail | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const ethnicity = useDictionary('ethnicity');
  const political = useDictionary('political_status');
  const education = useDictionary('education');
  const ranks = useDictionary('post_level');
  const rules = personRules(t, form, !person);
  const category = Form.useWatch('category', form);
  const requirementMode = Form.useWatch('requirementMode', form);
  const clearMobile = Form.useWatch('clearMobile', form) === true;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (person) {
      form.setFieldsValue({
        name: person.name,
        gender: person.gender,
        birthDate: person.birthDate,
        ethnicity: person.ethnicity,
        politicalStatus: person.politicalStatus ?? undefined,
        education: person.education ?? undefined,
        unitId: person.unitId,
        post: person.post ?? undefined,
        rank: person.rank ?? undefined,
        category: person.category,
        specialty: person.specialty ?? undefined,
        status: person.status,
        requirementMode: person.requirementOverride ? 'custom' : 'default',
        requirementOverride: person.requirementOverride ?? undefined,
      });
    }
  }, [open, person, form]);

  const onValuesChange = (changed: Partial<Values>) => {
    if (changed.idNumber === undefined) return;
    const parsed = parseIdNumber(changed.idNumber);
    if (parsed.ok) {
      form.setFieldsValue({ birthDate: parsed.info.birthDate, gender: parsed.info.gender });
      void form.validateFields(['birthDate', 'gender']).catch(() => undefined);
    }
  };

  const submit = async (values: Values) => {
    try {
      if (person) {
        const body: UpdatePersonBody = commonBody(values);
        if (blank(values.idNumber)) body.idNumber = values.idNumber?.trim();
        if (values.clearMobile) body.mobile = null;
        else if (blank(values.mobile))
          body.mobile = normalizeMobile(values.mobile ?? '') ?? values.mobile?.trim();
        await update.mutateAsync({ id: person.id, ...body });
        void message.success(t('directory.personForm.updated'));
      } else {
        const body: CreatePersonBody = {
          ...commonBody(values),
          idNumber: values.idNumber?.trim() ?? '',
          mobile: blank(values.mobile)
            ? (normalizeMobile(values.mobile ?? '') ?? values.mobile?.trim() ?? null)
            : null,
        };
        await create.mutateAsync(body);
        void message.success(t('directory.personForm.created'));
      }
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const half = { xs: 24, sm: 12 };
  const dictSelect = (d: ReturnType<typeof useDictionary>, testId?: string) => (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={d.options}
      loading={d.loading}
      data-testid={testId}
    />
  );

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={
        person
          ? t('directory.personForm.editTitle', { name: person.name })
          : t('directory.personForm.createTitle')
      }
      width={600}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="person-form-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        initialValues={{ status: 'serving', category: 'cadre', requirementMode: 'default', ethnicity: '01' }}
        data-testid="person-form"
      >
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="name" label={t('directory.personForm.name')} rules={rules.name}>
              <Input maxLength={50} autoComplete="off" data-testid="person-form-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="idNumber"
              label={t('directory.personForm.idNumber')}
              rules={rules.idNumber}
              extra={person ? t('directory.personForm.idNumberKeep') : t('directory.personForm.idNumberHint')}
            >
              <Input
                maxLength={24}
                autoComplete="off"
                placeholder={person ? person.idNumber : undefined}
                data-testid="person-form-id-number"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="birthDate"
              label={t('directory.personForm.birthDate')}
              rules={rules.birthDate}
              dependencies={['idNumber']}
              getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined)}
            >
              <DatePicker style={{ width: '100%' }} data-testid="person-form-birth-date" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="gender"
              label={t('directory.personForm.gender')}
              rules={rules.gender}
              dependencies={['idNumber']}
            >
              <Radio.Group
                options={GENDERS.map((g) => ({ value: g, label: t(`directory.gender.${g}`) }))}
                data-testid="person-form-gender"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="ethnicity" label={t('directory.personForm.ethnicity')} rules={rules.required}>
              {dictSelect(ethnicity)}
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="mobile"
              label={t('directory.personForm.mobile')}
              rules={rules.mobile}
              extra={person?.mobile && !clearMobile ? t('directory.personForm.idNumberKeep') : undefined}
            >
              <Input
                maxLength={20}
                autoComplete="off"
                placeholder={person?.mobile ?? undefined}
                disabled={clearMobile}
                data-testid="person-form-mobile"
              />
            </Form.Item>
            {person?.mobile ? (
              <Form.Item name="clearMobile" valuePropName="checked" style={{ marginTop: -12 }}>
                <Checkbox data-testid="person-form-clear-mobile">
                  {t('directory.personForm.clearMobile')}
                </Checkbox>
              </Form.Item>
            ) : null}
          </Col>
          <Col {...half}>
            <Form.Item name="politicalStatus" label={t('directory.personForm.politicalStatus')}>
              {dictSelect(political)}
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="education" label={t('directory.personForm.education')}>
              {dictSelect(education)}
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="unitId" label={t('directory.personForm.unit')} rules={rules.required}>
              <UnitPicker data-testid="person-form-unit" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="post" label={t('directory.personForm.post')} rules={rules.post}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="rank" label={t('directory.personForm.rank')}>
              {dictSelect(ranks, 'person-form-rank')}
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category" label={t('directory.personForm.category')} rules={rules.required}>
              <Select
                options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(`directory.category.${c}`) }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            {category === 'professional' ? (
              <Form.Item name="specialty" label={t('directory.personForm.specialty')} rules={rules.specialty}>
                <Select
                  options={SPECIALTIES.map((s) => ({ value: s, label: t(`directory.specialty.${s}`) }))}
                />
              </Form.Item>
            ) : null}
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={t('directory.personForm.status')} rules={rules.required}>
              <Select
                options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`directory.personStatus.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="requirementMode" label={t('directory.personForm.requirement')}>
              <Radio.Group
                options={[
                  { value: 'default', label: t('directory.personForm.requirementDefault') },
                  { value: 'custom', label: t('directory.personForm.requirementCustom') },
                ]}
              />
            </Form.Item>
          </Col>
          {requirementMode === 'custom' ? (
            <>
              <Col {...half}>
                <Form.Item
                  name={['requirementOverride', 'period']}
                  label={t('directory.personForm.period')}
                  rules={rules.required}
                >
                  <Select
                    options={(['yearly', 'five_year'] as const).map((p) => ({
                      value: p,
                      label: t(`directory.period.${p}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item
                  name={['requirementOverride', 'hours']}
                  label={t('directory.personForm.hours')}
                  rules={rules.required}
                >
                  <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
      </Form>
    </FormDrawer>
  );
}
