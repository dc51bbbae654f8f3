import { type LocalizedLabel, labelIn } from '@ganxun/domain';

type Locale = 'zh-CN' | 'zh-TW' | 'en';

/** The UI language as a label locale. */
export function localeOf(language: string): Locale {
  return language === 'zh-TW' || language === 'en' ? language : 'zh-CN';
}

/** A question's or option's label in the UI language (falling back to another). */
export function labelOf(label: LocalizedLabel | Record<string, string>, language: string): string {
  return labelIn(label as LocalizedLabel, localeOf(language));
}

/** 0.8532 → "85.3%". */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
}
