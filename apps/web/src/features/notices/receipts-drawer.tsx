import type { ClassNoticeView } from '@ganxun/domain';
import { Drawer, Grid, List, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errors';
import { formatDateTime } from '../../components/format';
import { useNoticeReceipts } from './api';

/** Who has read a notice (and when), who has not. */
export function ReceiptsDrawer({
  classId,
  notice,
  onClose,
}: {
  classId: string;
  notice: ClassNoticeView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const receipts = useNoticeReceipts(classId, notice?.id ?? null);
  const data = receipts.data;
  const role = (r: 'trainee' | 'staff') =>
    r === 'staff' ? (
      <Tag variant="filled" color="gold">
        {t('notices.role.staff')}
      </Tag>
    ) : null;

  return (
    <Drawer
      open={!!notice}
      onClose={onClose}
      size={screens.md ? 480 : '100%'}
      title={notice ? `${t('notices.receipts.title')} · ${notice.title}` : ''}
      data-testid="nt-receipts-drawer"
    >
      {receipts.isPending ? <Skeleton active /> : null}
      {receipts.isError ? (
        <Typography.Text type="danger">{errorText(receipts.error, t)}</Typography.Text>
      ) : null}
      {data ? (
        <Tabs
          items={[
            {
              key: 'unread',
              label: t('notices.receipts.unread', { count: data.unread.length }),
              children: (
                <List
                  size="small"
                  dataSource={data.unread}
                  locale={{ emptyText: t('notices.receipts.none') }}
                  renderItem={(r) => (
                    <List.Item data-testid="nt-receipt-unread">
                      <span>
                        {r.name} {role(r.role)}
                      </span>
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'read',
              label: t('notices.receipts.read', { count: data.read.length }),
              children: (
                <List
                  size="small"
                  dataSource={data.read}
                  locale={{ emptyText: t('notices.receipts.none') }}
                  renderItem={(r) => (
                    <List.Item data-testid="nt-receipt-read" extra={formatDateTime(r.readAt)}>
                      <span>
                        {r.name} {role(r.role)}
                      </span>
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      ) : null}
    </Drawer>
  );
}
