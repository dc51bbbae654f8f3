import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Result, Row, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';
import { ForbiddenPage } from '../../components/result-pages';
import { useSecondment } from './api';
import { AlertTag, directionText, StatusTag, termText, useCategoryText, useSecondmentForms } from './parts';
import { ChangeRequestButton, SecondmentActionButtons } from './secondment-actions';
import { SecondmentFormDrawer } from './secondment-form-drawer';
import {
  AssessmentsPanel,
  ChangesPanel,
  LogsPanel,
  PendingChange,
  SecondmentTimeline,
  TalksPanel,
} from './secondment-panels';
import './secondments.css';

const TABS = ['logs', 'assessments', 'talks', 'changes'] as const;
type TabKey = (typeof TABS)[number];

/** /secondments/:id: a term's header and actions, its details, tabs, and its timeline. */
export default function SecondmentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const query = useSecondment(id);
  const forms = useSecondmentForms();
  const categoryText = useCategoryText();
  const [editing, setEditing] = useState(false);
  const s = query.data;
  const d = 'secondments.detail';

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!s) {
    const notFound = query.error instanceof ApiError && [400, 404].includes(query.error.status);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t(`${d}.notFound`) : errorText(query.error, t)}
        extra={
          <Link to="/secondments">
            <Button type="primary">{t(`${d}.back`)}</Button>
          </Link>
        }
      />
    );
  }

  const requested = params.get('tab') as TabKey | null;
  const active: TabKey = requested && TABS.includes(requested) ? requested : 'logs';
  const pastChanges = s.changes.filter((c) => c.status !== 'pending').length;
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={12} className="gx-page-header">
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Link to="/secondments">
            <ArrowLeftOutlined /> {t(`${d}.back`)}
          </Link>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="secondment-person">
              <Link to={`/people/${s.person.id}`}>{s.person.name}</Link>
            </Typography.Title>
            <Typography.Text strong data-testid="secondment-direction">
              {directionText(s)}
            </Typography.Text>
            <StatusTag status={s.status} />
            <AlertTag alert={s.alert} />
          </Flex>
          <Typography.Text type="secondary">
            {s.partnership.name} · {forms.label(s.form)} · {categoryText(s)}
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          {s.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="secondment-edit">
              {t(`${d}.edit`)}
            </Button>
          ) : null}
          <ChangeRequestButton s={s} />
          <SecondmentActionButtons s={s} />
        </Flex>
      </Flex>
      {s.warnings.length ? (
        <Alert
          type="warning"
          showIcon
          title={t(`${d}.warnings`)}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {s.warnings.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
          data-testid="secondment-warnings"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            {s.changes
              .filter((c) => c.status === 'pending')
              .map((c) => (
                <PendingChange key={c.id} s={s} c={c} />
              ))}
            <Card title={t(`${d}.overview`)} size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                data-testid="secondment-descriptions"
                items={[
                  { key: 'homeUnit', label: t(`${d}.homeUnit`), children: s.homeUnit.name },
                  { key: 'homePost', label: t(`${d}.homePost`), children: s.homePost ?? '—' },
                  { key: 'hostUnit', label: t(`${d}.hostUnit`), children: s.hostUnit.name },
                  { key: 'hostPost', label: t(`${d}.hostPost`), children: s.hostPost ?? '—' },
                  {
                    key: 'planned',
                    label: t(`${d}.plannedTerm`),
                    children: termText(s.plannedStart, s.plannedEnd),
                  },
                  {
                    key: 'actual',
                    label: t(`${d}.actualTerm`),
                    children: s.actualStart ? termText(s.actualStart, s.actualEnd) : t(`${d}.notStarted`),
                  },
                  { key: 'mentor', label: t(`${d}.mentor`), children: s.mentor ?? '—' },
                  { key: 'form', label: t(`${d}.form`), children: forms.label(s.form) },
                  { key: 'fullTime', label: t(`${d}.fullTime`), children: yesNo(s.fullTime) },
                  { key: 'party', label: t(`${d}.partyTransfer`), children: yesNo(s.partyTransfer) },
                  ...(s.note
                    ? [
                        {
                          key: 'note',
                          label: t(`${d}.note`),
                          span: 'filled' as const,
                          children: <span style={{ whiteSpace: 'pre-wrap' }}>{s.note}</span>,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <Card size="small">
              <Tabs
                activeKey={active}
                onChange={(key) => {
                  const next = new URLSearchParams(params);
                  next.set('tab', key);
                  setParams(next, { replace: true });
                }}
                items={[
                  {
                    key: 'logs',
                    label: `${t(`${d}.tabLogs`)} (${s.logs.length})`,
                    children: <LogsPanel s={s} />,
                  },
                  {
                    key: 'assessments',
                    label: `${t(`${d}.tabAssessments`)} (${s.assessments.length})`,
                    children: <AssessmentsPanel s={s} />,
                  },
                  {
                    key: 'talks',
                    label: `${t(`${d}.tabTalks`)} (${s.talks.length})`,
                    children: <TalksPanel s={s} />,
                  },
                  {
                    key: 'changes',
                    label: `${t(`${d}.tabChanges`)} (${pastChanges})`,
                    children: <ChangesPanel s={s} />,
                  },
                ].map((tab) => ({ ...tab, 'data-testid': `secondment-tab-${tab.key}` }))}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t(`${d}.tabTimeline`)} size="small">
            <SecondmentTimeline s={s} />
          </Card>
        </Col>
      </Row>
      <SecondmentFormDrawer open={editing} secondment={s} onClose={() => setEditing(false)} />
    </>
  );
}
