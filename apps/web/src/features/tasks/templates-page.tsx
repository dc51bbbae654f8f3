import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { type TaskTemplateBody, type TaskTemplateView, taskTemplateBody } from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText, useNotifyError } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { PageHeader } from '../../components/page-header';
import { useClassKinds, useDictionaryOptions } from '../classes/api';
import { useDeleteTemplate, useSaveTemplate, useTaskTemplates } from './api';
import { relativeText } from './labels';
import './tasks.css';

/** /task-templates: checklist templates per class kind (kept by contingency.edit holders). */
export default function TaskTemplatesPage() {
  const { t } = useTranslation();
  const query = useTaskTemplates();
  const kinds = useClassKinds();
  const roles = useDictionaryOptions('task_force_role');
  const remove = useDeleteTemplate();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<TaskTemplateView | null | undefined>(undefined);

  return (
    <div data-testid="tt-page">
      <PageHeader
        title={t('tasks.templates.title')}
        description={t('tasks.templates.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="tt-add"
          >
            {t('tasks.templates.add')}
          </Button>
        }
      />
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <Alert type="error" showIcon message={errorText(query.error, t)} />
      ) : query.data.items.length === 0 ? (
        <Empty description={t('tasks.templates.empty')} />
      ) : (
        <Flex vertical gap={16} data-testid="tt-list">
          {query.data.items.map((x) => (
            <Card
              key={x.id}
              size="small"
              data-testid="tt-template"
              title={
                <Space wrap>
                  {x.name}
                  {x.archived ? <Tag>{t('tasks.templates.archived')}</Tag> : null}
                  {(x.classKinds.length ? x.classKinds : [null]).map((k) => (
                    <Tag key={k ?? 'all'} color="blue">
                      {k ? kinds.label(k) : t('tasks.template.allKinds')}
                    </Tag>
                  ))}
                </Space>
              }
              extra={
                x.canEdit ? (
                  <Space>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(x)}
                      data-testid="tt-edit"
                    >
                      {t('tasks.templates.edit')}
                    </Button>
                    <Popconfirm
                      title={t('tasks.templates.deleteConfirm', { name: x.name })}
                      onConfirm={() =>
                        remove
                          .mutateAsync(x.id)
                          .then((r) =>
                            message.success(
                              t(r.archived ? 'tasks.templates.archivedDone' : 'tasks.templates.deleted'),
                            ),
                          )
                          .catch(notifyError)
                      }
                    >
                      <Button size="small" danger icon={<DeleteOutlined />} data-testid="tt-delete">
                        {t('tasks.templates.delete')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : (
                  <Tag>{t('tasks.templates.readOnly')}</Tag>
                )
              }
            >
              <Table
                rowKey={(_, i) => String(i)}
                size="small"
                pagination={false}
                dataSource={[...x.items].sort(
                  (a, b) =>
                    (a.anchor === b.anchor ? 0 : a.anchor === 'start' ? -1 : 1) ||
                    a.offsetDays - b.offsetDays,
                )}
                columns={[
                  {
                    title: t('tasks.checklist.due'),
                    key: 'rel',
                    width: 110,
                    render: (_, i) => (
                      <Tag className="tf-rel">{relativeText({ kind: 'relative', ...i }, t)}</Tag>
                    ),
                  },
                  { title: t('tasks.templates.itemTitle'), dataIndex: 'title' },
                  {
                    title: t('tasks.templates.itemRole'),
                    dataIndex: 'role',
                    width: 140,
                    render: (role: string | null) => (role ? roles.label(role) : '—'),
                  },
                ]}
              />
            </Card>
          ))}
        </Flex>
      )}
      <TemplateDrawer
        template={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
      />
    </div>
  );
}

function TemplateDrawer({
  template,
  open,
  onClose,
}: {
  template: TaskTemplateView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskTemplateBody>();
  const kinds = useClassKinds();
  const roles = useDictionaryOptions('task_force_role');
  const save = useSaveTemplate();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      template
        ? { name: template.name, classKinds: template.classKinds, items: template.items }
        : { name: '', classKinds: [], items: [{ title: '', role: null, anchor: 'start', offsetDays: -7 }] },
    );
  }, [open, template, form]);

  const onFinish = async (values: TaskTemplateBody) => {
    const parsed = taskTemplateBody.safeParse(values);
    try {
      await save.mutateAsync({ id: template?.id, body: parsed.success ? parsed.data : values });
      void message.success(t('tasks.templates.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(template ? 'tasks.templates.edit' : 'tasks.templates.add')}
      width={760}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="tt-save"
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('tasks.templates.name')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} data-testid="tt-name" />
        </Form.Item>
        <Form.Item
          name="classKinds"
          label={t('tasks.templates.kinds')}
          extra={t('tasks.templates.kindsHint')}
        >
          <Select mode="multiple" options={kinds.options} loading={kinds.loading} data-testid="tt-kinds" />
        </Form.Item>
        <Typography.Text strong>{t('tasks.templates.items')}</Typography.Text>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="tt-items">
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="tt-item">
                  <Form.Item
                    name={[field.name, 'title']}
                    rules={[{ required: true, whitespace: true }]}
                    style={{ flex: '1 1 220px', marginBottom: 8 }}
                  >
                    <Input
                      placeholder={t('tasks.templates.itemTitle')}
                      maxLength={200}
                      data-testid="tt-item-title"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} style={{ width: 130, marginBottom: 8 }}>
                    <Select allowClear placeholder={t('tasks.templates.itemRole')} options={roles.options} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'anchor']} style={{ width: 120, marginBottom: 8 }}>
                    <Select
                      options={[
                        { value: 'start', label: t('tasks.drawer.anchorStart') },
                        { value: 'end', label: t('tasks.drawer.anchorEnd') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'offsetDays']}
                    rules={[{ required: true }]}
                    style={{ width: 100, marginBottom: 8 }}
                  >
                    <InputNumber
                      min={-365}
                      max={365}
                      precision={0}
                      placeholder={t('tasks.templates.itemOffset')}
                      data-testid="tt-item-offset"
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                    aria-label={t('tasks.templates.delete')}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ title: '', role: null, anchor: 'start', offsetDays: -1 })}
                data-testid="tt-item-add"
              >
                {t('tasks.templates.addItem')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
