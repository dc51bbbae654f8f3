import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../api/client';
import { AuthProvider } from './auth';
import { currentLanguage } from './i18n';
import { AppRoutes } from './router';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;

/** A deep "Chinese red" primary on antd's default theme. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b0191e',
    colorLink: '#b0191e',
    colorInfo: '#1f5fa8',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#a61b1b',
      headerHeight: 56,
      headerPadding: '0 16px',
      bodyBg: '#f3f4f6',
      siderBg: '#ffffff',
    },
    Menu: { itemSelectedBg: '#fdecec', itemSelectedColor: '#a61b1b' },
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function Root() {
  // Re-render the whole tree (antd locale included) when the language changes.
  useTranslation();
  const language = currentLanguage();
  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
