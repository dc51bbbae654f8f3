import type { SessionSnapshot, TimetableChangeView } from '@ganxun/domain';
import { Alert, Card, Drawer, Empty, Flex, Grid, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { useTimetableChanges } from './api';
import { chinaDate, timeRange, toWall } from './logic';

const KIND_COLOR: Record<TimetableChangeView['kind'], string> = {
  created: 'green',
  updated: 'blue',
  deleted: 'red',
  shifted: 'purple',
  copied: 'cyan',
  published: 'gold',
};

function Snapshot({ snap, removed }: { snap: SessionSnapshot; removed?: boolean }) {
  return (
    <Typography.Text delete={removed} type={removed ? 'secondary' : undefined}>
      {chinaDate(snap.startsAt)} {timeRange(snap.startsAt, snap.endsAt)} {snap.title}
      {snap.venueName ? ` · ${snap.venueName}` : ''}
      {snap.lecturerNames.length ? ` · ${snap.lecturerNames.join('、')}` : ''}
    </Typography.Text>
  );
}

/** The change log: who changed what when, before → after, and whether it came after publication. */
export function ChangesDrawer({
  classId,
  open,
  onClose,
}: {
  classId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const changes = useTimetableChanges(classId, open);
  const items = changes.data?.items ?? [];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('timetable.changes.title')}
      size={screens.md ? 560 : '100%'}
    >
      <div data-testid="timetable-changes">
        {changes.isPending ? <Skeleton active /> : null}
        {changes.isError ? <Alert type="error" showIcon title={errorText(changes.error, t)} /> : null}
        {changes.isSuccess && items.length === 0 ? <Empty description={t('timetable.changes.none')} /> : null}
        <Flex vertical gap={8}>
          {items.map((c) => (
            <Card size="small" key={c.id} data-testid="timetable-change">
              <Flex vertical gap={4}>
                <Flex gap={6} wrap align="center">
                  <Tag color={KIND_COLOR[c.kind]}>{t(`timetable.changes.kind.${c.kind}`)}</Tag>
                  {c.afterPublication && c.kind !== 'published' ? (
                    <Tag color="orange">{t('timetable.changes.afterPublication')}</Tag>
                  ) : null}
                  <Typography.Text type="secondary">
                    {t('timetable.changes.by', {
                      name: c.changedBy ?? '—',
                      time: toWall(c.changedAt),
                    })}
                  </Typography.Text>
                </Flex>
                {c.before && c.after ? (
                  <>
                    <Snapshot snap={c.before} removed />
                    <Typography.Text>
                      → <Snapshot snap={c.after} />
                    </Typography.Text>
                  </>
                ) : null}
                {c.before && !c.after ? <Snapshot snap={c.before} removed /> : null}
                {!c.before && c.after ? <Snapshot snap={c.after} /> : null}
                <Flex gap={12} wrap>
                  {c.afterPublication && c.affectedTrainees > 0 ? (
                    <Typography.Text type="secondary">
                      {t('timetable.changes.affected', { count: c.affectedTrainees })}
                    </Typography.Text>
                  ) : null}
                  {c.acknowledged.length > 0 ? (
                    <Typography.Text type="secondary">
                      {t('timetable.changes.acknowledged', { count: c.acknowledged.length })}
                    </Typography.Text>
                  ) : null}
                </Flex>
                {c.note ? <Typography.Paragraph style={{ margin: 0 }}>{c.note}</Typography.Paragraph> : null}
              </Flex>
            </Card>
          ))}
        </Flex>
      </div>
    </Drawer>
  );
}
