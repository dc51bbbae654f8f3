import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { GroupView } from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import { App, Button, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { errorText } from '../../components/errors';
import './nominations.css';
import { useDeleteGroup, useGroups, useSaveGroup } from './api';

/** The class's groups (小组): members and leader each, created, renamed and deleted here. */
export function GroupsPanel({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const groups = useGroups(classId);
  const save = useSaveGroup(classId);
  const remove = useDeleteGroup(classId);
  const [editing, setEditing] = useState<GroupView | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; sortOrder: number }>();
  const items = groups.data?.items ?? [];

  useEffect(() => {
    if (!editing) return;
    form.resetFields();
    form.setFieldsValue(
      editing === 'new'
        ? { name: '', sortOrder: items.length + 1 }
        : { name: editing.name, sortOrder: editing.sortOrder },
    );
  }, [editing, form, items.length]);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await save.mutateAsync({
        id: editing === 'new' ? undefined : editing?.id,
        name: values.name.trim(),
        sortOrder: values.sortOrder ?? 0,
      });
      void message.success(
        t(editing === 'new' ? 'nominations.groups.created' : 'nominations.groups.renamed'),
      );
      setEditing(null);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <div data-testid="groups-panel">
      <Button
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        data-testid="group-create"
        block
        style={{ marginBottom: 12 }}
      >
        {t('nominations.groups.create')}
      </Button>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nominations.groups.empty')} />
      ) : (
        <Flex vertical className="gx-nominees">
          {items.map((g) => (
            <Flex
              key={g.id}
              justify="space-between"
              align="center"
              gap={8}
              className="gx-nominee"
              data-testid="group-item"
            >
              <Flex vertical gap={0} style={{ minWidth: 0 }}>
                <Typography.Text strong>
                  {g.name}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
                    {t('nominations.groups.members', { count: g.members })}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {g.leaderName
                    ? t('nominations.groups.leader', { name: g.leaderName })
                    : t('nominations.groups.noLeader')}
                </Typography.Text>
              </Flex>
              <Flex gap={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('nominations.groups.rename')}
                  onClick={() => setEditing(g)}
                  data-testid="group-rename"
                />
                <Popconfirm
                  title={t('nominations.groups.deleteConfirm', { name: g.name })}
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync(g.id);
                      void message.success(t('nominations.groups.deleted'));
                    } catch (error) {
                      void message.error(errorText(error, t));
                    }
                  }}
                >
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('nominations.groups.delete')}
                    data-testid="group-delete"
                  />
                </Popconfirm>
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
      <Modal
        open={!!editing}
        title={t(editing === 'new' ? 'nominations.groups.create' : 'nominations.groups.editTitle')}
        onOk={submit}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'group-submit' } as ButtonProps}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('nominations.groups.name')}
            rules={[{ required: true, whitespace: true }, { max: 50 }]}
          >
            <Input maxLength={50} data-testid="group-name" />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('nominations.groups.sortOrder')}>
            <InputNumber min={0} max={999} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
