import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Menu, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { areasFor } from '../area-registry';
import { session } from '../session/session-store';
import { useSession } from '../session/use-session';
import { LanguageSwitch } from './LanguageSwitch';
import { TimezoneSwitch } from './TimezoneSwitch';

/**
 * The signed-in frame: the menu of the caller's areas (a full sider from 992 px, icons only from 768 px, a
 * drawer below), a header with who is signed in, language, timezone and sign-out, and the page.
 */
export function AppShell() {
  const { t } = useTranslation('common');
  const current = useSession()!;
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const areas = areasFor(current.kind);
  const selected = location.pathname.split('/')[1] ?? '';
  const narrow = screens.md === false;
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      items={areas.map((area) => ({ key: area.key, icon: area.icon, label: t(area.navLabelKey) }))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(`/${key}`);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider
          theme="light"
          collapsed={screens.lg === false}
          width={208}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <nav aria-label={t('shell.navigation')}>
            <div style={{ padding: '16px 24px', fontWeight: 600, fontSize: 18 }}>{screens.lg ? 'Engage' : 'E'}</div>
            {menu}
          </nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            borderBottom: '1px solid #f0f0f0',
            height: 'auto',
            lineHeight: 'normal',
          }}
        >
          <Flex justify="space-between" align="center" gap={8} wrap style={{ minHeight: 56, paddingBlock: 8 }}>
            <Flex align="center" gap={8}>
              {narrow && (
                <Button icon={<MenuOutlined />} aria-label={t('shell.openMenu')} onClick={() => setDrawerOpen(true)} />
              )}
              <Typography.Text strong data-testid="signed-in-name">
                {current.name}
              </Typography.Text>
            </Flex>
            <Flex align="center" gap={8} wrap>
              <LanguageSwitch />
              <TimezoneSwitch />
              <Button icon={<LogoutOutlined />} onClick={session.signOut}>
                {t('shell.signOut')}
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        {/* antd's Layout.Content is the page's <main> landmark. */}
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      {narrow && (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" title="Engage" size={240}>
          <nav aria-label={t('shell.navigation')}>{menu}</nav>
        </Drawer>
      )}
    </Layout>
  );
}
