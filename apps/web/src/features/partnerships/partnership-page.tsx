import { ArrowLeftOutlined, EditOutlined, TeamOutlined } from '@ant-design/icons';
import type { PartnershipView } from '@ganxun/domain';
import { Button, Card, Flex, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { ForbiddenPage } from '../../components/result-pages';
import { usePartnership } from './api';
import { JointClassesTab } from './joint-classes-tab';
import { directionLabel, PARTNERSHIP_STATUS_COLOR, useProgrammes, yearsText } from './labels';
import { PartnershipFormDrawer } from './partnership-form-drawer';
import { PartnershipOverview } from './partnership-overview';
import { TalksTab } from './talks-tab';

const TABS = ['overview', 'classes', 'talks'] as const;
type TabKey = (typeof TABS)[number];

/** /partnerships/:id: a pairing's header with both directions, and tabs kept in the address. */
export default function PartnershipPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = usePartnership(id);
  const programmes = useProgrammes();
  const [editing, setEditing] = useState(false);
  const p = query.data;

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!p) {
    const notFound = query.error instanceof ApiError && [400, 404].includes(query.error.status);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('partnerships.page.notFound') : errorText(query.error, t)}
        extra={
          <Link to="/partnerships">
            <Button type="primary">{t('partnerships.page.backToList')}</Button>
          </Link>
        }
      />
    );
  }

  const requested = params.get('tab') as TabKey | null;
  const active: TabKey = requested && TABS.includes(requested) ? requested : 'overview';
  const content: Record<TabKey, (p: PartnershipView) => ReactNode> = {
    overview: (x) => <PartnershipOverview partnership={x} />,
    classes: (x) => <JointClassesTab partnership={x} />,
    talks: (x) => <TalksTab partnership={x} />,
  };

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={12} className="gx-page-header">
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Link to="/partnerships">
            <ArrowLeftOutlined /> {t('partnerships.page.backToList')}
          </Link>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="partnership-name">
              {p.name}
            </Typography.Title>
            <Tag color={PARTNERSHIP_STATUS_COLOR[p.status]} data-testid="partnership-status">
              {t(`partnerships.status.${p.status}`)}
            </Tag>
          </Flex>
          <Flex gap={16} wrap>
            <Typography.Text type="secondary">{programmes.label(p.programme)}</Typography.Text>
            <Typography.Text type="secondary">{yearsText(p, t('partnerships.list.ongoing'))}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap data-testid="partnership-directions">
            {p.directions.map((d) => (
              <Tag key={d.direction} color={d.direction === 'a_to_b' ? 'geekblue' : 'volcano'}>
                {directionLabel(p, d.direction)}
              </Tag>
            ))}
          </Flex>
        </Flex>
        <Flex gap={8} wrap>
          {can('secondment.read') ? (
            <Link to={`/secondments?partnershipId=${p.id}`} data-testid="partnership-secondments-link">
              <Button icon={<TeamOutlined />}>{t('partnerships.page.viewSecondments')}</Button>
            </Link>
          ) : null}
          {p.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="partnership-edit">
              {t('partnerships.page.edit')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'overview') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`partnership-tab-${key}`}>{t(`partnerships.page.tab.${key}`)}</span>,
            children: key === active ? content[key](p) : null,
          }))}
          data-testid="partnership-tabs"
        />
      </Card>
      {p.canEdit ? (
        <PartnershipFormDrawer open={editing} partnership={p} onClose={() => setEditing(false)} />
      ) : null}
    </>
  );
}
