import { DownloadOutlined, PlusOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { AccountsModal } from './accounts-modal';
import { usePeople } from './api';
import './directory.css';
import type { PersonView } from '@ganxun/domain';
import { PagedTable } from '../../components/paged-table';
import { usePeopleColumns } from './people-columns';
import { PeopleFilterBar, usePeopleFilters } from './people-filters';
import { PersonFormDrawer } from './person-form-drawer';

/** /people: the directory's list of people, filtered in the address, with export and bulk accounts. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [filters, setFilters] = usePeopleFilters();
  const list = usePeople(filters);
  const columns = usePeopleColumns(filters.sort);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<PersonView[]>([]);
  const [accountsOpen, setAccountsOpen] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canAccounts = can('person.account.create');

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { page: _page, pageSize: _size, ...query } = filters;
      await downloadFile('/people/export', `people-${new Date().toISOString().slice(0, 10)}.xlsx`, query);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('directory.people.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {can('person.export') ? (
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={exportXlsx}
                data-testid="people-export"
              >
                {t('directory.people.export')}
              </Button>
            ) : null}
            {can('person.edit') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-person"
              >
                {t('directory.people.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <PeopleFilterBar filters={filters} onChange={setFilters} />
        {canAccounts && selected.length > 0 ? (
          <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
            <Typography.Text>{t('directory.people.selected', { count: selected.length })}</Typography.Text>
            <Button
              icon={<UserAddOutlined />}
              onClick={() => setAccountsOpen(true)}
              data-testid="create-accounts"
            >
              {t('directory.people.createAccounts')}
            </Button>
            <Button type="link" onClick={() => setSelected([])}>
              {t('common.cancel')}
            </Button>
          </Flex>
        ) : null}
        <PagedTable<PersonView>
          list={list}
          state={filters}
          onState={setFilters}
          columns={columns}
          rowSelection={
            canAccounts
              ? {
                  selectedRowKeys: selected.map((p) => p.id),
                  preserveSelectedRowKeys: true,
                  onChange: (keys, rows) =>
                    // Rows of other pages come back as undefined; keep what was picked there.
                    setSelected((old) => {
                      const byId = new Map(old.map((p) => [p.id, p]));
                      return keys
                        .map((k) => rows.find((r) => r?.id === k) ?? byId.get(String(k)))
                        .filter((p): p is PersonView => !!p);
                    }),
                }
              : undefined
          }
          data-testid="people-table"
        />
      </Card>
      <PersonFormDrawer open={creating} person={null} onClose={() => setCreating(false)} />
      <AccountsModal
        open={accountsOpen}
        people={selected}
        onClose={(done) => {
          setAccountsOpen(false);
          if (done) setSelected([]);
        }}
      />
    </>
  );
}
