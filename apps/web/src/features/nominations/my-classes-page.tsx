import { CalendarOutlined, CheckCircleFilled, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import type { ClassView, MyClassView } from '@ganxun/domain';
import { App, Button, Card, Empty, Flex, Result, Space, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDate, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useMyClasses, useNominatingClasses, useRegister } from './api';
import { DeadlineCountdown } from './countdown';
import { failureText } from './nominate-modal';
import { ClassStatusTag, NominationStatusTag } from './status-tag';
import './nominations.css';

/** Classes that are over: listed last, under "past training". */
const PAST = new Set(['completed', 'archived', 'cancelled']);

const dates = (c: { startDate: string | null; endDate: string | null }) =>
  c.startDate ? `${formatDate(c.startDate)} ~ ${formatDate(c.endDate)}` : '—';

function Line({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Flex gap={8} align="baseline" style={{ fontSize: 15 }}>
      <span style={{ color: '#8c8c8c' }}>{icon}</span>
      <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{children}</span>
    </Flex>
  );
}

/** One of the trainee's classes: when, where, and where they stand in it. */
function MyClassCard({ c }: { c: MyClassView }) {
  const { t } = useTranslation();
  return (
    <Card className="gx-class-card" data-testid="my-class">
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong style={{ fontSize: 17 }}>
            {c.name}
          </Typography.Text>
          <ClassStatusTag status={c.classStatus} />
        </Flex>
        <Line icon={<CalendarOutlined />}>{dates(c)}</Line>
        <Line icon={<EnvironmentOutlined />}>{[c.cityName, c.venue].filter(Boolean).join(' ') || '—'}</Line>
        {c.groupName ? (
          <Line icon={<TeamOutlined />}>
            {t('nominations.myClasses.group')}：{c.groupName}
          </Line>
        ) : null}
        <Space wrap size={[8, 8]}>
          {c.enrollmentStatus === 'withdrawn' ? (
            <Tag>{t('nominations.enrollmentStatus.withdrawn')}</Tag>
          ) : c.nominationStatus ? (
            <NominationStatusTag status={c.nominationStatus} />
          ) : null}
          {c.enrollmentStatus === 'enrolled' ? (
            c.checkedInAt ? (
              <Typography.Text type="success" data-testid="my-class-checked-in">
                <CheckCircleFilled />{' '}
                {t('nominations.myClasses.checkedIn', { time: formatDateTime(c.checkedInAt).slice(0, 16) })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('nominations.myClasses.notCheckedIn')}</Typography.Text>
            )
          ) : null}
        </Space>
      </Flex>
    </Card>
  );
}

/** A class open for self-registration, with a large register button. */
function OpenClassCard({ c }: { c: ClassView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const register = useRegister();
  const onRegister = () =>
    modal.confirm({
      title: t('nominations.myClasses.registerConfirm', { name: c.name }),
      onOk: async () => {
        try {
          await register.mutateAsync({ classId: c.id, note: null });
          void message.success(t('nominations.myClasses.registered'));
        } catch (error) {
          void message.error(failureText(error, errorText(error, t)));
        }
      },
    });
  return (
    <Card className="gx-class-card" data-testid="open-class">
      <Flex vertical gap={8}>
        <Typography.Text strong style={{ fontSize: 17 }}>
          {c.name}
        </Typography.Text>
        <Line icon={<CalendarOutlined />}>{dates(c)}</Line>
        <Line icon={<EnvironmentOutlined />}>{[c.cityName, c.venue].filter(Boolean).join(' ') || '—'}</Line>
        <Flex gap={8} wrap style={{ fontSize: 14 }}>
          <Typography.Text type="secondary">{t('nominations.myClasses.deadline')}</Typography.Text>
          <DeadlineCountdown deadline={c.nominationDeadline} />
        </Flex>
        <Button
          type="primary"
          block
          className="gx-tap"
          loading={register.isPending}
          onClick={onRegister}
          data-testid="open-class-register"
        >
          {t('nominations.myClasses.register')}
        </Button>
      </Flex>
    </Card>
  );
}

/** /my-classes: the trainee's own classes and the classes open to register for; phone first. */
export default function MyClassesPage() {
  const { t } = useTranslation();
  const mine = useMyClasses();
  const open = useNominatingClasses();
  const taken = new Set(
    (mine.data?.items ?? [])
      .filter((c) => c.nominationStatus !== 'withdrawn' && c.nominationStatus !== 'rejected')
      .map((c) => c.classId),
  );
  const openItems = (open.data?.items ?? []).filter((c) => c.canRegister && !taken.has(c.id));

  const items = mine.data?.items ?? [];
  const current = items.filter((c) => !PAST.has(c.classStatus));
  const past = items.filter((c) => PAST.has(c.classStatus));
  const spin = (
    <Flex justify="center" style={{ padding: 32 }}>
      <Spin />
    </Flex>
  );

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <PageHeader title={t('nominations.myClasses.title')} />
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('nominations.myClasses.mine')}
      </Typography.Title>
      {mine.isLoading ? (
        spin
      ) : mine.isError ? (
        <Result status="warning" title={errorText(mine.error, t)} />
      ) : current.length === 0 ? (
        <Card>
          <Empty description={t('nominations.myClasses.noneMine')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {current.map((c) => (
            <MyClassCard key={c.classId} c={c} />
          ))}
        </Flex>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('nominations.myClasses.open')}
      </Typography.Title>
      {open.isLoading ? (
        spin
      ) : openItems.length === 0 ? (
        <Card>
          <Empty description={t('nominations.myClasses.noneOpen')} />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {openItems.map((c) => (
            <OpenClassCard key={c.id} c={c} />
          ))}
        </Flex>
      )}
      {past.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('nominations.myClasses.past')}
          </Typography.Title>
          <Flex vertical gap={12}>
            {past.map((c) => (
              <MyClassCard key={c.classId} c={c} />
            ))}
          </Flex>
        </>
      ) : null}
    </div>
  );
}
