import { CalendarOutlined, CopyOutlined, DeleteOutlined, LinkOutlined } from '@ant-design/icons';
import type { CreateFeedBody, FeedView } from '@ganxun/domain';
import { Alert, App, Button, Card, Flex, Input, List, Modal, Popconfirm, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useCreateFeed, useFeeds, useRevokeFeed } from './api';
import { webcalUrl } from './logic';
import './schedule.css';

/** Copies text, also where the async clipboard is missing (plain http on an intranet). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** The secret URL of a feed just created, shown this once, with a copy button and how to use it. */
export function FeedUrlModal({
  feed,
  onClose,
  hint,
}: {
  feed: FeedView | null;
  onClose: () => void;
  hint?: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const url = feed?.url ?? '';
  const copy = async () => {
    if (await copyText(url)) void message.success(t('schedule.feeds.copied'));
  };
  return (
    <Modal
      open={!!feed}
      title={t('schedule.feeds.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      width={560}
      footer={
        <Button type="primary" onClick={onClose} data-testid="feed-done">
          {t('schedule.feeds.done')}
        </Button>
      }
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Alert type="warning" showIcon title={t('schedule.feeds.createdHint')} />
        {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
        <Input.TextArea
          readOnly
          value={url}
          autoSize={{ minRows: 2, maxRows: 4 }}
          onFocus={(e) => e.currentTarget.select()}
          className="gx-feed-url"
          data-testid="feed-url"
        />
        <Flex gap={8} wrap>
          <Button
            type="primary"
            icon={<CopyOutlined />}
            onClick={() => void copy()}
            className="gx-tap"
            data-testid="feed-copy"
          >
            {t('schedule.feeds.copy')}
          </Button>
          <Button icon={<CalendarOutlined />} href={webcalUrl(url)} className="gx-tap">
            {t('schedule.feeds.openInCalendar')}
          </Button>
        </Flex>
        <div>
          <Typography.Text strong>{t('schedule.feeds.howTo')}</Typography.Text>
          <ul className="gx-feed-howto">
            <li>{t('schedule.feeds.howToPhone')}</li>
            <li>{t('schedule.feeds.howToDesktop')}</li>
          </ul>
        </div>
      </Flex>
    </Modal>
  );
}

export type FeedRequest = Pick<CreateFeedBody, 'scope'> & {
  classId?: string | null;
  lecturerId?: string | null;
};

/**
 * Creating a feed after a short explanation, then showing its URL once: `start()` opens the
 * confirmation, `modal` (render it once) shows the URL. For places where the trigger is not a
 * button of its own (a menu item); {@link FeedSubscribeButton} is built on it.
 */
export function useFeedSubscribe(request: FeedRequest, hint?: ReactNode) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const create = useCreateFeed();
  const [created, setCreated] = useState<FeedView | null>(null);

  const start = () =>
    modal.confirm({
      title: t('schedule.feeds.confirmTitle'),
      content: (
        <Flex vertical gap={8}>
          <span>{t('schedule.feeds.confirmBody')}</span>
          {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
        </Flex>
      ),
      icon: <LinkOutlined />,
      okText: t('schedule.feeds.create'),
      okButtonProps: { 'data-testid': 'feed-create' } as Record<`data-${string}`, string>,
      onOk: async () => {
        try {
          setCreated(await create.mutateAsync(request));
        } catch (error) {
          void message.error(errorText(error, t));
        }
      },
    });

  return {
    start,
    pending: create.isPending,
    modal: <FeedUrlModal feed={created} onClose={() => setCreated(null)} hint={hint} />,
  };
}

/**
 * A button that creates a calendar feed after a short explanation and then shows its URL once.
 * Used by the personal schedules and, for staff, by the lecturer pool.
 */
export function FeedSubscribeButton({
  request,
  label,
  hint,
  block,
  type = 'default',
}: {
  request: FeedRequest;
  label: string;
  hint?: ReactNode;
  block?: boolean;
  type?: 'default' | 'primary';
}) {
  const subscribe = useFeedSubscribe(request, hint);
  return (
    <>
      <Button
        type={type}
        icon={<CalendarOutlined />}
        onClick={subscribe.start}
        loading={subscribe.pending}
        block={block}
        data-testid="feed-subscribe"
      >
        {label}
      </Button>
      {subscribe.modal}
    </>
  );
}

/** The user's active feeds that `match`, each with a revoke action; nothing when there are none. */
export function FeedList({
  match,
  title,
  bordered = true,
}: {
  match: (feed: FeedView) => boolean;
  title?: string;
  bordered?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const feeds = useFeeds();
  const revoke = useRevokeFeed();
  const items = (feeds.data?.items ?? []).filter((f) => !f.revokedAt && match(f));
  if (items.length === 0) return null;

  const onRevoke = async (id: string) => {
    try {
      await revoke.mutateAsync(id);
      void message.success(t('schedule.feeds.revokedDone'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  const list = (
    <List
      size="small"
      dataSource={items}
      data-testid="feed-list"
      renderItem={(f) => (
        <List.Item
          data-testid="feed-item"
          actions={[
            <Popconfirm
              key="revoke"
              title={t('schedule.feeds.revokeConfirm')}
              onConfirm={() => onRevoke(f.id)}
              okButtonProps={{ danger: true }}
            >
              <Button type="link" danger size="small" icon={<DeleteOutlined />} data-testid="feed-revoke">
                {t('schedule.feeds.revoke')}
              </Button>
            </Popconfirm>,
          ]}
        >
          <List.Item.Meta
            avatar={<CalendarOutlined style={{ fontSize: 18, color: 'var(--ant-color-primary)' }} />}
            title={f.label || t(`schedule.feeds.scope.${f.scope}`)}
            description={
              <Flex vertical>
                <span>
                  {t('schedule.feeds.createdAt', { time: formatDateTime(f.createdAt).slice(0, 16) })}
                </span>
                <span>
                  {f.lastUsedAt
                    ? t('schedule.feeds.lastUsedAt', { time: formatDateTime(f.lastUsedAt).slice(0, 16) })
                    : t('schedule.feeds.neverUsed')}
                </span>
              </Flex>
            }
          />
        </List.Item>
      )}
    />
  );
  return bordered ? (
    <Card size="small" title={title ?? t('schedule.feeds.listTitle')} style={{ marginTop: 24 }}>
      {list}
    </Card>
  ) : (
    <div>
      {title ? <Typography.Text strong>{title}</Typography.Text> : null}
      {list}
    </div>
  );
}
