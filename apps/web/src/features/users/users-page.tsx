import { EditOutlined, MoreOutlined, PlusOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { ROLES, USER_STATUSES, type UserView } from '@ganxun/domain';
import {
  App,
  Button,
  Card,
  Dropdown,
  Flex,
  Input,
  type MenuProps,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useFixedColumns } from '../../components/responsive';
import { type UserFilters, useResetTotp, useUnlockUser, useUpdateUser, useUserList } from './api';
import { ResetPasswordModal } from './reset-password-modal';
import { RolesEditorModal } from './roles-editor-modal';
import { UserFormDrawer } from './user-form-drawer';

/**
 * A role with its scope's name (region or unit, as the server names it in the reader's language;
 * the raw id only when the scope names nothing); a scope since abolished or merged is flagged.
 */
function RoleTag({ grant }: { grant: UserView['roles'][number] }) {
  const { t } = useTranslation();
  const admin = ['system_admin', 'security_admin', 'auditor'].includes(grant.role);
  const scope = grant.scopeId ? (grant.scopeName ?? grant.scopeId) : null;
  const tag = (
    <Tag
      color={admin ? 'red' : grant.scopeRetired ? 'warning' : 'blue'}
      style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}
      data-testid="user-role"
    >
      {t(`roles.${grant.role}`)}
      {scope ? ` · ${scope}` : ''}
      {grant.scopeRetired ? t('users.scopeRetired') : ''}
    </Tag>
  );
  return grant.scopeRetired ? <Tooltip title={t('users.scopeRetiredHint')}>{tag}</Tooltip> : tag;
}

export default function UsersPage() {
  const { t } = useTranslation();
  const fixed = useFixedColumns();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [filters, setFilters] = useState<UserFilters>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const [drawer, setDrawer] = useState<{ open: boolean; user: UserView | null }>({ open: false, user: null });
  const [rolesUser, setRolesUser] = useState<UserView | null>(null);
  const [passwordUser, setPasswordUser] = useState<UserView | null>(null);
  const list = useUserList(filters);
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const resetTotp = useResetTotp();

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const confirm = (content: string, onOk: () => Promise<unknown>, danger = false) =>
    modal.confirm({
      title: content,
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger },
      onOk,
    });

  const moreActions = (user: UserView): MenuProps['items'] => {
    const items: MenuProps['items'] = [];
    if (can('user.disable')) {
      items.push(
        user.status === 'active'
          ? { key: 'disable', label: t('users.disable'), danger: true }
          : { key: 'enable', label: t('users.enable') },
      );
    }
    if (can('user.unlock') && user.locked) items.push({ key: 'unlock', label: t('users.unlock') });
    if (can('user.resetPassword')) items.push({ key: 'resetPassword', label: t('users.resetPassword') });
    if (can('user.resetPassword') && user.totpEnabled)
      items.push({ key: 'resetTotp', label: t('users.resetTotp'), danger: true });
    return items;
  };

  const onMore = (user: UserView, key: string) => {
    const name = user.displayName;
    switch (key) {
      case 'disable':
        confirm(
          t('users.disableConfirm', { name }),
          () => run(() => update.mutateAsync({ id: user.id, status: 'disabled' }), t('users.disabledOk')),
          true,
        );
        break;
      case 'enable':
        confirm(t('users.enableConfirm', { name }), () =>
          run(() => update.mutateAsync({ id: user.id, status: 'active' }), t('users.enabledOk')),
        );
        break;
      case 'unlock':
        confirm(t('users.unlockConfirm', { name }), () =>
          run(() => unlock.mutateAsync(user.id), t('users.unlocked')),
        );
        break;
      case 'resetPassword':
        setPasswordUser(user);
        break;
      case 'resetTotp':
        confirm(
          t('users.resetTotpConfirm', { name }),
          () => run(() => resetTotp.mutateAsync(user.id), t('users.totpReset')),
          true,
        );
        break;
    }
  };

  const columns: TableProps<UserView>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', width: 140, fixed: fixed.left },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', width: 140 },
    {
      title: t('users.roles'),
      key: 'roles',
      width: 260,
      render: (_, user) =>
        user.roles.length ? (
          <Flex gap={4} wrap>
            {user.roles.map((r) => (
              <RoleTag key={`${r.role}:${r.scopeId ?? ''}`} grant={r} />
            ))}
          </Flex>
        ) : (
          t('common.empty')
        ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 150,
      render: (_, user) => (
        <Flex gap={4} wrap>
          {user.status === 'active' ? (
            <Tag color="success">{t('users.statusActive')}</Tag>
          ) : (
            <Tag color="default">{t('users.statusDisabled')}</Tag>
          )}
          {user.locked ? (
            <Tooltip
              title={
                user.lockedUntil
                  ? t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })
                  : undefined
              }
            >
              <Tag color="warning">{t('users.locked')}</Tag>
            </Tooltip>
          ) : null}
          {user.mustChangePassword ? <Tag>{t('users.mustChangePassword')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('users.totp'),
      key: 'totp',
      width: 90,
      render: (_, user) =>
        user.totpEnabled ? <Tag color="green">{t('users.totpOn')}</Tag> : <Tag>{t('users.totpOff')}</Tag>,
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 170,
      render: (value: string | null) => (value ? formatDateTime(value) : t('users.neverLoggedIn')),
    },
    {
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 170,
      render: formatDateTime,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 190,
      fixed: fixed.right,
      render: (_, user) => {
        const more = moreActions(user);
        return (
          <Space size={4}>
            {can('user.update') ? (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setDrawer({ open: true, user })}
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {can('role.assign') ? (
              <Button size="small" type="link" icon={<TeamOutlined />} onClick={() => setRolesUser(user)}>
                {t('users.editRoles')}
              </Button>
            ) : null}
            {more?.length ? (
              <Dropdown menu={{ items: more, onClick: ({ key }) => onMore(user, key) }} trigger={['click']}>
                <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('common.more')} />
              </Dropdown>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {can('user.create') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ open: true, user: null })}
                data-testid="create-user"
              >
                {t('users.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap className="gx-filters">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
            style={{ width: 240, maxWidth: '100%' }}
            enterButton={t('common.search')}
            data-testid="user-search"
          />
          <Select
            allowClear
            placeholder={t('users.role')}
            value={filters.role}
            onChange={(role?: string) => setFilters((f) => ({ ...f, role, page: 1 }))}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            style={{ width: 200, maxWidth: '100%' }}
          />
          <Select
            allowClear
            placeholder={t('users.status')}
            value={filters.status}
            onChange={(status?: string) => setFilters((f) => ({ ...f, status, page: 1 }))}
            options={USER_STATUSES.map((s) => ({
              value: s,
              label: s === 'active' ? t('users.statusActive') : t('users.statusDisabled'),
            }))}
            style={{ width: 140 }}
          />
        </Flex>
        <Table<UserView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 1200 }}
          locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
          pagination={{
            current: list.data?.page ?? filters.page,
            pageSize: list.data?.pageSize ?? filters.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              setFilters((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
          }}
          data-testid="users-table"
        />
      </Card>
      <UserFormDrawer
        open={drawer.open}
        user={drawer.user}
        onClose={() => setDrawer({ open: false, user: null })}
      />
      <RolesEditorModal user={rolesUser} onClose={() => setRolesUser(null)} />
      <ResetPasswordModal user={passwordUser} onClose={() => setPasswordUser(null)} />
    </>
  );
}
