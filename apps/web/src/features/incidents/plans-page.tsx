import { DeleteOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  CONTINGENCY_TYPES,
  type ContingencyPlanQuery,
  type ContingencyPlanView,
  type ContingencyType,
  contingencyPlanBody,
} from '@ganxun/domain';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { FormDrawer } from '../../components/form-drawer';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useFixedColumns } from '../../components/responsive';
import { zodRule } from '../../components/zod-rule';
import { useArchivePlan, usePlanLibrary, useSavePlan, useTaskForceRoles } from './api';
import { PlanSteps } from './tags';
import './incidents.css';

/** /contingency-plans: the library of contingency plans (editors edit; directors read and print). */
export default function ContingencyPlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const editor = can('contingency.edit');
  const fixed = useFixedColumns();
  const [type, setType] = useState<ContingencyType | undefined>();
  const [archived, setArchived] = useState<ContingencyPlanQuery['archived']>('false');
  const list = usePlanLibrary({ type, archived });
  const archive = useArchivePlan();
  const [editing, setEditing] = useState<ContingencyPlanView | 'new' | null>(null);

  const print = (plan: ContingencyPlanView) =>
    downloadFile(`/contingency-plans/${plan.id}.pdf`, 'contingency-plan.pdf').catch((error) =>
      message.error(errorText(error, t)),
    );
  const toggle = async (plan: ContingencyPlanView) => {
    try {
      await archive.mutateAsync({ id: plan.id, archived: !plan.archived });
      void message.success(
        t(plan.archived ? 'incidents.library.restoredDone' : 'incidents.library.archivedDone'),
      );
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Flex vertical gap={16} data-testid="cp-page">
      <PageHeader
        title={t('incidents.library.title')}
        description={t('incidents.library.description')}
        extra={
          editor ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="cp-create"
            >
              {t('incidents.library.create')}
            </Button>
          ) : null
        }
      />
      {editor ? null : <Alert type="info" showIcon message={t('incidents.library.readOnly')} />}
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<ContingencyType>
            allowClear
            style={{ width: 200 }}
            placeholder={t('incidents.library.filterType')}
            value={type}
            onChange={setType}
            options={CONTINGENCY_TYPES.map((k) => ({ value: k, label: t(`incidents.type.${k}`) }))}
            data-testid="cp-filter-type"
          />
          <Segmented<ContingencyPlanQuery['archived']>
            value={archived}
            onChange={setArchived}
            options={[
              { value: 'false', label: t('incidents.library.active') },
              { value: 'true', label: t('incidents.library.archivedOnly') },
              { value: 'all', label: t('incidents.library.all') },
            ]}
            data-testid="cp-filter-archived"
          />
        </Space>
        <Table<ContingencyPlanView>
          size="small"
          rowKey="id"
          data-testid="cp-table"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: list.isError ? errorText(list.error, t) : t('incidents.library.empty') }}
          onRow={() => ({ 'data-testid': 'cp-row' }) as object}
          expandable={{
            expandedRowRender: (plan) => (
              <div style={{ padding: '4px 8px' }}>
                {plan.summary ? (
                  <Typography.Paragraph type="secondary">
                    {t('incidents.library.summary')}：{plan.summary}
                  </Typography.Paragraph>
                ) : null}
                <PlanSteps plan={plan} />
              </div>
            ),
          }}
          columns={[
            {
              title: t('incidents.library.name'),
              key: 'title',
              render: (_, p) => (
                <Space size={6} wrap>
                  <Typography.Text strong>{p.title}</Typography.Text>
                  {p.builtIn ? <Tag color="blue">{t('incidents.builtIn')}</Tag> : null}
                  {p.archived ? <Tag>{t('incidents.archived')}</Tag> : null}
                </Space>
              ),
            },
            {
              title: t('incidents.library.type'),
              key: 'type',
              width: 170,
              render: (_, p) => t(`incidents.type.${p.type}`),
            },
            {
              title: t('incidents.library.steps'),
              key: 'steps',
              width: 70,
              render: (_, p) => p.steps.length,
            },
            { title: t('incidents.library.classes'), dataIndex: 'classCount', width: 90 },
            {
              title: t('incidents.library.updatedAt'),
              key: 'updatedAt',
              width: 110,
              render: (_, p) => formatDate(p.updatedAt),
            },
            {
              title: t('incidents.library.actions'),
              key: 'actions',
              width: editor ? 190 : 80,
              fixed: fixed.right,
              render: (_, p) => (
                <Space size={4}>
                  {editor ? (
                    <Button size="small" type="link" onClick={() => setEditing(p)} data-testid="cp-edit">
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  <Button
                    size="small"
                    type="link"
                    icon={<PrinterOutlined />}
                    onClick={() => print(p)}
                    data-testid="cp-print"
                  >
                    {t('incidents.print')}
                  </Button>
                  {editor ? (
                    <Popconfirm
                      title={`${t(p.archived ? 'incidents.library.restore' : 'incidents.library.archive')}？`}
                      onConfirm={() => toggle(p)}
                    >
                      <Button size="small" type="link" data-testid="cp-archive">
                        {t(p.archived ? 'incidents.library.restore' : 'incidents.library.archive')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <PlanEditor plan={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

interface Values {
  title: string;
  type: ContingencyType;
  summary?: string;
  steps: { text: string; role?: string | null }[];
}

function PlanEditor({ plan, onClose }: { plan: ContingencyPlanView | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePlan();
  const roles = useTaskForceRoles();
  const open = plan !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (plan === 'new') form.setFieldsValue({ type: 'other', steps: [{ text: '', role: null }] });
    else if (plan)
      form.setFieldsValue({
        title: plan.title,
        type: plan.type,
        summary: plan.summary ?? undefined,
        steps: plan.steps.map((s) => ({ text: s.text, role: s.role })),
      });
  }, [open, plan, form]);

  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({
        id: plan && plan !== 'new' ? plan.id : null,
        body: {
          title: v.title.trim(),
          type: v.type,
          summary: v.summary?.trim() ? v.summary.trim() : null,
          steps: v.steps.map((s) => ({ text: s.text.trim(), role: s.role ?? null })),
        },
      });
      void message.success(t('incidents.library.saved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      if (unmatched.length || !(error instanceof ApiError && error.fields.length > 0)) {
        void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
      }
    }
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t(plan === 'new' ? 'incidents.library.create' : 'incidents.library.edit')}
      width={720}
      onSave={() => form.submit()}
      saving={save.isPending}
      saveTestId="cp-save"
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="cp-form">
        <Form.Item
          name="title"
          label={t('incidents.library.name')}
          rules={[{ required: true }, zodRule(contingencyPlanBody.shape.title, t)]}
        >
          <Input data-testid="cp-title" />
        </Form.Item>
        <Form.Item name="type" label={t('incidents.library.type')} rules={[{ required: true }]}>
          <Select
            options={CONTINGENCY_TYPES.map((k) => ({ value: k, label: t(`incidents.type.${k}`) }))}
            data-testid="cp-type"
          />
        </Form.Item>
        <Form.Item name="summary" label={t('incidents.library.summary')}>
          <Input.TextArea rows={2} data-testid="cp-summary" />
        </Form.Item>
        <Typography.Text strong>{t('incidents.library.stepsLabel')}</Typography.Text>
        <Form.List name="steps">
          {(items, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              {items.map((item, index) => (
                <Flex key={item.key} gap={8} align="start" data-testid="cp-step">
                  <Typography.Text style={{ width: 24, paddingTop: 5, textAlign: 'right' }}>
                    {index + 1}.
                  </Typography.Text>
                  <Form.Item
                    name={[item.name, 'text']}
                    rules={[{ required: true, whitespace: true, message: t('incidents.library.stepText') }]}
                    style={{ flex: 1, marginBottom: 0 }}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="cp-step-text" />
                  </Form.Item>
                  <Form.Item name={[item.name, 'role']} style={{ width: 150, marginBottom: 0 }}>
                    <Select
                      allowClear
                      placeholder={t('incidents.library.roleNone')}
                      options={roles}
                      data-testid="cp-step-role"
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    disabled={items.length <= 1}
                    onClick={() => remove(item.name)}
                    aria-label={t('incidents.library.removeStep')}
                  />
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ text: '', role: null })}
                disabled={items.length >= 50}
                data-testid="cp-add-step"
              >
                {t('incidents.library.addStep')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </FormDrawer>
  );
}
