import { CalendarOutlined, PlusOutlined, ReloadOutlined, TableOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { classesKey, useClasses } from './api';
import { ClassCalendar } from './class-calendar';
import { useClassColumns } from './class-columns';
import { ClassFilterBar, useClassFilters } from './class-filters';
import { ClassFormDrawer } from './class-form-drawer';
import { CloneModal } from './clone-modal';
import './classes.css';

/** /classes: the classes the reader runs, as a table or a year calendar, filtered in the address. */
export default function ClassesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useClassFilters();
  const calendar = filters.view === 'calendar';
  const list = useClasses(filters, !calendar);
  const canEdit = can('class.edit');
  const [creating, setCreating] = useState(false);
  const [cloning, setCloning] = useState<ClassView | null>(null);
  const columns = useClassColumns(canEdit ? setCloning : undefined);

  return (
    <>
      <PageHeader
        title={t('classes.list.title')}
        extra={
          <>
            <Segmented
              value={calendar ? 'calendar' : 'table'}
              onChange={(view) => setFilters({ view: view as 'table' | 'calendar' })}
              options={[
                { value: 'table', icon: <TableOutlined />, label: t('classes.list.viewTable') },
                { value: 'calendar', icon: <CalendarOutlined />, label: t('classes.list.viewCalendar') },
              ]}
              data-testid="class-view-toggle"
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void queryClient.invalidateQueries({ queryKey: [...classesKey, 'list'] })}
            >
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-class"
              >
                {t('classes.list.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <ClassFilterBar filters={filters} onChange={setFilters} />
        {calendar ? (
          <ClassCalendar filters={filters} />
        ) : (
          <Table<ClassView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
            pagination={{
              current: list.data?.page ?? filters.page,
              pageSize: list.data?.pageSize ?? filters.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) =>
                setFilters({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
            }}
            data-testid="classes-table"
          />
        )}
      </Card>
      {canEdit ? (
        <>
          <ClassFormDrawer open={creating} cls={null} onClose={() => setCreating(false)} />
          <CloneModal cls={cloning} onClose={() => setCloning(null)} />
        </>
      ) : null}
    </>
  );
}
