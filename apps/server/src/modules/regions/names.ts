/**
 * Traditional-Chinese (zh-TW) forms of region names. opencc-js converts character by character
 * in places, and a place name often keeps a character that Simplified Chinese merged with another
 * (江干区 is 江干區, never 江乾區). The overrides below were checked by scanning the converted
 * seed for 乾/幹/餘/裡/淩/鐘/鍾/嶽 and unconverted 云/余, one name at a time; a name not listed
 * takes OpenCC's form, which was right for the rest (餘杭區, 臺兒莊區, 鍾祥市, 嶽麓區, 穀城縣).
 */
export const ZH_TW_OVERRIDES: Readonly<Record<string, string>> = {
  江干区: '江干區', // 330104 Hangzhou (OpenCC: 江乾區)
  新干县: '新干縣', // 360824 Jiangxi (OpenCC: 新幹縣)
  新余市: '新餘市', // 360500 Jiangxi (OpenCC leaves 余)
  湖里区: '湖里區', // 350206 Xiamen: 里 of a neighbourhood (OpenCC: 湖裡區)
  云城区: '雲城區', // 445302 Yunfu (OpenCC leaves 云)
  凌河区: '凌河區', // 210703 Jinzhou, like 凌海市 and 凌源市 (OpenCC: 淩河區)
  钟山县: '鍾山縣', // 451122 Guangxi, named after 鍾山 (OpenCC: 鐘山縣)
  钟山区: '鍾山區', // 520201 Liupanshui (OpenCC: 鐘山區)
  岳西县: '岳西縣', // 340828 Anhui (OpenCC: 嶽西縣)
  岳塘区: '岳塘區', // 430304 Xiangtan (OpenCC: 嶽塘區)
  岳池县: '岳池縣', // 511621 Sichuan (OpenCC: 嶽池縣)
  岳普湖县: '岳普湖縣', // 653128 Xinjiang, a transliteration (OpenCC: 嶽普湖縣)
};

type Convert = (text: string) => string;
let converter: Promise<Convert> | null = null;

/** The OpenCC Simplified → Taiwan converter, built on first use (building it takes ~0.2 s). */
function cn2tw(): Promise<Convert> {
  converter ??= import('opencc-js/cn2t').then(({ Converter }) => Converter({ from: 'cn', to: 'tw' }));
  return converter;
}

/** A function giving the zh-TW form of a Simplified region name (override first, then OpenCC). */
export async function zhTwNamer(): Promise<(name: string) => string> {
  const convert = await cn2tw();
  return (name) => ZH_TW_OVERRIDES[name] ?? convert(name);
}
