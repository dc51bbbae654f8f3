import { LogoutOutlined } from '@ant-design/icons';
import { Button, Card, Layout } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { BrandMark } from '../../app/brand';
import { LanguageButton } from '../../app/language-menu';

/** A page outside the shell, for the steps a restricted session must complete first. */
export function StandaloneLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="gx-standalone">
      <Layout.Header className="gx-header gx-standalone-header">
        <BrandMark compact />
        <div style={{ flex: 1 }} />
        <LanguageButton light />
        <Button
          type="text"
          className="gx-header-button"
          icon={<LogoutOutlined />}
          onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
        >
          {t('userMenu.logout')}
        </Button>
      </Layout.Header>
      <Card className="gx-standalone-card" title={title}>
        {children}
      </Card>
    </div>
  );
}
