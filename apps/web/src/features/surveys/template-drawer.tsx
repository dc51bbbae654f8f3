import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { QUESTION_KINDS, type SurveyTemplateBody, type SurveyTemplateView } from '@ganxun/domain';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { FormDrawer } from '../../components/form-drawer';
import { useSaveTemplate } from './api';

/** What the drawer edits: a stored template (id), a new one (null), or a copy of another. */
export interface TemplateEdit {
  id: string | null;
  readOnly: boolean;
  initial: SurveyTemplateBody;
}

function LabelFields({ prefix }: { prefix: (string | number)[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap>
      <Form.Item
        name={[...prefix, 'zh-CN']}
        style={{ flex: '1 1 180px', marginBottom: 8 }}
        rules={[{ required: true }]}
      >
        <Input placeholder={t('surveys.templates.labelZhCN')} maxLength={200} />
      </Form.Item>
      <Form.Item name={[...prefix, 'zh-TW']} style={{ flex: '1 1 160px', marginBottom: 8 }}>
        <Input placeholder={t('surveys.templates.labelZhTW')} maxLength={200} />
      </Form.Item>
      <Form.Item name={[...prefix, 'en']} style={{ flex: '1 1 160px', marginBottom: 8 }}>
        <Input placeholder={t('surveys.templates.labelEn')} maxLength={400} />
      </Form.Item>
    </Flex>
  );
}

/** Drops empty optional labels so the contract's label check sees only what was typed. */
function cleanBody(values: SurveyTemplateBody): SurveyTemplateBody {
  const label = (l: Record<string, string | undefined>) =>
    Object.fromEntries(
      Object.entries(l ?? {}).filter(([, v]) => v && v.trim() !== ''),
    ) as SurveyTemplateBody['questions'][number]['label'];
  return {
    ...values,
    questions: (values.questions ?? []).map((q) => {
      const base = { ...q, label: label(q.label) };
      if (q.kind === 'choice')
        return {
          ...base,
          kind: 'choice',
          multiple: q.multiple ?? false,
          options: (q.options ?? []).map((o) => ({ ...o, label: label(o.label) })),
        };
      if (q.kind === 'text')
        return {
          id: q.id,
          kind: 'text',
          label: base.label,
          required: q.required,
          maxLength: q.maxLength ?? 2000,
        };
      return { id: q.id, kind: 'rating', label: base.label, required: q.required };
    }) as SurveyTemplateBody['questions'],
  };
}

/** The template editor: name, target, questions of three kinds with their options. */
export function TemplateDrawer({ edit, onClose }: { edit: TemplateEdit | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SurveyTemplateBody>();
  const save = useSaveTemplate();
  useEffect(() => {
    if (edit) {
      form.resetFields();
      form.setFieldsValue(structuredClone(edit.initial));
    }
  }, [edit, form]);
  const readOnly = edit?.readOnly ?? false;

  const onFinish = async (values: SurveyTemplateBody) => {
    if (!edit) return;
    try {
      await save.mutateAsync({ id: edit.id, body: cleanBody(values) });
      message.success(t('surveys.templates.saved'));
      onClose();
    } catch (e) {
      const rest = applyFieldErrors(form, e);
      if (rest.length) message.error(rest.join('; '));
    }
  };

  return (
    <FormDrawer
      open={Boolean(edit)}
      onClose={onClose}
      title={
        readOnly
          ? t('surveys.templates.view')
          : edit?.id
            ? t('surveys.templates.edit')
            : t('surveys.templates.new')
      }
      width={760}
      onSave={() => (readOnly ? onClose() : form.submit())}
      saving={save.isPending}
      saveTestId="template-save"
    >
      {readOnly ? (
        <Alert type="info" showIcon title={t('surveys.templates.readOnly')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form form={form} layout="vertical" onFinish={onFinish} disabled={readOnly}>
        <Flex gap={12} wrap>
          <Form.Item
            name="name"
            label={t('surveys.templates.name')}
            rules={[{ required: true }]}
            style={{ flex: '2 1 240px' }}
          >
            <Input maxLength={100} data-testid="template-name" />
          </Form.Item>
          <Form.Item
            name="target"
            label={t('surveys.templates.target')}
            rules={[{ required: true }]}
            style={{ flex: '1 1 160px' }}
          >
            <Select
              disabled={Boolean(edit?.id) || readOnly}
              options={(['lecture', 'class'] as const).map((v) => ({
                value: v,
                label: t(`surveys.target.${v}`),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.List name="questions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`${i + 1}`}
                  data-testid="template-question"
                  extra={
                    readOnly ? null : (
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                      >
                        {t('surveys.templates.remove')}
                      </Button>
                    )
                  }
                >
                  <Flex gap={8} wrap align="end">
                    <Form.Item
                      name={[field.name, 'id']}
                      label={t('surveys.templates.id')}
                      rules={[{ required: true }]}
                      style={{ flex: '1 1 140px' }}
                    >
                      <Input maxLength={40} placeholder="content" />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'kind']}
                      label={t('surveys.templates.questions')}
                      style={{ flex: '1 1 120px' }}
                    >
                      <Select
                        options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kind.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'required']}
                      label={t('surveys.templates.required')}
                      valuePropName="checked"
                    >
                      <Switch />
                    </Form.Item>
                  </Flex>
                  <LabelFields prefix={[field.name, 'label']} />
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const kind = form.getFieldValue(['questions', field.name, 'kind']);
                      if (kind === 'text')
                        return (
                          <Form.Item
                            name={[field.name, 'maxLength']}
                            label={t('surveys.templates.maxLength')}
                          >
                            <InputNumber min={1} max={10000} precision={0} />
                          </Form.Item>
                        );
                      if (kind !== 'choice') return null;
                      return (
                        <>
                          <Form.Item
                            name={[field.name, 'multiple']}
                            label={t('surveys.templates.multiple')}
                            valuePropName="checked"
                          >
                            <Switch />
                          </Form.Item>
                          <Form.List name={[field.name, 'options']}>
                            {(opts, ops) => (
                              <Flex vertical gap={4}>
                                {opts.map((o) => (
                                  <Flex key={o.key} gap={8} align="start">
                                    <Form.Item
                                      name={[o.name, 'id']}
                                      rules={[{ required: true }]}
                                      style={{ width: 120, marginBottom: 8 }}
                                    >
                                      <Input placeholder={t('surveys.templates.id')} maxLength={40} />
                                    </Form.Item>
                                    <div style={{ flex: 1 }}>
                                      <LabelFields prefix={[o.name, 'label']} />
                                    </div>
                                    {readOnly ? null : (
                                      <Button
                                        type="text"
                                        danger
                                        icon={<DeleteOutlined />}
                                        onClick={() => ops.remove(o.name)}
                                      />
                                    )}
                                  </Flex>
                                ))}
                                {readOnly ? null : (
                                  <Button
                                    size="small"
                                    icon={<PlusOutlined />}
                                    onClick={() => ops.add({ id: `o${opts.length + 1}`, label: {} })}
                                    style={{ alignSelf: 'start' }}
                                  >
                                    {t('surveys.templates.addOption')}
                                  </Button>
                                )}
                              </Flex>
                            )}
                          </Form.List>
                        </>
                      );
                    }}
                  </Form.Item>
                </Card>
              ))}
              {readOnly ? null : (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() =>
                    add({ id: `q${fields.length + 1}`, kind: 'rating', required: true, label: {} })
                  }
                  data-testid="template-add-question"
                >
                  {t('surveys.templates.addQuestion')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}

/** A template's body, for copying or editing. */
export function bodyOf(view: SurveyTemplateView): SurveyTemplateBody {
  return { name: view.name, target: view.target, questions: structuredClone(view.questions) };
}
