import type { Page } from '@ganxun/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Table, type TableProps, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

/** The paging and sort state a list page keeps in its URL. */
export interface PagedState {
  page: number;
  pageSize: number;
}

export interface PagedTableProps<T>
  extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'> {
  /** The list query (`{ items, total, page, pageSize }` from the server). */
  list: UseQueryResult<Page<T>>;
  state: PagedState;
  /** Called with the new page, page size or sort (`field` / `-field`, undefined for none). */
  onState: (patch: { page?: number; pageSize?: number; sort?: string | undefined }) => void;
  /** Shown when the list is empty (an error is shown instead when the query failed). */
  emptyText?: string;
  errorTestId?: string;
}

/**
 * The server-paged, sortable table of every list page: rows from the list query, its error in
 * place of the rows, sorting by column key as `field` / `-field`, and a new page size going back to
 * page 1.
 */
export function PagedTable<T extends object>({
  list,
  state,
  onState,
  emptyText,
  errorTestId,
  ...table
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      scroll={{ x: 'max-content' }}
      {...table}
      dataSource={list.data?.items ?? []}
      loading={list.isFetching}
      locale={{
        emptyText: list.isError ? (
          <Typography.Text type="danger" data-testid={errorTestId}>
            {errorText(list.error, t)}
          </Typography.Text>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ),
      }}
      onChange={(_pagination, _filters, sorter, extra) => {
        if (extra.action !== 'sort') return;
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
        const field = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
        onState({ sort: field && s?.order ? (s.order === 'descend' ? `-${field}` : field) : undefined });
      }}
      pagination={{
        current: list.data?.page ?? state.page,
        pageSize: list.data?.pageSize ?? state.pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: (page, pageSize) => onState({ page: pageSize === state.pageSize ? page : 1, pageSize }),
      }}
    />
  );
}
