import {
  CheckOutlined,
  DownOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { LOCALES, type Locale } from '@ganxun/domain';
import { App, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, type MenuProps, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ChangePasswordModal } from '../features/auth/change-password-modal';
import { ProfileModal } from '../features/auth/profile-modal';
import { InboxBell } from '../features/notices/inbox-bell';
import { useAuth, useMe, useSetLanguage } from './auth';
import { BrandMark } from './brand';
import { currentLanguage } from './i18n';
import { NAV_ITEMS, selectedNavPath } from './navigation';
import { PageSpin } from './page-spin';

const { Header, Sider, Content, Footer } = Layout;

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const setLanguage = useSetLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [profileOpen, setProfileOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const language = currentLanguage();

  const menuItems = useMemo<MenuProps['items']>(
    () =>
      NAV_ITEMS.filter((item) => item.allowed(me)).map((item) => ({
        key: item.path,
        icon: item.icon,
        label: t(item.labelKey),
      })),
    [me, t],
  );

  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    navigate(key);
  };

  const userMenu: MenuProps = {
    // Click, not hover, so that the language submenu works on touch screens too.
    triggerSubMenuAction: 'click',
    items: [
      { key: 'profile', icon: <UserOutlined />, label: t('userMenu.profile') },
      { key: 'password', icon: <KeyOutlined />, label: t('userMenu.changePassword') },
      { key: 'totp', icon: <SafetyOutlined />, label: t('userMenu.totp') },
      {
        key: 'language',
        icon: <GlobalOutlined />,
        label: <span data-testid="menu-language">{t('userMenu.language')}</span>,
        children: LOCALES.map((l) => ({
          key: `lang:${l}`,
          label: <span data-testid={`lang-${l}`}>{t(`language.${l}`)}</span>,
          icon: l === language ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
        })),
      },
      { type: 'divider' },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        label: <span data-testid="menu-logout">{t('userMenu.logout')}</span>,
        danger: true,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'profile') setProfileOpen(true);
      else if (key === 'password') setPasswordOpen(true);
      else if (key === 'totp') navigate('/account/totp');
      else if (key.startsWith('lang:')) void setLanguage(key.slice(5) as Locale);
      else if (key === 'logout') {
        void logout().then(() => {
          void message.success(t('userMenu.loggedOut'));
          navigate('/login', { replace: true });
        });
      }
    },
  };

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedNavPath(location.pathname)]}
      items={menuItems}
      onClick={onMenuClick}
      style={{ borderInlineEnd: 'none' }}
      data-testid="side-menu"
    />
  );

  return (
    <Layout className="gx-shell">
      <Header className="gx-header">
        {isMobile ? (
          <Button
            type="text"
            className="gx-header-button"
            icon={<MenuOutlined />}
            onClick={() => setDrawerOpen(true)}
            aria-label={t('app.openMenu')}
            data-testid="menu-toggle"
          />
        ) : null}
        <BrandMark compact={isMobile} />
        <div style={{ flex: 1 }} />
        <InboxBell />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button type="text" className="gx-header-button gx-user-button" data-testid="user-menu">
            <Avatar
              size="small"
              icon={<UserOutlined />}
              style={{ background: '#ffd666', color: '#7a1212' }}
            />
            {isMobile ? null : (
              <Typography.Text ellipsis style={{ color: 'inherit', maxWidth: 160 }}>
                {me.displayName}
              </Typography.Text>
            )}
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('app.shortName')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        ) : (
          <Sider
            theme="light"
            width={220}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            breakpoint="lg"
            className="gx-sider"
          >
            {menu}
          </Sider>
        )}
        <Layout className="gx-main">
          <Content className="gx-content">
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </Content>
          <Footer className="gx-footer">{t('app.secrecyNotice')}</Footer>
        </Layout>
      </Layout>
      <ProfileModal open={profileOpen} onClose={() => setProfileOpen(false)} />
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
