import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AUDIT_OUTCOMES,
  AUDIT_RETENTION_DAYS,
  type AuditEventView,
  type AuditOutcome,
  type Page,
} from '@ganxun/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Select,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError, api, type QueryValue, toQueryString } from '../../api/client';
import { useAuth } from '../../app/auth';
import { currentLanguage } from '../../app/i18n';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';

interface FilterValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  entityType?: string;
  outcome?: AuditOutcome;
}

type Filters = Record<string, QueryValue>;

const OUTCOME_COLOR: Record<AuditOutcome, string> = {
  success: 'success',
  denied: 'warning',
  failed: 'error',
};
const OUTCOME_LABEL = {
  success: 'audit.outcomeSuccess',
  denied: 'audit.outcomeDenied',
  failed: 'audit.outcomeFailed',
} as const;

function toFilters(values: FilterValues): Filters {
  const [from, to] = values.range ?? [];
  return {
    from: from ? from.format() : undefined,
    to: to ? to.format() : undefined,
    actor: values.actor?.trim() || undefined,
    action: values.action?.trim() || undefined,
    entityType: values.entityType?.trim() || undefined,
    outcome: values.outcome,
  };
}

function Json({ value }: { value: unknown }) {
  return <pre className="gx-json">{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);

  const list = useQuery({
    queryKey: ['audit-events', filters, page],
    queryFn: ({ signal }) => api.get<Page<AuditEventView>>('/audit-events', { ...filters, ...page }, signal),
    placeholderData: keepPreviousData,
  });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const response = await fetch(`${API_BASE}/audit-events/export${toQueryString(filters)}`, {
        credentials: 'same-origin',
        headers: { 'Accept-Language': currentLanguage() },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { code: string; message: string };
        } | null;
        throw new ApiError(
          response.status,
          (body?.error?.code as ApiError['code']) ?? 'INTERNAL',
          body?.error?.message ?? '',
        );
      }
      const blob = await response.blob();
      const disposition = response.headers.get('content-disposition') ?? '';
      const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
      const name = match?.[1]
        ? decodeURIComponent(match[1])
        : `audit-events-${new Date().toISOString().slice(0, 10)}.xlsx`;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableProps<AuditEventView>['columns'] = [
    {
      title: t('audit.occurredAt'),
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      width: 170,
      render: formatDateTime,
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      key: 'actor',
      width: 130,
      render: (value: string | null) =>
        value ?? <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      width: 200,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      width: 220,
      render: (_, e) =>
        e.entityType ? `${e.entityType}${e.entityId ? ` · ${e.entityId}` : ''}` : t('common.empty'),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      width: 90,
      render: (o: AuditOutcome) => <Tag color={OUTCOME_COLOR[o]}>{t(OUTCOME_LABEL[o])}</Tag>,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      key: 'ip',
      width: 140,
      render: (v: string | null) => v ?? t('common.empty'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.retention', { days: AUDIT_RETENTION_DAYS })}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              {t('common.refresh')}
            </Button>
            {can('audit.export') ? (
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={exporting}
                onClick={exportXlsx}
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <Form
          form={form}
          layout="inline"
          className="gx-filters"
          style={{ rowGap: 12 }}
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPage((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item name="range" label={t('audit.timeRange')}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowEmpty={[true, true]}
            />
          </Form.Item>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear maxLength={64} style={{ width: 140 }} data-testid="audit-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input
              allowClear
              maxLength={64}
              style={{ width: 160 }}
              placeholder="auth.login"
              data-testid="audit-action"
            />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Input allowClear maxLength={64} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select
              allowClear
              style={{ width: 110 }}
              options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(OUTCOME_LABEL[o]) }))}
              data-testid="audit-outcome"
            />
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage((p) => ({ ...p, page: 1 }));
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form>
        <Table<AuditEventView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 950 }}
          locale={list.isError ? { emptyText: errorText(list.error, t) } : undefined}
          expandable={{
            expandedRowRender: (e) => (
              <Flex vertical gap={12}>
                <Descriptions
                  size="small"
                  column={{ xs: 1, md: 2 }}
                  items={[
                    {
                      key: 'roles',
                      label: t('audit.actorRoles'),
                      children: e.actorRoles.length ? e.actorRoles.join(', ') : t('common.empty'),
                    },
                    {
                      key: 'requestId',
                      label: t('audit.requestId'),
                      children: e.requestId ?? t('common.empty'),
                    },
                    {
                      key: 'ua',
                      label: t('audit.userAgent'),
                      children: e.userAgent ?? t('common.empty'),
                      span: 2,
                    },
                  ]}
                />
                {e.changes ? (
                  <div>
                    <Typography.Text strong>{t('audit.changes')}</Typography.Text>
                    <Json value={e.changes} />
                  </div>
                ) : null}
                {e.detail ? (
                  <div>
                    <Typography.Text strong>{t('audit.detail')}</Typography.Text>
                    <Json value={e.detail} />
                  </div>
                ) : null}
              </Flex>
            ),
          }}
          pagination={{
            current: list.data?.page ?? page.page,
            pageSize: list.data?.pageSize ?? page.pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, pageSize) =>
              setPage((old) => ({ page: pageSize === old.pageSize ? p : 1, pageSize })),
          }}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
