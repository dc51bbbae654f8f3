import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type DictionaryItemView,
  type DictionaryView,
  dictionaryItemBody,
  type Page,
  text,
} from '@ganxun/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Switch,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyFieldErrors } from '../../api/form-errors';
import { useAuth } from '../../app/auth';
import { currentLanguage } from '../../app/i18n';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { zodRule } from '../../components/zod-rule';
import { StudyHourSettingsCard } from '../archive/study-hour-settings-card';
import { TrainingSettingsCard } from '../classes/training-settings-card';
import { LeaveSettingsCard } from '../leave/leave-settings-card';

/** The server may answer a list either as a bare array or as a page. */
function itemsOf<T>(data: T[] | Page<T> | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

interface ItemValues {
  code: string;
  label: DictionaryItemView['label'];
  sortOrder: number;
  active: boolean;
}

function ItemModal({
  dictionary,
  item,
  open,
  onClose,
}: {
  dictionary: DictionaryView;
  item: DictionaryItemView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ItemValues>();
  const save = useMutation({
    mutationFn: (values: ItemValues) =>
      item
        ? api.patch(`/dictionaries/${dictionary.code}/items/${encodeURIComponent(item.code)}`, {
            label: values.label,
            sortOrder: values.sortOrder,
            active: values.active,
          })
        : api.post(`/dictionaries/${dictionary.code}/items`, values),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['dictionaries'] }),
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (item) form.setFieldsValue(item);
  }, [open, item, form]);

  const submit = async (values: ItemValues) => {
    try {
      await save.mutateAsync(values);
      void message.success(t('dictionaries.itemSaved'));
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  const labelRule = (max: number) => [
    { required: true, whitespace: true, message: t('validation.required') },
    zodRule(text(max), t),
  ];
  return (
    <Modal
      open={open}
      title={item ? t('dictionaries.editItem') : t('dictionaries.addItem')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ sortOrder: 0, active: true }}>
        <Form.Item
          name="code"
          label={t('dictionaries.code')}
          rules={[
            { required: true, message: t('validation.required') },
            zodRule(dictionaryItemBody.shape.code, t),
          ]}
        >
          <Input disabled={!!item} maxLength={40} />
        </Form.Item>
        <Form.Item name={['label', 'zh-CN']} label={t('dictionaries.labelZhCN')} rules={labelRule(60)}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name={['label', 'zh-TW']} label={t('dictionaries.labelZhTW')} rules={labelRule(60)}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name={['label', 'en']} label={t('dictionaries.labelEn')} rules={labelRule(120)}>
          <Input maxLength={120} />
        </Form.Item>
        <Flex gap={24}>
          <Form.Item name="sortOrder" label={t('dictionaries.sortOrder')}>
            <InputNumber min={0} max={100000} precision={0} />
          </Form.Item>
          <Form.Item name="active" label={t('dictionaries.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

export default function DictionariesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const language = currentLanguage();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ open: boolean; item: DictionaryItemView | null }>({
    open: false,
    item: null,
  });

  const dictionaries = useQuery({
    queryKey: ['dictionaries'],
    queryFn: ({ signal }) =>
      api.get<DictionaryView[] | Page<DictionaryView>>('/dictionaries', undefined, signal),
  });
  const all = itemsOf(dictionaries.data);
  const current = all.find((d) => d.code === selected) ?? all[0] ?? null;

  const canEdit = can('dictionary.edit');
  const items = useQuery({
    queryKey: ['dictionaries', current?.code, 'items', canEdit],
    queryFn: ({ signal }) =>
      api.get<DictionaryItemView[] | Page<DictionaryItemView>>(
        `/dictionaries/${current?.code}/items`,
        { includeInactive: canEdit ? 'true' : undefined },
        signal,
      ),
    enabled: !!current,
  });

  const editable = !!current?.editable && canEdit;
  const columns: TableProps<DictionaryItemView>['columns'] = [
    { title: t('dictionaries.code'), dataIndex: 'code', key: 'code', width: 110 },
    { title: t('dictionaries.label'), key: 'label', width: 200, render: (_, i) => i.label[language] },
    ...(language === 'en'
      ? []
      : [
          {
            title: t('dictionaries.labelEn'),
            key: 'en',
            width: 200,
            render: (_: unknown, i: DictionaryItemView) => i.label.en,
          },
        ]),
    { title: t('dictionaries.sortOrder'), dataIndex: 'sortOrder', key: 'sortOrder', width: 80 },
    {
      title: t('dictionaries.active'),
      dataIndex: 'active',
      key: 'active',
      width: 80,
      render: (active: boolean) =>
        active ? (
          <Badge status="success" text={t('dictionaries.active')} />
        ) : (
          <Badge status="default" text={t('dictionaries.inactive')} />
        ),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, item: DictionaryItemView) => (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setEditing({ open: true, item })}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('dictionaries.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={9} lg={7}>
          <Card title={t('dictionaries.list')} styles={{ body: { padding: 0 } }}>
            <List<DictionaryView>
              loading={dictionaries.isPending}
              dataSource={all}
              locale={{ emptyText: dictionaries.isError ? errorText(dictionaries.error, t) : undefined }}
              renderItem={(d) => (
                <List.Item
                  onClick={() => setSelected(d.code)}
                  style={{
                    cursor: 'pointer',
                    padding: '10px 16px',
                    background: d.code === current?.code ? '#fdecec' : undefined,
                  }}
                >
                  <Flex vertical gap={4} style={{ minWidth: 0 }}>
                    <Typography.Text strong={d.code === current?.code}>{d.name[language]}</Typography.Text>
                    <Flex gap={4} wrap>
                      {d.standard ? <Tag color="gold">{d.standard}</Tag> : null}
                      {d.editable ? (
                        <Tag color="blue">{t('dictionaries.editable')}</Tag>
                      ) : (
                        <Tag icon={<LockOutlined />}>{t('dictionaries.readOnly')}</Tag>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('dictionaries.itemCount', { count: d.itemCount })}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
          {/* The class-days → 学时 rule sits with the other configurable lists of the system admin. */}
          <div style={{ marginTop: 16 }}>
            <TrainingSettingsCard />
          </div>
          <div style={{ marginTop: 16 }}>
            <LeaveSettingsCard />
          </div>
          <div style={{ marginTop: 16 }}>
            <StudyHourSettingsCard />
          </div>
        </Col>
        <Col xs={24} md={15} lg={17}>
          <Card
            title={current ? `${current.name[language]} (${current.code})` : t('dictionaries.items')}
            extra={
              editable ? (
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setEditing({ open: true, item: null })}
                >
                  {t('dictionaries.addItem')}
                </Button>
              ) : null
            }
          >
            {!current ? (
              <Empty description={t('dictionaries.selectHint')} />
            ) : (
              <>
                {current.editable ? null : (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={
                      current.standard
                        ? t('dictionaries.readOnlyHint', { standard: current.standard })
                        : t('dictionaries.readOnlyPlain')
                    }
                  />
                )}
                <Table<DictionaryItemView>
                  rowKey="code"
                  size="small"
                  columns={columns}
                  dataSource={itemsOf(items.data)}
                  loading={items.isFetching}
                  scroll={{ x: 640 }}
                  pagination={{
                    pageSize: 50,
                    showTotal: (total) => t('common.total', { total }),
                    hideOnSinglePage: true,
                  }}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
      {current && editable ? (
        <ItemModal
          dictionary={current}
          item={editing.item}
          open={editing.open}
          onClose={() => setEditing({ open: false, item: null })}
        />
      ) : null}
    </>
  );
}
