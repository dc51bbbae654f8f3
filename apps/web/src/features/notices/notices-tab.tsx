import { CheckOutlined, PlusOutlined, PushpinFilled, TeamOutlined } from '@ant-design/icons';
import { type ClassNoticeView, type ClassView, readShare } from '@ganxun/domain';
import { App, Button, Card, Empty, Flex, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useClassNotices, useMarkRead } from './api';
import { ComposeDrawer } from './compose-drawer';
import { ReceiptsDrawer } from './receipts-drawer';
import './notices.css';

const STATUS_COLOR: Record<string, string> = {
  sent: 'green',
  queued: 'default',
  retrying: 'orange',
  failed: 'red',
  skipped: 'default',
};

/** Deliveries by channel: `邮件 已发送 40 · 失败 2`. */
function Deliveries({ value }: { value: ClassNoticeView['deliveries'] }) {
  const { t } = useTranslation();
  if (!value) return null;
  const channels = Object.entries(value).filter(([, byStatus]) => Object.keys(byStatus).length > 0);
  if (channels.length === 0)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('notices.board.noDeliveries')}
      </Typography.Text>
    );
  return (
    <Space size={[4, 4]} wrap data-testid="nt-deliveries">
      {channels.map(([channel, byStatus]) => (
        <Space key={channel} size={2} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`notices.channel.${channel}`, { defaultValue: channel })}
          </Typography.Text>
          {Object.entries(byStatus).map(([status, n]) => (
            <Tag key={status} color={STATUS_COLOR[status] ?? 'default'} variant="filled">
              {t(`notices.deliveryStatus.${status}`, { defaultValue: status })} {n}
            </Tag>
          ))}
        </Space>
      ))}
    </Space>
  );
}

/** The class's notice board (通知公告): pinned first, each with its read share and deliveries. */
export function NoticesTab({ cls }: { cls: ClassView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const board = useClassNotices(cls.id);
  const markRead = useMarkRead();
  const [composing, setComposing] = useState(false);
  const [receiptsOf, setReceiptsOf] = useState<ClassNoticeView | null>(null);
  const canSend = board.data?.canSend ?? false;
  const closed = cls.status === 'cancelled';

  const read = async (notice: ClassNoticeView) => {
    try {
      await markRead.mutateAsync(notice.id);
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Flex vertical gap={12} data-testid="nt-tab">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('notices.board.title')}
        </Typography.Title>
        {canSend && !closed ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setComposing(true)}
            data-testid="nt-compose"
          >
            {t('notices.board.compose')}
          </Button>
        ) : null}
      </Flex>
      {board.isPending ? <Skeleton active /> : null}
      {board.isError ? <Typography.Text type="danger">{errorText(board.error, t)}</Typography.Text> : null}
      {board.data && board.data.items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notices.board.empty')} />
        </Card>
      ) : null}
      {board.data?.items.map((n) => {
        const share = readShare(n.read, n.recipients);
        return (
          <Card
            key={n.id}
            size="small"
            className={`gx-notice-card${n.pinned ? ' gx-notice-pinned' : ''}`}
            data-testid="nt-notice"
            data-pinned={n.pinned ? 'true' : 'false'}
          >
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <Space size={6} wrap>
                  {n.pinned ? (
                    <Tag color="red" icon={<PushpinFilled />} variant="filled">
                      {t('notices.board.pinned')}
                    </Tag>
                  ) : null}
                  <Typography.Text strong style={{ fontSize: 15 }}>
                    {n.title}
                  </Typography.Text>
                </Space>
                <Tag variant="filled">
                  {t('notices.board.audienceLabel')}：{t(`notices.audience.${n.audience}`)}
                </Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('notices.board.author', { name: n.author, time: formatDateTime(n.createdAt) })}
              </Typography.Text>
              <Typography.Paragraph
                className="gx-notice-body"
                ellipsis={{ rows: 3, expandable: 'collapsible' }}
                style={{ margin: 0 }}
              >
                {n.body}
              </Typography.Paragraph>
              <Flex justify="space-between" align="center" gap={12} wrap>
                <Flex align="center" gap={8} style={{ minWidth: 220, flex: '1 1 260px' }}>
                  <Progress
                    percent={share === null ? 0 : Math.round(share * 100)}
                    size="small"
                    style={{ flex: 1, margin: 0 }}
                    strokeColor="#cf1322"
                    data-testid="nt-read-share"
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                    {t('notices.board.readShare', { read: n.read, total: n.recipients })}
                  </Typography.Text>
                </Flex>
                <Space size={8} wrap>
                  <Deliveries value={n.deliveries} />
                  {n.readAt ? (
                    <Tag color="green" variant="filled" icon={<CheckOutlined />}>
                      {t('notices.board.youRead')}
                    </Tag>
                  ) : null}
                  {!canSend && !n.readAt ? (
                    <Button size="small" onClick={() => read(n)} data-testid="nt-mark-read">
                      {t('notices.board.markRead')}
                    </Button>
                  ) : null}
                  {canSend ? (
                    <Button
                      size="small"
                      icon={<TeamOutlined />}
                      onClick={() => setReceiptsOf(n)}
                      data-testid="nt-receipts"
                    >
                      {t('notices.board.receipts')}
                    </Button>
                  ) : null}
                </Space>
              </Flex>
            </Flex>
          </Card>
        );
      })}
      {canSend ? (
        <ComposeDrawer
          classId={cls.id}
          open={composing}
          onClose={() => setComposing(false)}
          onPosted={(view) => {
            setComposing(false);
            void message.success(t('notices.compose.posted', { count: view.recipients }));
          }}
        />
      ) : null}
      <ReceiptsDrawer classId={cls.id} notice={receiptsOf} onClose={() => setReceiptsOf(null)} />
    </Flex>
  );
}
