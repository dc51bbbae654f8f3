import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUnreadCount } from './api';

/** The header's bell with the unread count (polled every 30 s), opening the inbox. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <Button
      type="text"
      className="gx-header-button"
      onClick={() => navigate('/inbox')}
      aria-label={t('notices.bell', { count: unread })}
      title={t('notices.bell', { count: unread })}
      data-testid="inbox-bell"
      icon={
        <Badge count={unread} size="small" overflowCount={99} offset={[4, -2]} data-testid="inbox-bell-count">
          <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
        </Badge>
      }
    />
  );
}
