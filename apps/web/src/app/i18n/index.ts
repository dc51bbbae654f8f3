import { LOCALES, type Locale } from '@ganxun/domain';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../../api/client';
import { en } from './en';
import { zhCN } from './zh-CN';
import { zhTW } from './zh-TW';

export const LANGUAGE_STORAGE_KEY = 'gx.locale';

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-TW': 'zh-tw', en: 'en' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language the user picked on this device, if any. */
export function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The current UI language, always one of the supported locales. */
export function currentLanguage(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'zh-CN';
}

function applySideEffects(language: Locale): void {
  setApiLanguage(language);
  dayjs.locale(DAYJS_LOCALE[language]);
  document.documentElement.lang = language;
  document.title = i18n.t('app.name');
}

/** Switches the UI language and remembers it on this device. */
export async function changeLanguage(language: Locale): Promise<void> {
  await i18n.changeLanguage(language);
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  applySideEffects(language);
}

const initial = storedLanguage() ?? 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: zhCN },
    'zh-TW': { translation: zhTW },
    en: { translation: en },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
applySideEffects(initial);

export { i18n };
