import { ClockCircleOutlined, KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth';
import { NAV_ITEMS } from '../../app/navigation';
import { formatDate, formatDateTime } from '../../components/format';
import { WorkCard } from './work-card';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const links = NAV_ITEMS.filter((item) => item.path !== '/' && item.allowed(me));

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card className="gx-welcome" data-testid="welcome-card">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('home.greeting', { name: me.displayName })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{t('home.roles')}</Typography.Text>
            {me.roles.length ? (
              me.roles.map((r) => (
                <Tag key={`${r.role}:${r.scopeId ?? ''}`} color="red" variant="outlined">
                  {t(`roles.${r.role}`)}
                  {r.scopeId ? ` · ${t('home.scope', { scope: r.scopeName ?? r.scopeId })}` : ''}
                </Tag>
              ))
            ) : (
              <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
            )}
          </Flex>
        </Card>
      </Col>
      <Col span={24}>
        <WorkCard />
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('home.quickLinks')} style={{ height: '100%' }}>
          {links.length ? (
            <Row gutter={[12, 12]}>
              {links.map((item) => (
                <Col xs={12} sm={8} key={item.path}>
                  <Link to={item.path}>
                    <Card hoverable size="small" className="gx-quick-link">
                      <Flex vertical align="center" gap={8}>
                        <span style={{ fontSize: 26, color: '#b0191e' }}>{item.icon}</span>
                        <Typography.Text>{t(item.labelKey)}</Typography.Text>
                      </Flex>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          ) : (
            <Empty description={t('home.noQuickLinks')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('home.account')} style={{ height: '100%' }}>
          <List
            split={false}
            dataSource={[
              {
                key: 'totp',
                icon: <SafetyOutlined style={{ color: me.totpEnabled ? '#389e0d' : '#d48806' }} />,
                text: me.totpEnabled ? t('home.totpOn') : t('home.totpOff'),
                action: me.totpEnabled ? null : (
                  <Link to="/account/totp">
                    <Button size="small">{t('home.setUpTotp')}</Button>
                  </Link>
                ),
              },
              {
                key: 'password',
                icon: <KeyOutlined />,
                text: me.passwordExpiresAt
                  ? t('home.passwordExpires', { date: formatDate(me.passwordExpiresAt) })
                  : t('home.passwordNoExpiry'),
                action: null,
              },
              {
                key: 'session',
                icon: <ClockCircleOutlined />,
                text: t('home.sessionExpires', { date: formatDateTime(me.sessionExpiresAt) }),
                action: null,
              },
            ]}
            renderItem={(item) => (
              <List.Item key={item.key} extra={item.action}>
                <Flex gap={8} align="center">
                  {item.icon}
                  <Typography.Text>{item.text}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
