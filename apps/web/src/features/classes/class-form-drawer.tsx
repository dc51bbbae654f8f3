import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CLASS_MODES, type ClassView, multilineText, plannedHours, text } from '@ganxun/domain';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { RegionPicker } from '../../components/region-picker';
import { UnitPicker } from '../../components/unit-picker';
import { zodRule } from '../../components/zod-rule';
import { useClassDirectors, useClassKinds, useCreateClass, useTrainingSettings, useUpdateClass } from './api';
import { BudgetFields } from './budget-fields';
import { type ClassFormValues, toBody, toValues } from './class-form-values';

const dateProps = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
};

/**
 * Creates a class (no `cls`; opens the new class on success) or edits one. Every field of the
 * create contract is here except the director and assistants; the planned hours are either
 * derived from the days by the training rule or set by hand.
 */
export function ClassFormDrawer({
  open,
  cls,
  onClose,
}: {
  open: boolean;
  cls: ClassView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<ClassFormValues>();
  const create = useCreateClass();
  const update = useUpdateClass();
  const kinds = useClassKinds();
  const settings = useTrainingSettings();
  const directors = useClassDirectors(open);
  const withStaff = directors.isSuccess;
  // The class's own director and assistants stay nameable even if no longer in the list.
  const staffOptions = [
    ...new Map(
      [
        ...(directors.data?.items ?? []),
        ...(cls?.director ? [cls.director] : []),
        ...(cls?.assistants ?? []),
      ].map((u) => [u.id, { value: u.id, label: u.name }]),
    ).values(),
  ];
  const startDate = Form.useWatch('startDate', form);
  const endDate = Form.useWatch('endDate', form);
  const hoursMode = Form.useWatch('hoursMode', form);

  // A training officer runs classes of their own institution: start from it.
  const ownUnit = me?.roles.find((r) => r.role === 'training_officer' && r.scopeId)?.scopeId ?? undefined;
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (cls) form.setFieldsValue(toValues(cls));
    else if (ownUnit) form.setFieldsValue({ leadOrganiserId: ownUnit, hostInstitutionId: ownUnit });
  }, [open, cls, form, ownUnit]);

  const required = { required: true, message: t('validation.required') };
  const rules = {
    name: [{ ...required, whitespace: true }, zodRule(text(200), t)] as Rule[],
    required: [required] as Rule[],
    short: [zodRule(text(200, 0), t)] as Rule[],
    long: [zodRule(multilineText(1000), t)] as Rule[],
    description: [zodRule(multilineText(4000), t)] as Rule[],
    endDate: [
      {
        validator: async (_: unknown, value?: string) => {
          const start = form.getFieldValue('startDate') as string | undefined;
          if (value && start && value < start) throw new Error(t('classes.form.endBeforeStart'));
        },
      },
    ] as Rule[],
    deadline: [
      {
        warningOnly: true,
        validator: async (_: unknown, value?: string) => {
          const start = form.getFieldValue('startDate') as string | undefined;
          if (value && start && dayjs(value).format('YYYY-MM-DD') > start)
            throw new Error(t('classes.form.deadlineAfterStart'));
        },
      },
    ] as Rule[],
  };

  const derived =
    startDate && endDate && settings.data
      ? plannedHours(startDate, endDate, settings.data.hoursPerDay)
      : null;

  const submit = async (values: ClassFormValues) => {
    try {
      const body = toBody(values, withStaff);
      if (cls) {
        await update.mutateAsync({ id: cls.id, ...body });
        void message.success(t('classes.form.updated'));
        onClose();
      } else {
        const created = await create.mutateAsync({ directorId: null, assistantIds: [], ...body });
        void message.success(t('classes.form.created', { code: created.code }));
        onClose();
        navigate(`/classes/${created.id}`);
      }
    } catch (error) {
      // The organiser is the one thing the reader may pick but not be allowed to run classes for.
      if (error instanceof ApiError && error.status === 403) {
        form.setFields([{ name: 'leadOrganiserId', errors: [t('classes.form.organiserForbidden')] }]);
      }
      const unmatched = applyFieldErrors(form, error);
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center' });
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const half = { xs: 24, sm: 12 };
  const tagSelect = (testId: string, max: number) => (
    <Select
      mode="tags"
      tokenSeparators={[',', '，', '、']}
      open={false}
      suffixIcon={null}
      maxCount={max}
      placeholder={t('classes.form.tagsHint')}
      data-testid={testId}
    />
  );

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={cls ? t('classes.form.editTitle', { name: cls.name }) : t('classes.form.createTitle')}
      width={720}
      onSave={() => form.submit()}
      saving={create.isPending || update.isPending}
      saveTestId="class-form-submit"
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        initialValues={{
          mode: 'offline',
          hoursMode: 'derived',
          selfRegistration: false,
          waitlist: false,
          coOrganiserIds: [],
          budget: [],
        }}
        data-testid="class-form"
      >
        <Divider titlePlacement="start" plain>
          {t('classes.form.sectionBasics')}
        </Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item name="name" label={t('classes.field.name')} rules={rules.name}>
              <Input maxLength={200} autoComplete="off" data-testid="class-form-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="kind" label={t('classes.field.kind')} rules={rules.required}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={kinds.options}
                loading={kinds.loading}
                data-testid="class-form-kind"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="mode" label={t('classes.field.mode')} rules={rules.required}>
              <Radio.Group
                optionType="button"
                options={CLASS_MODES.map((m) => ({ value: m, label: t(`classes.mode.${m}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="topics" label={t('classes.field.topics')}>
              {tagSelect('class-form-topics', 30)}
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('classes.form.sectionOrganisers')}
        </Divider>
        <Form.Item name="leadOrganiserId" label={t('classes.field.leadOrganiser')} rules={rules.required}>
          <UnitPicker data-testid="class-form-lead" />
        </Form.Item>
        <Form.Item label={t('classes.field.coOrganisers')}>
          <Form.List name="coOrganiserIds">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="flex-start">
                    <Form.Item name={field.name} noStyle rules={rules.required}>
                      <UnitPicker style={{ flex: 1, minWidth: 0 }} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('classes.form.remove')}
                    />
                  </Flex>
                ))}
                {fields.length < 20 ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add(null)}
                    data-testid="class-form-add-co"
                  >
                    {t('classes.form.addCoOrganiser')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="hostInstitutionId" label={t('classes.field.hostInstitution')}>
          <UnitPicker data-testid="class-form-host" />
        </Form.Item>
        {withStaff ? (
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="directorId" label={t('classes.field.director')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={staffOptions}
                  placeholder={t('classes.form.directorHint')}
                  data-testid="class-form-director"
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="assistantIds" label={t('classes.field.assistants')}>
                <Select
                  mode="multiple"
                  allowClear
                  maxCount={20}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={staffOptions}
                  data-testid="class-form-assistants"
                />
              </Form.Item>
            </Col>
          </Row>
        ) : null}

        <Divider titlePlacement="start" plain>
          {t('classes.form.sectionTimePlace')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="startDate" label={t('classes.field.startDate')} {...dateProps}>
              <DatePicker style={{ width: '100%' }} data-testid="class-form-start" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="endDate"
              label={t('classes.field.endDate')}
              rules={rules.endDate}
              dependencies={['startDate']}
              {...dateProps}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => !!startDate && d.format('YYYY-MM-DD') < startDate}
                data-testid="class-form-end"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="hoursMode" label={t('classes.field.plannedHours')}>
              <Radio.Group
                options={[
                  { value: 'derived', label: t('classes.form.hoursDerived') },
                  { value: 'set', label: t('classes.form.hoursSet') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            {hoursMode === 'set' ? (
              <Form.Item name="plannedHours" label={t('classes.form.hoursValue')} rules={rules.required}>
                <InputNumber min={0} max={2000} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            ) : (
              <Form.Item label={t('classes.form.hoursValue')}>
                <Typography.Text type="secondary" data-testid="class-form-derived-hours">
                  {derived !== null
                    ? t('classes.form.hoursPreview', {
                        hours: derived,
                        perDay: settings.data?.hoursPerDay ?? '',
                      })
                    : t('classes.form.hoursPending')}
                </Typography.Text>
              </Form.Item>
            )}
          </Col>
          <Col {...half}>
            <Form.Item name="cityCode" label={t('classes.field.city')}>
              <RegionPicker data-testid="class-form-city" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="venue" label={t('classes.field.venue')} rules={rules.short}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('classes.form.sectionSeats')}
        </Divider>
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="capacity" label={t('classes.field.capacity')}>
              <InputNumber
                min={1}
                max={100_000}
                precision={0}
                style={{ width: '100%' }}
                data-testid="class-form-capacity"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="nominationDeadline"
              label={t('classes.field.nominationDeadline')}
              rules={rules.deadline}
              dependencies={['startDate']}
              getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
              normalize={(d?: Dayjs | null) => (d ? d.second(0).format() : undefined)}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                data-testid="class-form-deadline"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="selfRegistration"
              label={t('classes.field.selfRegistration')}
              valuePropName="checked"
              extra={t('classes.form.selfRegistrationHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="waitlist"
              label={t('classes.field.waitlist')}
              valuePropName="checked"
              extra={t('classes.form.waitlistHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="targetAudience" label={t('classes.field.targetAudience')} rules={rules.long}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('classes.form.sectionBudget')}
        </Divider>
        <BudgetFields />

        <Divider titlePlacement="start" plain>
          {t('classes.form.sectionMore')}
        </Divider>
        <Form.Item name="tags" label={t('classes.field.tags')}>
          {tagSelect('class-form-tags', 20)}
        </Form.Item>
        <Form.Item name="description" label={t('classes.field.description')} rules={rules.description}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
