import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { type ClassView, INCIDENT_STATUSES, type IncidentStatus, type IncidentView } from '@ganxun/domain';
import {
  App,
  Button,
  type ButtonProps,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadFile } from '../../api/client';
import { errorText } from '../../components/errors';
import { useClassPlans, useIncidents, usePlanLibrary, useSetClassPlans } from './api';
import { IncidentDrawer } from './incident-drawer';
import { ReportDrawer } from './report-drawer';
import { chinaTime, minutesText, PlanSteps, SeverityTag, StatusTag } from './tags';
import './incidents.css';

/** The class page's 应急与事件 tab: the class's contingency plans, and its incidents with their figures. */
export function IncidentsTab({ cls }: { cls: ClassView }) {
  return (
    <Flex vertical gap={16} data-testid="inc-tab">
      <IncidentsCard cls={cls} />
      <ClassPlansCard cls={cls} />
    </Flex>
  );
}

function ClassPlansCard({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plans = useClassPlans(cls.id);
  const save = useSetClassPlans(cls.id);
  const [picking, setPicking] = useState(false);
  const items = plans.data?.items ?? [];

  const print = (path: string, name: string) =>
    downloadFile(path, name).catch((error) => message.error(errorText(error, t)));
  const remove = async (id: string) => {
    try {
      await save.mutateAsync({ planIds: items.filter((p) => p.id !== id).map((p) => p.id) });
      void message.success(t('incidents.plans.removed'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Card
      size="small"
      title={t('incidents.plans.title')}
      extra={
        <Space wrap>
          <Button size="small" onClick={() => setPicking(true)} data-testid="inc-plans-manage">
            {t('incidents.plans.manage')}
          </Button>
          <Button
            size="small"
            icon={<PrinterOutlined />}
            disabled={items.length === 0}
            onClick={() =>
              print(`/classes/${cls.id}/contingency-plans.pdf`, `${cls.code}-contingency-plans.pdf`)
            }
            data-testid="inc-plans-print"
          >
            {t('incidents.plans.printAll')}
          </Button>
        </Space>
      }
    >
      {plans.isError ? (
        <Typography.Text type="danger">{errorText(plans.error, t)}</Typography.Text>
      ) : items.length === 0 && !plans.isPending ? (
        <Empty description={t('incidents.plans.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((plan) => (
            <Col key={plan.id} xs={24} md={12} xl={8}>
              <Card
                size="small"
                className="gx-inc-plan-card"
                data-testid="inc-plan-card"
                title={
                  <Typography.Text strong ellipsis={{ tooltip: plan.title }}>
                    {plan.title}
                  </Typography.Text>
                }
                extra={
                  <Space size={4}>
                    <Button
                      size="small"
                      type="text"
                      icon={<PrinterOutlined />}
                      aria-label={t('incidents.print')}
                      onClick={() => print(`/contingency-plans/${plan.id}.pdf`, 'contingency-plan.pdf')}
                    />
                    <Popconfirm title={`${t('incidents.plans.remove')}？`} onConfirm={() => remove(plan.id)}>
                      <Button size="small" type="text" danger data-testid="inc-plan-remove">
                        {t('incidents.plans.remove')}
                      </Button>
                    </Popconfirm>
                  </Space>
                }
              >
                <Space size={4} wrap style={{ marginBottom: 8 }}>
                  <Tag>{t(`incidents.type.${plan.type}`)}</Tag>
                  {plan.archived ? <Tag color="default">{t('incidents.archived')}</Tag> : null}
                </Space>
                {plan.summary ? (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {plan.summary}
                  </Typography.Paragraph>
                ) : null}
                <PlanSteps plan={plan} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <PlanPicker
        open={picking}
        onClose={() => setPicking(false)}
        attached={items.map((p) => p.id)}
        onSave={async (planIds) => {
          try {
            await save.mutateAsync({ planIds });
            void message.success(t('incidents.plans.saved'));
            setPicking(false);
          } catch (error) {
            void message.error(errorText(error, t));
          }
        }}
        saving={save.isPending}
      />
    </Card>
  );
}

function PlanPicker({
  open,
  onClose,
  attached,
  onSave,
  saving,
}: {
  open: boolean;
  onClose: () => void;
  attached: string[];
  onSave: (planIds: string[]) => void;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const library = usePlanLibrary({ archived: 'all' }, open);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const value = chosen ?? attached;
  const plans = (library.data?.items ?? []).filter((p) => !p.archived || attached.includes(p.id));
  return (
    <Modal
      open={open}
      title={t('incidents.plans.pickTitle')}
      onCancel={() => {
        setChosen(null);
        onClose();
      }}
      onOk={() => {
        onSave(value);
        setChosen(null);
      }}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'inc-plans-save' } as ButtonProps}
      width={560}
    >
      <Typography.Paragraph type="secondary">
        {t('incidents.plans.pickHint')} <Link to="/contingency-plans">{t('incidents.plans.library')}</Link>
      </Typography.Paragraph>
      <Checkbox.Group value={value} onChange={(v) => setChosen(v as string[])} style={{ width: '100%' }}>
        <Flex vertical gap={8} style={{ width: '100%' }}>
          {plans.map((p) => (
            <Checkbox key={p.id} value={p.id} data-testid="inc-plan-option">
              <Space size={6} wrap>
                <span>{p.title}</span>
                <Tag>{t(`incidents.type.${p.type}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('incidents.plans.steps', { count: p.steps.length })}
                </Typography.Text>
              </Space>
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
    </Modal>
  );
}

function IncidentsCard({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<IncidentStatus | 'all'>('all');
  const list = useIncidents(cls.id, status === 'all' ? {} : { status });
  const [reporting, setReporting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const figures = list.data?.figures;
  const unresolved = figures ? figures.byStatus.open + figures.byStatus.handling : 0;

  return (
    <Card
      size="small"
      title={t('incidents.incidents.title')}
      extra={
        <Button
          type="primary"
          size="small"
          danger
          icon={<PlusOutlined />}
          onClick={() => setReporting(true)}
          disabled={cls.status === 'cancelled'}
          data-testid="inc-report"
        >
          {t('incidents.incidents.report')}
        </Button>
      }
    >
      <Row gutter={[16, 12]} style={{ marginBottom: 12 }} data-testid="inc-figures">
        <Col xs={12} md={6}>
          <Statistic title={t('incidents.incidents.total')} value={figures?.total ?? 0} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('incidents.incidents.open')}
            value={unresolved}
            valueStyle={unresolved ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('incidents.incidents.medianFirst')}
            value={minutesText(figures?.medianToFirstAction ?? null, t)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('incidents.incidents.medianResolve')}
            value={minutesText(figures?.medianToResolution ?? null, t)}
          />
        </Col>
      </Row>
      <Segmented<IncidentStatus | 'all'>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'all' as const, label: t('incidents.incidents.all') },
          ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) })),
        ]}
        data-testid="inc-status-filter"
      />
      <Table<IncidentView>
        size="small"
        rowKey="id"
        data-testid="inc-table"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 860 }}
        rowClassName="gx-inc-row"
        locale={{ emptyText: list.isError ? errorText(list.error, t) : t('incidents.incidents.empty') }}
        onRow={(r) =>
          ({ 'data-testid': 'inc-row', 'data-status': r.status, onClick: () => setOpenId(r.id) }) as object
        }
        columns={[
          {
            title: t('incidents.incidents.occurredAt'),
            key: 'occurredAt',
            width: 140,
            render: (_, r) => chinaTime(r.occurredAt),
          },
          {
            title: t('incidents.incidents.event'),
            key: 'event',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Link strong>{r.title}</Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`incidents.type.${r.type}`)}
                  {r.affected.length ? ` · ${r.affected.map((a) => a.name).join('、')}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('incidents.incidents.severity'),
            key: 'severity',
            width: 90,
            render: (_, r) => <SeverityTag severity={r.severity} />,
          },
          {
            title: t('incidents.incidents.status'),
            key: 'status',
            width: 90,
            render: (_, r) => <StatusTag status={r.status} />,
          },
          {
            title: t('incidents.incidents.reporter'),
            key: 'reporter',
            width: 150,
            ellipsis: true,
            render: (_, r) => r.reportedBy.name,
          },
          {
            title: t('incidents.incidents.toFirst'),
            key: 'toFirst',
            width: 100,
            render: (_, r) => minutesText(r.toFirstAction, t),
          },
          {
            title: t('incidents.incidents.toResolve'),
            key: 'toResolve',
            width: 100,
            render: (_, r) => minutesText(r.toResolution, t),
          },
        ]}
      />
      <ReportDrawer cls={cls} open={reporting} onClose={() => setReporting(false)} onReported={setOpenId} />
      <IncidentDrawer classId={cls.id} id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
