import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import type { TaskForceView } from '@ganxun/domain';
import type { ButtonProps } from 'antd';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../api/form-errors';
import { useDebouncedValue } from '../../components/debounce';
import { errorText, useNotifyError } from '../../components/errors';
import { useDictionaryOptions } from '../classes/api';
import { useAddMember, useRemoveMember, useTaskCandidates } from './api';

const ROLE_COLOR: Record<string, string> = {
  leader: 'red',
  teaching: 'blue',
  logistics: 'green',
  publicity: 'purple',
  safety: 'orange',
};

/** The task force's members with their role tags; runners add and remove them. */
export function MembersCard({ force }: { force: TaskForceView }) {
  const { t } = useTranslation();
  const roles = useDictionaryOptions('task_force_role');
  const remove = useRemoveMember(force.classId);
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);

  return (
    <Card
      size="small"
      title={t('tasks.members.title')}
      data-testid="tf-members"
      extra={
        force.canManage ? (
          <Button
            size="small"
            icon={<UserAddOutlined />}
            onClick={() => setAdding(true)}
            data-testid="tf-member-add"
          >
            {t('tasks.members.add')}
          </Button>
        ) : null
      }
    >
      {force.members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.members.empty')} />
      ) : (
        <Flex vertical gap={10}>
          {force.members.map((m) => (
            <Flex key={m.userId} align="center" gap={10} data-testid="tf-member">
              <Tag color={ROLE_COLOR[m.role] ?? 'default'} className="tf-role-tag">
                {roles.label(m.role)}
              </Tag>
              <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong ellipsis>
                  {m.name}
                </Typography.Text>
                {m.duty ? (
                  <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                    {m.duty}
                  </Typography.Text>
                ) : null}
              </Flex>
              {force.canManage ? (
                <Popconfirm
                  title={t('tasks.members.removeConfirm', { name: m.name })}
                  onConfirm={() =>
                    remove
                      .mutateAsync(m.userId)
                      .then(() => message.success(t('tasks.members.removed')))
                      .catch(notifyError)
                  }
                >
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('tasks.members.remove')}
                    data-testid="tf-member-remove"
                  />
                </Popconfirm>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
      <AddMemberModal
        force={force}
        open={adding}
        onClose={() => setAdding(false)}
        roleOptions={roles.options}
      />
    </Card>
  );
}

function AddMemberModal({
  force,
  open,
  onClose,
  roleOptions,
}: {
  force: TaskForceView;
  open: boolean;
  onClose: () => void;
  roleOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string; role: string; duty?: string }>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search, 300);
  const candidates = useTaskCandidates(force.classId, q, open);
  const add = useAddMember(force.classId);
  const taken = new Set(force.members.map((m) => m.userId));

  const onFinish = async (values: { userId: string; role: string; duty?: string }) => {
    try {
      await add.mutateAsync({ userId: values.userId, role: values.role, duty: values.duty?.trim() || null });
      void message.success(t('tasks.members.saved'));
      form.resetFields();
      onClose();
    } catch (error) {
      const unmatched = applyFieldErrors(form, error);
      void message.error(unmatched.length ? unmatched.join('; ') : errorText(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t('tasks.members.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'tf-member-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="userId" label={t('tasks.members.user')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            placeholder={t('tasks.members.userSearch')}
            loading={candidates.isFetching}
            data-testid="tf-member-user"
            options={(candidates.data?.items ?? [])
              .filter((c) => !taken.has(c.id))
              .map((c) => ({ value: c.id, label: `${c.name}（${c.username}）` }))}
          />
        </Form.Item>
        <Form.Item name="role" label={t('tasks.members.role')} rules={[{ required: true }]}>
          <Select options={roleOptions} data-testid="tf-member-role" />
        </Form.Item>
        <Form.Item name="duty" label={t('tasks.members.duty')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
