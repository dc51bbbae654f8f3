import { Alert, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../components/errors';
import { useSecondments } from './api';
import { AlertTag, directionText, StatusTag, termText, useCategoryText, useSecondmentForms } from './parts';

/** The person page's 挂职交流 tab: the person's terms, newest first, each a link to its page. */
export function PersonSecondmentsTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const list = useSecondments({ personId, page: 1, pageSize: 100 });
  const forms = useSecondmentForms();
  const categoryText = useCategoryText();

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <Alert type="error" showIcon title={errorText(list.error, t)} />;
  const items = [...list.data.items].sort((a, b) =>
    (b.actualStart ?? b.plannedStart).localeCompare(a.actualStart ?? a.plannedStart),
  );
  if (items.length === 0) return <Empty description={t('secondments.tabPerson.empty')} />;

  return (
    <Flex vertical gap={8} data-testid="person-secondments">
      <Timeline
        items={items.map((s) => ({
          key: s.id,
          color:
            s.status === 'in_post' || s.status === 'extended'
              ? 'green'
              : s.status === 'cancelled'
                ? 'gray'
                : 'blue',
          content: (
            <Flex vertical gap={2} data-testid="person-secondment">
              <Flex gap={8} align="center" wrap>
                <Link to={`/secondments/${s.id}`}>
                  <Typography.Text strong>{directionText(s)}</Typography.Text>
                </Link>
                <StatusTag status={s.status} />
                <AlertTag alert={s.alert} />
              </Flex>
              <Typography.Text>
                {s.hostUnit.name}
                {s.hostPost ? ` · ${s.hostPost}` : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {termText(s.actualStart ?? s.plannedStart, s.actualEnd ?? s.plannedEnd)} ·{' '}
                {forms.label(s.form)} · {categoryText(s)}
              </Typography.Text>
            </Flex>
          ),
        }))}
      />
      <Link to={`/secondments?q=${encodeURIComponent(items[0]?.person.name ?? '')}`}>
        {t('secondments.tabPerson.all')}
      </Link>
    </Flex>
  );
}
