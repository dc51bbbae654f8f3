import { GlobalOutlined } from '@ant-design/icons';
import { LOCALES, type Locale } from '@ganxun/domain';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSetLanguage } from './auth';
import { currentLanguage } from './i18n';

/** A globe button with the three languages; used on the login page. */
export function LanguageButton({ light }: { light?: boolean }) {
  const { t } = useTranslation();
  const setLanguage = useSetLanguage();
  const language = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: LOCALES.map((l) => ({
          key: l,
          label: <span data-testid={`lang-${l}`}>{t(`language.${l}`)}</span>,
        })),
        onClick: ({ key }) => void setLanguage(key as Locale),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="language-button"
        style={light ? { color: '#fff' } : undefined}
        aria-label={t('userMenu.language')}
      >
        {t(`language.${language}`)}
      </Button>
    </Dropdown>
  );
}
