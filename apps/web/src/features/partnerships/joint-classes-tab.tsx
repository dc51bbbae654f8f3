import { DisconnectOutlined, LinkOutlined } from '@ant-design/icons';
import {
  type ClassStatus,
  JOINT_CLASS_KINDS,
  type JointClassKind,
  type JointClassView,
  type PartnershipView,
} from '@ganxun/domain';
import { App, Button, Flex, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDebouncedValue } from '../../components/debounce';
import { errorText } from '../../components/errors';
import { useClassKinds } from '../classes/api';
import { CLASS_STATUS_COLOR, dateRange } from '../classes/status';
import { useClassSearch, useJointClasses, useLinkClass, useUnlinkClass } from './api';

const KIND_COLOR: Record<JointClassKind, string> = { leadership: 'blue', professional: 'purple' };

/** Picks a class by name or code (server search over the classes the reader may see). */
function ClassSearchSelect({
  value,
  onChange,
  exclude,
}: {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  exclude: Set<string>;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const debounced = useDebouncedValue(q, 300);
  const found = useClassSearch(debounced, open || !!q);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(id?: string) => onChange(id)}
      onOpenChange={setOpen}
      placeholder={t('partnerships.classes.classPlaceholder')}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? null : undefined}
      options={(found.data?.items ?? []).map((c) => ({
        value: c.id,
        disabled: exclude.has(c.id),
        label: `${c.code} ${c.name}`,
      }))}
      style={{ width: 360, maxWidth: '100%' }}
      popupMatchSelectWidth={false}
      data-testid="partnership-class-select"
    />
  );
}

/** The 联合办班 tab: the classes the two sides held together, with their kind and person-times. */
export function JointClassesTab({ partnership }: { partnership: PartnershipView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useJointClasses(partnership.id);
  const link = useLinkClass();
  const unlink = useUnlinkClass();
  const kinds = useClassKinds();
  const [classId, setClassId] = useState<string>();
  const [kind, setKind] = useState<JointClassKind | 'auto'>('auto');
  const items = list.data?.items ?? [];
  const totals = items.reduce(
    (s, c) => ({ classes: s.classes + 1, personTimes: s.personTimes + c.personTimes }),
    {
      classes: 0,
      personTimes: 0,
    },
  );

  const doLink = async () => {
    if (!classId) return;
    try {
      await link.mutateAsync({ id: partnership.id, classId, kind: kind === 'auto' ? undefined : kind });
      void message.success(t('partnerships.classes.linked'));
      setClassId(undefined);
      setKind('auto');
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const doUnlink = async (c: JointClassView) => {
    try {
      await unlink.mutateAsync({ id: partnership.id, classId: c.classId });
      void message.success(t('partnerships.classes.unlinked'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Flex vertical gap={12}>
      {partnership.canEdit ? (
        <Flex gap={8} wrap align="center" data-testid="partnership-class-link-bar">
          <ClassSearchSelect
            value={classId}
            onChange={setClassId}
            exclude={new Set(items.map((c) => c.classId))}
          />
          <Select<JointClassKind | 'auto'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'auto', label: t('partnerships.classes.kindDefault') },
              ...JOINT_CLASS_KINDS.map((k) => ({ value: k, label: t(`partnerships.jointKind.${k}`) })),
            ]}
            style={{ width: 170 }}
            data-testid="partnership-class-kind"
          />
          <Button
            type="primary"
            icon={<LinkOutlined />}
            disabled={!classId}
            loading={link.isPending}
            onClick={doLink}
            data-testid="partnership-class-link"
          >
            {t('partnerships.classes.link')}
          </Button>
        </Flex>
      ) : null}
      <Table<JointClassView>
        rowKey="classId"
        size="middle"
        loading={list.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: list.isError ? (
            <Typography.Text type="danger">{errorText(list.error, t)}</Typography.Text>
          ) : (
            t('partnerships.classes.empty')
          ),
        }}
        data-testid="partnership-classes-table"
        columns={[
          {
            title: t('partnerships.classes.code'),
            dataIndex: 'code',
            key: 'code',
            render: (code: string) => <span className="gx-mono gx-nowrap">{code}</span>,
          },
          {
            title: t('partnerships.classes.name'),
            dataIndex: 'name',
            key: 'name',
            render: (name: string, c) => (
              <Flex vertical style={{ maxWidth: 340 }}>
                <Typography.Text ellipsis={{ tooltip: name }}>
                  <Link to={`/classes/${c.classId}`}>{name}</Link>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {kinds.label(c.classKind)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('partnerships.classes.kind'),
            dataIndex: 'jointKind',
            key: 'jointKind',
            render: (k: JointClassKind) => (
              <Tag color={KIND_COLOR[k]} data-testid="partnership-class-kind-tag">
                {t(`partnerships.jointKind.${k}`)}
              </Tag>
            ),
          },
          {
            title: t('partnerships.classes.dates'),
            key: 'dates',
            render: (_, c) => (
              <span className="gx-nowrap">{dateRange(c.startDate, c.endDate, true) ?? '—'}</span>
            ),
          },
          {
            title: t('partnerships.classes.status'),
            dataIndex: 'status',
            key: 'status',
            render: (s: string) => (
              <Tag color={CLASS_STATUS_COLOR[s as ClassStatus] ?? 'default'}>
                {t(`classes.status.${s as ClassStatus}`)}
              </Tag>
            ),
          },
          {
            title: t('partnerships.classes.personTimes'),
            dataIndex: 'personTimes',
            key: 'personTimes',
            align: 'right',
          },
          ...(partnership.canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: JointClassView) => (
                    <Popconfirm
                      title={t('partnerships.classes.unlinkConfirm', { name: c.name })}
                      onConfirm={() => doUnlink(c)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        icon={<DisconnectOutlined />}
                        data-testid="partnership-class-unlink"
                      >
                        {t('partnerships.classes.unlink')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
        footer={
          items.length > 0
            ? () => (
                <Typography.Text type="secondary">{t('partnerships.classes.total', totals)}</Typography.Text>
              )
            : undefined
        }
      />
    </Flex>
  );
}
