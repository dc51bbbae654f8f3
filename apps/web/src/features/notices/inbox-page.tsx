import { CheckOutlined } from '@ant-design/icons';
import type { InboxItemView } from '@ganxun/domain';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { useInbox, useMarkAllRead, useMarkRead } from './api';
import { PreferencesCard } from './preferences-card';
import './notices.css';

const PAGE_SIZE = 20;

/**
 * /inbox: the signed-in user's notices, newest first; opening one marks it read and shows it whole
 * (an event's notice also links to where it happened).
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const inbox = useInbox({ unread: unreadOnly, page, pageSize: PAGE_SIZE });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = inbox.data?.unread ?? 0;

  const open = (item: InboxItemView) => {
    setOpened((s) => {
      const next = new Set(s);
      if (next.has(item.id)) next.delete(item.id);
      else next.add(item.id);
      return next;
    });
    if (!item.readAt && !markRead.isPending) markRead.mutate(item.id);
  };

  const readAll = async () => {
    try {
      await markAll.mutateAsync();
      void message.success(t('notices.inbox.allRead'));
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Flex vertical gap={16} data-testid="inbox">
      <PageHeader
        title={t('notices.inbox.title')}
        description={t('notices.inbox.description')}
        extra={
          <Button
            icon={<CheckOutlined />}
            onClick={readAll}
            loading={markAll.isPending}
            disabled={unread === 0}
            data-testid="inbox-read-all"
          >
            {t('notices.inbox.markAllRead')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={
              <Segmented<'all' | 'unread'>
                value={unreadOnly ? 'unread' : 'all'}
                onChange={(v) => {
                  setUnreadOnly(v === 'unread');
                  setPage(1);
                }}
                options={[
                  { value: 'all', label: t('notices.inbox.all') },
                  {
                    value: 'unread',
                    label: (
                      <Space size={4}>
                        {t('notices.inbox.unread')}
                        {unread > 0 ? <Badge count={unread} size="small" /> : null}
                      </Space>
                    ),
                  },
                ]}
                data-testid="inbox-filter"
              />
            }
          >
            <List<InboxItemView>
              loading={inbox.isPending}
              dataSource={inbox.data?.items ?? []}
              locale={{
                emptyText: inbox.isError ? (
                  errorText(inbox.error, t)
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t(unreadOnly ? 'notices.inbox.emptyUnread' : 'notices.inbox.empty')}
                  />
                ),
              }}
              pagination={
                (inbox.data?.total ?? 0) > PAGE_SIZE
                  ? {
                      current: page,
                      pageSize: PAGE_SIZE,
                      total: inbox.data?.total ?? 0,
                      onChange: setPage,
                      size: 'small',
                      showSizeChanger: false,
                    }
                  : false
              }
              renderItem={(item) => {
                const isOpen = opened.has(item.id);
                return (
                  <List.Item
                    className={`gx-inbox-item${item.readAt ? '' : ' gx-inbox-unread'}`}
                    data-testid="inbox-item"
                    data-read={item.readAt ? 'true' : 'false'}
                    onClick={() => open(item)}
                  >
                    <Flex gap={10} align="flex-start" style={{ width: '100%', minWidth: 0 }}>
                      <span
                        className="gx-inbox-dot"
                        data-testid={item.readAt ? undefined : 'inbox-unread-dot'}
                        aria-hidden
                      />
                      <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                        <Flex justify="space-between" gap={8} wrap>
                          <Typography.Text strong={!item.readAt} className="gx-inbox-title">
                            {item.title}
                          </Typography.Text>
                          <Typography.Text type="secondary" className="gx-inbox-time">
                            {formatDateTime(item.createdAt)}
                          </Typography.Text>
                        </Flex>
                        <Space size={4} wrap>
                          <Tag color={item.kind === 'class_notice' ? 'red' : 'blue'} variant="filled">
                            {t(`notices.kind.${item.kind}`)}
                          </Tag>
                          <Typography.Text type="secondary" className="gx-inbox-meta">
                            {item.className ?? t('notices.inbox.system')}
                          </Typography.Text>
                        </Space>
                        <Typography.Paragraph
                          className="gx-inbox-body"
                          ellipsis={isOpen ? false : { rows: 2 }}
                          style={{ margin: 0, whiteSpace: isOpen ? 'pre-wrap' : undefined }}
                        >
                          {item.body}
                        </Typography.Paragraph>
                        {isOpen ? (
                          <Flex justify="space-between" align="center" gap={8} wrap>
                            <Typography.Text type="secondary" className="gx-inbox-meta">
                              {item.readAt
                                ? t('notices.inbox.readAt', { time: formatDateTime(item.readAt) })
                                : t('notices.inbox.read')}
                            </Typography.Text>
                            {item.link && item.kind !== 'class_notice' ? (
                              <Button
                                size="small"
                                type="link"
                                onClick={(e) => {
                                  e.stopPropagation();
                                  navigate(item.link ?? '/');
                                }}
                                data-testid="inbox-open-link"
                              >
                                {t('notices.inbox.open')}
                              </Button>
                            ) : null}
                          </Flex>
                        ) : null}
                      </Flex>
                    </Flex>
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <PreferencesCard />
        </Col>
      </Row>
    </Flex>
  );
}
