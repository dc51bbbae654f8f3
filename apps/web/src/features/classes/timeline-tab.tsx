import type { ClassEventView, ClassView } from '@ganxun/domain';
import { Alert, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useClassEvents } from './api';
import { CLASS_STATUS_COLOR } from './status';

const EVENT_COLOR: Record<ClassEventView['kind'], string> = {
  created: 'green',
  updated: 'gray',
  transition: 'blue',
  cloned: 'green',
  quotas: 'gray',
};

/** The class's timeline: who did what and when, status moves with their reasons. */
export function TimelineTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const events = useClassEvents(cls.id);

  if (events.isPending) return <Skeleton active />;
  if (events.isError) return <Alert type="error" showIcon title={errorText(events.error, t)} />;
  if (events.data.items.length === 0) return <Empty description={t('classes.timeline.empty')} />;

  return (
    <Timeline
      data-testid="class-timeline"
      items={events.data.items.map((e) => ({
        key: e.id,
        color: e.action === 'cancel' ? 'red' : EVENT_COLOR[e.kind],
        content: (
          <Flex vertical gap={4}>
            <Flex gap={8} wrap align="center">
              <Typography.Text strong>
                {e.kind === 'transition' && e.action
                  ? t(`classes.action.${e.action}`)
                  : t(`classes.eventKind.${e.kind}`)}
              </Typography.Text>
              {e.fromStatus || e.toStatus ? (
                <span>
                  {e.fromStatus ? (
                    <Tag color={CLASS_STATUS_COLOR[e.fromStatus]}>{t(`classes.status.${e.fromStatus}`)}</Tag>
                  ) : null}
                  {e.fromStatus && e.toStatus ? '→ ' : null}
                  {e.toStatus ? (
                    <Tag color={CLASS_STATUS_COLOR[e.toStatus]}>{t(`classes.status.${e.toStatus}`)}</Tag>
                  ) : null}
                </span>
              ) : null}
            </Flex>
            <Typography.Text type="secondary">
              {e.actorName ?? t('classes.timeline.system')} · {formatDateTime(e.at)}
            </Typography.Text>
            {e.reason ? (
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {t('classes.timeline.reason', { reason: e.reason })}
              </Typography.Paragraph>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}
