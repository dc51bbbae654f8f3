import type { ScriptName } from '@ganxun/domain';
import { ZH_TW_OVERRIDES, zhTwNamer } from '../regions/names.js';

/** Place names whose checked zh-TW form must survive inside longer names (杭州市江干区委组织部). */
const PROTECTED = new RegExp(
  `(${Object.keys(ZH_TW_OVERRIDES)
    .sort((a, b) => b.length - a.length)
    .join('|')})`,
  'u',
);

/**
 * A function giving a name in both scripts. The zh-TW form of a unit, class, topic or person name
 * comes from OpenCC, except for the place names OpenCC gets wrong (regions/names.ts), which keep
 * their checked form wherever they appear in the name: 杭州市江干区委组织部 → 杭州市江干區委組織部,
 * never 江乾區. Region names themselves should come from `regions.name_zh_tw` (`fixed`).
 */
export async function scriptNamer(): Promise<{
  name: (zhCN: string) => ScriptName;
  fixed: (zhCN: string, zhTW: string) => ScriptName;
}> {
  const convert = await zhTwNamer();
  const zhTW = (text: string) =>
    text
      .split(PROTECTED)
      .map((part) => (part === '' ? '' : (ZH_TW_OVERRIDES[part] ?? convert(part))))
      .join('');
  return {
    name: (zhCN) => ({ zhCN, zhTW: zhTW(zhCN) }),
    fixed: (zhCN, tw) => ({ zhCN, zhTW: tw }),
  };
}
