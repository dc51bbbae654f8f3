import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { SECONDMENT_ALERTS, type SecondmentView } from '@ganxun/domain';
import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadFile } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { useSecondmentAlerts, useSecondments } from './api';
import { SecondmentImportModal } from './import-modal';
import {
  ALERT_COLOR,
  AlertTag,
  directionText,
  StatusTag,
  termText,
  useCategoryText,
  useSecondmentForms,
} from './parts';
import { SecondmentFilterBar, useSecondmentFilters } from './secondment-filters';
import { SecondmentFormDrawer } from './secondment-form-drawer';
import './secondments.css';

function useColumns(): ColumnsType<SecondmentView> {
  const { t } = useTranslation();
  const forms = useSecondmentForms();
  const categoryText = useCategoryText();
  const l = 'secondments.list';
  return [
    {
      title: t(`${l}.person`),
      key: 'person',
      width: 200,
      render: (_, s) => (
        <>
          <Link to={`/secondments/${s.id}`} data-testid="secondment-link">
            {s.person.name}
          </Link>
          <Typography.Text type="secondary" className="gx-secondment-sub">
            {s.homeUnit.name}
            {s.homePost ? ` · ${s.homePost}` : ''}
          </Typography.Text>
        </>
      ),
    },
    { title: t(`${l}.direction`), key: 'direction', render: (_, s) => directionText(s) },
    {
      title: `${t(`${l}.form`)} / ${t(`${l}.categorySpecialty`)}`,
      key: 'form',
      render: (_, s) => (
        <>
          {forms.label(s.form)}
          <Typography.Text type="secondary" className="gx-secondment-sub">
            {categoryText(s)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t(`${l}.hostUnit`),
      key: 'host',
      width: 220,
      render: (_, s) => (
        <>
          {s.hostUnit.name}
          {s.hostPost ? (
            <Typography.Text type="secondary" className="gx-secondment-sub">
              {s.hostPost}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t(`${l}.term`),
      key: 'term',
      render: (_, s) => (
        <>
          <span>
            {t(`${l}.planned`)} {termText(s.plannedStart, s.plannedEnd)}
          </span>
          {s.actualStart ? (
            <Typography.Text type="secondary" className="gx-secondment-sub">
              {t(`${l}.actual`)} {termText(s.actualStart, s.actualEnd)}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    {
      title: t(`${l}.status`),
      key: 'status',
      render: (_, s) => (
        <Flex vertical gap={4} align="flex-start">
          <StatusTag status={s.status} />
          <AlertTag alert={s.alert} />
        </Flex>
      ),
    },
  ];
}

/** /secondments: the secondment list with filters in the address, alert badges, create, import, export. */
export default function SecondmentsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [filters, setFilters] = useSecondmentFilters();
  const list = useSecondments(filters);
  const alerts = useSecondmentAlerts(filters.partnershipId);
  const columns = useColumns();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const canEdit = can('secondment.edit');
  const l = 'secondments.list';

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { page: _page, pageSize: _size, ...query } = filters;
      await downloadFile(
        '/secondments/export.xlsx',
        `secondments-${new Date().toISOString().slice(0, 10)}.xlsx`,
        query,
      );
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('secondments.title')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={exportXlsx}
              data-testid="secondments-export"
            >
              {t(`${l}.export`)}
            </Button>
            {canEdit ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="secondments-import"
              >
                {t(`${l}.import`)}
              </Button>
            ) : null}
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="secondments-create"
              >
                {t(`${l}.create`)}
              </Button>
            ) : null}
          </>
        }
      />
      {alerts.data ? (
        <Flex gap={8} wrap className="gx-secondment-alerts" data-testid="secondments-alerts">
          {SECONDMENT_ALERTS.map((a) => (
            <Tag
              key={a}
              color={filters.alert === a ? ALERT_COLOR[a] : alerts.data[a] > 0 ? ALERT_COLOR[a] : 'default'}
              variant={filters.alert === a ? 'solid' : 'outlined'}
              onClick={() => setFilters({ alert: filters.alert === a ? undefined : a })}
              data-testid={`secondments-alert-${a}`}
            >
              {t(`${l}.alertCount`, { label: t(`secondments.alert.${a}`), count: alerts.data[a] })}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <Card>
        <SecondmentFilterBar filters={filters} onChange={setFilters} />
        <PagedTable<SecondmentView>
          list={list}
          state={filters}
          onState={setFilters}
          columns={columns}
          emptyText={t(`${l}.empty`)}
          errorTestId="secondments-error"
          data-testid="secondments-table"
        />
      </Card>
      <SecondmentFormDrawer
        open={creating}
        secondment={null}
        defaultPartnershipId={filters.partnershipId}
        onClose={() => setCreating(false)}
      />
      <SecondmentImportModal
        open={importing}
        defaultPartnershipId={filters.partnershipId}
        onClose={() => setImporting(false)}
      />
    </>
  );
}
