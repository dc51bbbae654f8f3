import { CopyOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import { Button, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFixedColumns } from '../../components/responsive';
import { useClassKinds } from './api';
import { CLASS_STATUS_COLOR, dateRange } from './status';

/** Columns of the class list; on a phone code, name and status stay, the rest is on the class page. */
export function useClassColumns(onClone?: (cls: ClassView) => void): TableProps<ClassView>['columns'] {
  const { t } = useTranslation();
  const fixed = useFixedColumns();
  const kinds = useClassKinds();
  const wide = ['md' as const];

  return [
    {
      title: t('classes.field.code'),
      dataIndex: 'code',
      key: 'code',
      width: 84,
      fixed: fixed.left,
      responsive: ['sm'],
      render: (code: string) => <span className="gx-mono gx-nowrap">{code}</span>,
    },
    {
      title: t('classes.field.name'),
      dataIndex: 'name',
      key: 'name',
      width: 200,
      render: (name: string, cls) => (
        <Link to={`/classes/${cls.id}`} data-testid="class-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('classes.field.status'),
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: ClassView['status']) => (
        <Tag color={CLASS_STATUS_COLOR[s]} data-testid="class-status">
          {t(`classes.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('classes.field.kind'),
      dataIndex: 'kind',
      key: 'kind',
      width: 100,
      responsive: wide,
      render: (kind: string, cls) => kinds.label(kind, cls.kindName),
    },
    {
      title: t('classes.field.leadOrganiser'),
      key: 'organiser',
      width: 140,
      responsive: ['lg'],
      render: (_, cls) => (
        <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 124 }}>
          {cls.leadOrganiser.name}
        </Typography.Text>
      ),
    },
    {
      title: t('classes.field.dates'),
      key: 'dates',
      width: 150,
      responsive: wide,
      render: (_, cls) => (
        <span className="gx-nowrap">
          {dateRange(cls.startDate, cls.endDate, true) ?? (
            <Typography.Text type="secondary">{t('classes.list.datesToBeSet')}</Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('classes.list.hours'),
      dataIndex: 'plannedHours',
      key: 'plannedHours',
      width: 64,
      align: 'right',
      responsive: ['lg'],
      render: (h: number | null) => h ?? t('common.empty'),
    },
    {
      title: t('classes.list.capacity'),
      dataIndex: 'capacity',
      key: 'capacity',
      width: 64,
      align: 'right',
      responsive: wide,
      render: (c: number | null) => c ?? t('common.empty'),
    },
    {
      title: (
        <Tooltip title={t('classes.list.seatsEnrolledHint')}>
          <span className="gx-nowrap">{t('classes.list.seatsEnrolled')}</span>
        </Tooltip>
      ),
      key: 'seats',
      width: 90,
      align: 'right',
      responsive: wide,
      render: (_, cls) => (
        <span className="gx-nowrap">
          {cls.seatsTaken} / {cls.enrolled}
        </span>
      ),
    },
    ...(onClone
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 64,
            fixed: fixed.right,
            render: (_: unknown, cls: ClassView) => (
              <Tooltip title={t('classes.clone.action')}>
                <Button
                  type="text"
                  size="small"
                  icon={<CopyOutlined />}
                  onClick={() => onClone(cls)}
                  aria-label={t('classes.clone.action')}
                  data-testid="class-clone"
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];
}
