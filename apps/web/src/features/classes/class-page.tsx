import { ArrowLeftOutlined, CopyOutlined, EditOutlined } from '@ant-design/icons';
import type { ClassView } from '@ganxun/domain';
import { Alert, Button, Card, Flex, Result, Skeleton, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { errorText } from '../../components/errors';
import { ForbiddenPage } from '../../components/result-pages';
import { AttendanceTab } from '../attendance/attendance-tab';
import { CertificatesTab } from '../certificates/certificates-tab';
import { CompletionTab } from '../completion/completion-tab';
import { IncidentsTab } from '../incidents/incidents-tab';
import { LeaveTab } from '../leave/leave-tab';
import { LogisticsTab } from '../logistics/logistics-tab';
import { NominationsTab } from '../nominations/nominations-tab';
import { RosterTab } from '../nominations/roster-tab';
import { NoticesTab } from '../notices/notices-tab';
import { QuestionsTab } from '../questions/questions-tab';
import { EvaluationTab } from '../surveys/evaluation-tab';
import { TaskForceTab } from '../tasks/taskforce-tab';
import { TimetableTab } from '../timetable/timetable-tab';
import { useClass, useClassKinds } from './api';
import { ClassActions } from './class-actions';
import { ClassFormDrawer } from './class-form-drawer';
import { ClassOverview } from './class-overview';
import { CloneModal } from './clone-modal';
import { QuotasTab } from './quotas-tab';
import { CLASS_STATUS_COLOR, dateRange } from './status';
import { TimelineTab } from './timeline-tab';
import './classes.css';

type TabKey =
  | 'overview'
  | 'timetable'
  | 'attendance'
  | 'leave'
  | 'evaluation'
  | 'completion'
  | 'certificates'
  | 'quotas'
  | 'nominations'
  | 'roster'
  | 'questions'
  | 'taskforce'
  | 'incidents'
  | 'notices'
  | 'logistics'
  | 'timeline';

/** The tabs a reader gets: runners see everything, nominators their quotas and nominations. */
export function classTabs(cls: ClassView): TabKey[] {
  const runner = cls.canEdit || cls.canApprove || cls.canManageRoster;
  // Every reader sees the timetable: staff build it, trainees and lecturers read it once published.
  const tabs: TabKey[] = ['overview', 'timetable'];
  if (runner || cls.canNominate) tabs.push('quotas');
  if (runner || cls.canNominate || cls.canRegister) tabs.push('nominations');
  // Running the class day to day, then its results (issue 6): the server decides what each may do.
  if (cls.canManageRoster)
    tabs.push('attendance', 'leave', 'evaluation', 'completion', 'certificates', 'roster');
  // Live questions (issue 10): the boards of every item, their figures and the export.
  if (cls.canManageRoster) tabs.push('questions');
  // Running a class (issue 9): its task force and checklist, contingency and incidents, notices.
  if (cls.canManageRoster) tabs.push('taskforce', 'incidents', 'notices', 'logistics');
  if (runner) tabs.push('timeline');
  return tabs;
}

/** Where "back" leads: the list the reader came from by their permissions. */
function useBackLink(): { to: string; label: string } {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (can('class.edit', 'enrollment.edit')) return { to: '/classes', label: t('classes.page.backToList') };
  if (can('nomination.create')) return { to: '/my-quotas', label: t('classes.page.backToQuotas') };
  if (can('class.register')) return { to: '/my-classes', label: t('classes.page.backToMyClasses') };
  return { to: '/', label: t('classes.page.backHome') };
}

/** /classes/:id: a class's header with its lifecycle buttons, and tabs kept in the address. */
export default function ClassPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = useClass(id);
  const kinds = useClassKinds();
  const back = useBackLink();
  const [editing, setEditing] = useState(false);
  const [cloning, setCloning] = useState<ClassView | null>(null);
  const cls = query.data;

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error instanceof ApiError && query.error.status === 403) return <ForbiddenPage />;
  if (!cls) {
    const notFound = query.error instanceof ApiError && [400, 404].includes(query.error.status);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('classes.page.notFound') : errorText(query.error, t)}
        extra={
          <Link to={back.to}>
            <Button type="primary">{back.label}</Button>
          </Link>
        }
      />
    );
  }

  const tabs = classTabs(cls);
  const requested = params.get('tab') as TabKey | null;
  const active: TabKey = requested && tabs.includes(requested) ? requested : 'overview';
  const content: Record<TabKey, () => ReactNode> = {
    overview: () => <ClassOverview cls={cls} />,
    timetable: () => <TimetableTab cls={cls} />,
    attendance: () => <AttendanceTab cls={cls} />,
    leave: () => <LeaveTab cls={cls} />,
    evaluation: () => <EvaluationTab cls={cls} />,
    completion: () => <CompletionTab cls={cls} />,
    certificates: () => <CertificatesTab cls={cls} />,
    quotas: () => <QuotasTab cls={cls} />,
    nominations: () => <NominationsTab cls={cls} />,
    roster: () => <RosterTab cls={cls} />,
    questions: () => <QuestionsTab cls={cls} />,
    taskforce: () => <TaskForceTab cls={cls} />,
    incidents: () => <IncidentsTab cls={cls} />,
    notices: () => <NoticesTab cls={cls} />,
    logistics: () => <LogisticsTab cls={cls} />,
    timeline: () => <TimelineTab cls={cls} />,
  };
  const dates = dateRange(cls.startDate, cls.endDate);
  const runner = cls.canEdit || cls.canApprove || cls.canManageRoster;
  const mayClone = can('class.edit') && runner;

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={12} className="gx-page-header">
        <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Link to={back.to}>
            <ArrowLeftOutlined /> {back.label}
          </Link>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="class-name">
              {cls.name}
            </Typography.Title>
            <Tag color={CLASS_STATUS_COLOR[cls.status]} data-testid="class-status">
              {t(`classes.status.${cls.status}`)}
            </Tag>
          </Flex>
          <Typography.Text className="gx-class-meta">
            <span className="gx-mono">{cls.code}</span>
            <span>{kinds.label(cls.kind, cls.kindName)}</span>
            <span>{dates ?? t('classes.list.datesToBeSet')}</span>
            <span>{cls.leadOrganiser.name}</span>
          </Typography.Text>
        </Flex>
        <Flex gap={8} wrap>
          {cls.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="class-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {mayClone ? (
            <Button icon={<CopyOutlined />} onClick={() => setCloning(cls)} data-testid="class-clone">
              {t('classes.clone.action')}
            </Button>
          ) : null}
          <ClassActions cls={cls} />
        </Flex>
      </Flex>
      {cls.status === 'cancelled' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('classes.page.cancelled')}
          description={cls.cancelReason ?? undefined}
        />
      ) : null}
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            if (key === 'overview') next.delete('tab');
            else next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={tabs.map((key) => ({
            key,
            label: t(`classes.page.tab.${key}`),
            children: key === active ? content[key]() : null,
          }))}
          data-testid="class-tabs"
        />
      </Card>
      {/* Only for those who may use them: the form's pickers load the unit tree. */}
      {cls.canEdit ? <ClassFormDrawer open={editing} cls={cls} onClose={() => setEditing(false)} /> : null}
      {mayClone ? <CloneModal cls={cloning} onClose={() => setCloning(null)} /> : null}
    </>
  );
}
