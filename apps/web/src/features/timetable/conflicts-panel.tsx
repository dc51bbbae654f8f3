import { CheckCircleOutlined, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import type { ConflictView, SessionView } from '@ganxun/domain';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { chinaDate, timeRange } from './logic';

/** Every finding of the timetable (messages from the server); a click opens the item. */
export function ConflictsPanel({
  conflicts,
  items,
  onOpen,
}: {
  conflicts: ConflictView[];
  items: SessionView[];
  onOpen: (session: SessionView) => void;
}) {
  const { t } = useTranslation();
  const byId = new Map(items.map((s) => [s.id, s]));
  const errors = conflicts.filter((c) => c.severity === 'error').length;
  const warnings = conflicts.length - errors;
  const sorted = [...conflicts].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );

  return (
    <Card
      size="small"
      className="gx-tt-conflicts"
      title={t('timetable.conflicts.title')}
      extra={
        <Flex gap={4}>
          {errors ? <Tag color="error">{t('timetable.conflicts.errors', { count: errors })}</Tag> : null}
          {warnings ? (
            <Tag color="warning">{t('timetable.conflicts.warnings', { count: warnings })}</Tag>
          ) : null}
        </Flex>
      }
      data-testid="conflicts-panel"
    >
      {conflicts.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleOutlined /> {t('timetable.conflicts.none')}
        </Typography.Text>
      ) : (
        <Flex vertical gap={4}>
          {sorted.map((c) => {
            const item = byId.get(c.sessionId);
            return (
              <button
                type="button"
                key={c.key}
                className={`gx-tt-finding gx-tt-finding-${c.severity}`}
                onClick={() => item && onOpen(item)}
                data-testid="conflict-item"
                data-severity={c.severity}
              >
                <Flex gap={8} align="flex-start">
                  {c.severity === 'error' ? (
                    <ExclamationCircleFilled className="gx-tt-icon-error" />
                  ) : (
                    <WarningFilled className="gx-tt-icon-warning" />
                  )}
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    {item ? (
                      <Typography.Text strong ellipsis>
                        {chinaDate(item.startsAt).slice(5)} {timeRange(item.startsAt, item.endsAt)}{' '}
                        {item.title}
                      </Typography.Text>
                    ) : null}
                    <Typography.Text>{c.message}</Typography.Text>
                    {c.otherClass ? (
                      <Typography.Text type="secondary">
                        {t('timetable.conflicts.otherClass', {
                          code: c.otherClass.code,
                          name: c.otherClass.name,
                        })}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </Flex>
              </button>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
