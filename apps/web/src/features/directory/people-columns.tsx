import type { PersonView } from '@ganxun/domain';
import { type TableProps, Tag, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../components/format';
import { useFixedColumns } from '../../components/responsive';
import { useDictionary } from './dictionaries';

export const STATUS_COLOR = { serving: 'green', transferred: 'orange', retired: 'default' } as const;

/** `name` / `-name` → antd's sort order of that column. */
function orderOf(sort: string | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/**
 * Columns of the people list. On a phone only name, unit and status stay (antd `responsive`);
 * the rest is on the person's page.
 */
export function usePeopleColumns(sort: string | undefined): TableProps<PersonView>['columns'] {
  const { t } = useTranslation();
  const fixed = useFixedColumns();
  const ranks = useDictionary('post_level');
  const wide = ['md' as const];

  return [
    {
      title: t('directory.people.name'),
      dataIndex: 'name',
      key: 'name',
      width: 96,
      fixed: fixed.left,
      sorter: true,
      sortOrder: orderOf(sort, 'name'),
      render: (name: string, person) => (
        <Link to={`/people/${person.id}`} data-testid="person-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('directory.people.gender'),
      dataIndex: 'gender',
      key: 'gender',
      width: 56,
      responsive: wide,
      render: (g: PersonView['gender']) => t(`directory.gender.${g}`),
    },
    {
      title: t('directory.people.birthDate'),
      dataIndex: 'birthDate',
      key: 'birthDate',
      width: 100,
      responsive: wide,
      sorter: true,
      sortOrder: orderOf(sort, 'birthDate'),
    },
    {
      title: t('directory.people.idNumber'),
      dataIndex: 'idNumber',
      key: 'idNumber',
      width: 190,
      responsive: wide,
      render: (v: string) => <span className="gx-mono gx-nowrap">{v}</span>,
    },
    {
      title: t('directory.people.mobile'),
      dataIndex: 'mobile',
      key: 'mobile',
      width: 116,
      responsive: ['xl'],
      render: (v: string | null) => <span className="gx-mono gx-nowrap">{v ?? t('common.empty')}</span>,
    },
    {
      title: t('directory.people.unitName'),
      dataIndex: 'unitName',
      key: 'unitName',
      width: 160,
      ellipsis: true,
    },
    {
      title: t('directory.people.post'),
      dataIndex: 'post',
      key: 'post',
      width: 140,
      ellipsis: true,
      responsive: ['xxl'],
      render: (v: string | null) => v ?? t('common.empty'),
    },
    {
      title: t('directory.people.rank'),
      dataIndex: 'rank',
      key: 'rank',
      width: 100,
      responsive: wide,
      render: (v: string | null) => ranks.label(v),
    },
    {
      title: t('directory.people.category'),
      key: 'category',
      width: 124,
      responsive: wide,
      render: (_, p) =>
        p.specialty
          ? `${t(`directory.category.${p.category}`)} · ${t(`directory.specialty.${p.specialty}`)}`
          : t(`directory.category.${p.category}`),
    },
    {
      title: t('directory.people.status'),
      dataIndex: 'status',
      key: 'status',
      width: 72,
      render: (s: PersonView['status']) => (
        <Tag color={STATUS_COLOR[s]}>{t(`directory.personStatus.${s}`)}</Tag>
      ),
    },
    {
      title: t('directory.people.account'),
      dataIndex: 'username',
      key: 'account',
      width: 130,
      responsive: ['xxl'],
      render: (username: string | null) =>
        username ?? <Typography.Text type="secondary">{t('directory.people.noAccount')}</Typography.Text>,
    },
    {
      title: t('directory.people.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 170,
      responsive: ['xxl'],
      sorter: true,
      sortOrder: orderOf(sort, 'updatedAt'),
      render: formatDateTime,
    },
  ];
}
