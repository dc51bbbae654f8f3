import { type CreatePersonBody, idCheckChar, type UnitType } from '@ganxun/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { people, regions, units } from '../db/schema/index.js';
import { personColumns } from '../modules/people/record.js';

/**
 * The directory of the demo: the Hubei organisation departments of the 17 cities and prefectures,
 * the provincial party school, and the two sides of the seeds' pairing — Enshi city and Hangzhou's
 * Jianggan district (its GB/T 2260 code 330104 was abolished in 2021 and still resolves) — with
 * their offices, health centres, schools and kindergartens, and a few hundred people. The people
 * named in the seeds are among them.
 */

/** Hubei's 17 cities, prefectures and directly administered county-level units. */
export const HUBEI_CITIES: [code: string, name: string][] = [
  ['420100', '武汉市'],
  ['420200', '黄石市'],
  ['420300', '十堰市'],
  ['420500', '宜昌市'],
  ['420600', '襄阳市'],
  ['420700', '鄂州市'],
  ['420800', '荆门市'],
  ['420900', '孝感市'],
  ['421000', '荆州市'],
  ['421100', '黄冈市'],
  ['421200', '咸宁市'],
  ['421300', '随州市'],
  ['422800', '恩施州'],
  ['429004', '仙桃市'],
  ['429005', '潜江市'],
  ['429006', '天门市'],
  ['429021', '神农架林区'],
];

type Kind = 'cadre' | 'medical' | 'education' | 'agriculture';

interface DemoUnit {
  key: string;
  name: string;
  type: UnitType;
  region: string;
  parent?: string;
  /** How many generated people work here, and of what kind. */
  staff?: { n: number; kind: Kind };
}

const ENSHI = '422801';
const JIANGGAN = '330104';

function demoUnits(): DemoUnit[] {
  const list: DemoUnit[] = [
    {
      key: 'hubei.org',
      name: '中共湖北省委组织部',
      type: 'party_government',
      region: '420000',
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'hubei.school',
      name: '中共湖北省委党校（湖北省行政学院）',
      type: 'party_school',
      region: '420100',
      staff: { n: 8, kind: 'education' },
    },
    {
      key: 'hubei.wjw',
      name: '湖北省卫生健康委员会',
      type: 'party_government',
      region: '420000',
      staff: { n: 4, kind: 'cadre' },
    },
  ];
  for (const [code, name] of HUBEI_CITIES) {
    const prefix = code === '422800' ? '中共恩施土家族苗族自治州委' : `中共${name}委`;
    list.push({
      key: `org.${code}`,
      name: `${prefix}组织部`,
      type: 'party_government',
      region: code,
      staff: { n: 3, kind: 'cadre' },
    });
    list.push({
      key: `wjw.${code}`,
      name: `${code === '422800' ? '恩施土家族苗族自治州' : name}卫生健康委员会`,
      type: 'party_government',
      region: code,
      staff: { n: 2, kind: 'cadre' },
    });
  }
  list.push(
    // Enshi city (恩施市): offices and the institutions whose staff went to Jianggan.
    {
      key: 'es.gov',
      name: '恩施市人民政府办公室',
      type: 'party_government',
      region: ENSHI,
      staff: { n: 8, kind: 'cadre' },
    },
    {
      key: 'es.org',
      name: '中共恩施市委组织部',
      type: 'party_government',
      region: ENSHI,
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'es.fpb',
      name: '恩施市扶贫开发办公室',
      type: 'party_government',
      region: ENSHI,
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'es.nyj',
      name: '恩施市农业农村局',
      type: 'party_government',
      region: ENSHI,
      staff: { n: 10, kind: 'agriculture' },
    },
    {
      key: 'es.dxg',
      name: '恩施市大峡谷风景区管理处',
      type: 'public_institution',
      region: ENSHI,
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'es.wjj',
      name: '恩施市卫生健康局',
      type: 'party_government',
      region: ENSHI,
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'es.hosp',
      name: '恩施市中心医院',
      type: 'hospital',
      region: ENSHI,
      parent: 'es.wjj',
      staff: { n: 20, kind: 'medical' },
    },
    {
      key: 'es.wyb',
      name: '恩施市舞阳坝街道社区卫生服务中心',
      type: 'health_centre',
      region: ENSHI,
      parent: 'es.wjj',
      staff: { n: 10, kind: 'medical' },
    },
    {
      key: 'es.lf',
      name: '恩施市龙凤镇卫生院',
      type: 'health_centre',
      region: ENSHI,
      parent: 'es.wjj',
      staff: { n: 8, kind: 'medical' },
    },
    {
      key: 'es.jyj',
      name: '恩施市教育局',
      type: 'party_government',
      region: ENSHI,
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'es.yz',
      name: '恩施市第一中学',
      type: 'school',
      region: ENSHI,
      parent: 'es.jyj',
      staff: { n: 16, kind: 'education' },
    },
    {
      key: 'es.sx',
      name: '恩施市实验小学',
      type: 'school',
      region: ENSHI,
      parent: 'es.jyj',
      staff: { n: 14, kind: 'education' },
    },
    {
      key: 'es.yey',
      name: '恩施市机关幼儿园',
      type: 'kindergarten',
      region: ENSHI,
      parent: 'es.jyj',
      staff: { n: 10, kind: 'education' },
    },
    // Hangzhou Jianggan district (杭州市江干区), the paired side.
    {
      key: 'jg.gov',
      name: '杭州市江干区人民政府办公室',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 6, kind: 'cadre' },
    },
    {
      key: 'jg.org',
      name: '中共杭州市江干区委组织部',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 4, kind: 'cadre' },
    },
    {
      key: 'jg.rsj',
      name: '杭州市江干区人力资源和社会保障局',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 4, kind: 'cadre' },
    },
    {
      key: 'jg.fgj',
      name: '杭州市江干区发展和改革局',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 4, kind: 'cadre' },
    },
    {
      key: 'jg.sjj',
      name: '杭州市江干区数据资源管理局',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 3, kind: 'cadre' },
    },
    {
      key: 'jg.cgj',
      name: '杭州市江干区城市管理局',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 3, kind: 'cadre' },
    },
    {
      key: 'jg.znk',
      name: '杭州市江干区闸弄口街道办事处',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 5, kind: 'cadre' },
    },
    {
      key: 'jg.pb',
      name: '杭州市江干区彭埠街道办事处',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 5, kind: 'cadre' },
    },
    {
      key: 'jg.wjj',
      name: '杭州市江干区卫生健康局',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 4, kind: 'cadre' },
    },
    {
      key: 'jg.dl',
      name: '杭州市江干区丁兰社区卫生服务中心',
      type: 'health_centre',
      region: JIANGGAN,
      parent: 'jg.wjj',
      staff: { n: 12, kind: 'medical' },
    },
    {
      key: 'jg.jb',
      name: '杭州市江干区九堡社区卫生服务中心',
      type: 'health_centre',
      region: JIANGGAN,
      parent: 'jg.wjj',
      staff: { n: 12, kind: 'medical' },
    },
    {
      key: 'jg.jyj',
      name: '杭州市江干区教育局',
      type: 'party_government',
      region: JIANGGAN,
      staff: { n: 4, kind: 'cadre' },
    },
    {
      key: 'jg.pj',
      name: '杭州市江干区濮家幼儿园',
      type: 'kindergarten',
      region: JIANGGAN,
      parent: 'jg.jyj',
      staff: { n: 10, kind: 'education' },
    },
    {
      key: 'jg.sx',
      name: '杭州市江干区实验小学',
      type: 'school',
      region: JIANGGAN,
      parent: 'jg.jyj',
      staff: { n: 14, kind: 'education' },
    },
  );
  return list;
}

/** People the seeds name, placed in their units (birth dates invented). */
const NAMED: {
  name: string;
  unit: string;
  gender: 'male' | 'female';
  born: string;
  post: string;
  kind: DemoUnit['staff'] extends infer S ? (S extends { kind: infer K } ? K : never) : never;
  rank?: string;
}[] = [
  {
    name: '刘红玉',
    unit: 'es.dxg',
    gender: 'female',
    born: '1982-03-11',
    post: '科员',
    kind: 'cadre',
    rank: '0150',
  },
  {
    name: '姚洪华',
    unit: 'jg.znk',
    gender: 'male',
    born: '1976-09-02',
    post: '街道党工委副书记、办事处主任',
    kind: 'cadre',
    rank: '0141',
  },
  {
    name: '何松青',
    unit: 'jg.pb',
    gender: 'male',
    born: '1984-11-20',
    post: '综合治理科科长',
    kind: 'cadre',
    rank: '0142',
  },
  { name: '柴怡兵', unit: 'jg.jb', gender: 'male', born: '1979-05-30', post: '中医科主任', kind: 'medical' },
  {
    name: '曹高慧',
    unit: 'jg.pj',
    gender: 'female',
    born: '1990-01-17',
    post: '幼儿园教师',
    kind: 'education',
  },
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢向谭';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆鹏波婷雪琳晨阳昊然欣悦';
const POSTS: Record<string, string[]> = {
  cadre: ['科员', '副科长', '科长', '副主任', '主任', '副局长', '综合科科长', '办公室主任'],
  medical: ['主治医师', '副主任医师', '主任医师', '主管护师', '医师', '公共卫生医师'],
  education: ['一级教师', '二级教师', '高级教师', '教研组长', '班主任'],
  agriculture: ['农艺师', '高级农艺师', '农技推广员'],
};
const EDUCATION = ['master', 'bachelor', 'bachelor', 'bachelor', 'college'];
const ETHNICITY_ENSHI = ['01', '01', '15', '15', '09']; // 汉族, 土家族, 苗族 — Enshi is a Tujia and Miao prefecture
const CADRE_RANKS = ['0131', '0132', '0141', '0142', '0142', '0150', '0150', '0150', '0160'];

/** A small deterministic generator, so that the demo is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idNumber(region: string, born: string, serial: number, gender: 'male' | 'female'): string {
  const seq = (serial % 500) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${region}${born.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/** Inserts the demo units and people unless they exist; returns what it did. */
export async function loadDirectoryDemo(services: Services, db: Db): Promise<string> {
  const [known] = await db.select({ id: units.id }).from(units).where(eq(units.name, '中共湖北省委组织部'));
  if (known) return 'directory: already loaded';
  const [jianggan] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, JIANGGAN));
  if (!jianggan) throw new Error('regions are not seeded: run migrations (ganxun migrate) first');

  const ids = new Map<string, { id: string; path: string; region: string }>();
  const rand = random(20190529);
  const inputs: CreatePersonBody[] = [];
  let serial = 0;
  await db.transaction(async (tx) => {
    for (const u of demoUnits()) {
      const parent = u.parent ? ids.get(u.parent) : undefined;
      const id = crypto.randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      await tx
        .insert(units)
        .values({ id, name: u.name, type: u.type, regionCode: u.region, parentId: parent?.id ?? null, path });
      ids.set(u.key, { id, path, region: u.region });
    }
    const unitRegion = (key: string) => {
      const r = ids.get(key)?.region ?? ENSHI;
      return r.endsWith('0000') ? '420106' : r.endsWith('00') ? `${r.slice(0, 4)}02` : r;
    };
    for (const n of NAMED) {
      serial += 1;
      inputs.push(
        person(
          n.name,
          n.gender,
          n.born,
          idNumber(unitRegion(n.unit), n.born, serial, n.gender),
          ids.get(n.unit)?.id ?? '',
          n.kind,
          n.post,
          n.rank ?? null,
          '01',
          'bachelor',
        ),
      );
    }
    for (const u of demoUnits()) {
      if (!u.staff) continue;
      for (let i = 0; i < u.staff.n; i++) {
        serial += 1;
        const gender = rand() < 0.52 ? 'male' : 'female';
        const year = 1965 + Math.floor(rand() * 33);
        const born = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
        const name = pick(rand, SURNAMES) + pick(rand, GIVEN) + (rand() < 0.6 ? pick(rand, GIVEN) : '');
        const kind = u.staff.kind;
        const posts = POSTS[kind] ?? POSTS.cadre ?? [];
        const post = posts[Math.floor(rand() * posts.length)] ?? '科员';
        const rank = kind === 'cadre' ? (CADRE_RANKS[Math.floor(rand() * CADRE_RANKS.length)] ?? null) : null;
        const ethnicity =
          u.region === ENSHI ? (ETHNICITY_ENSHI[Math.floor(rand() * ETHNICITY_ENSHI.length)] ?? '01') : '01';
        const education = EDUCATION[Math.floor(rand() * EDUCATION.length)] ?? 'bachelor';
        const political = rand() < 0.7 ? '01' : '13';
        inputs.push(
          person(
            name,
            gender,
            born,
            idNumber(unitRegion(u.key), born, serial, gender),
            ids.get(u.key)?.id ?? '',
            kind,
            post,
            rank,
            ethnicity,
            education,
            political,
          ),
        );
      }
    }
    for (let i = 0; i < inputs.length; i += 200) {
      const chunk = inputs.slice(i, i + 200).map((input) => personColumns(services.cipher, input));
      await tx.insert(people).values(chunk).onConflictDoNothing();
    }
  });
  return `directory: ${ids.size} units, ${inputs.length} people`;
}

function pick(rand: () => number, chars: string): string {
  return chars[Math.floor(rand() * chars.length)] ?? '';
}

function person(
  name: string,
  gender: 'male' | 'female',
  birthDate: string,
  id: string,
  unitId: string,
  kind: Kind,
  post: string,
  rank: string | null,
  ethnicity = '01',
  education = 'bachelor',
  politicalStatus = '01',
): CreatePersonBody {
  return {
    name,
    gender,
    ethnicity,
    birthDate,
    idNumber: id,
    mobile: null,
    politicalStatus,
    education,
    unitId,
    post,
    rank,
    category: kind === 'cadre' ? 'cadre' : 'professional',
    specialty: kind === 'cadre' ? null : kind,
    status: 'serving',
    requirementOverride: null,
  };
}

/** The id of a demo unit by its name (for demo accounts scoped to a unit). */
export async function demoUnitId(db: Db, name: string): Promise<string | null> {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.name, name), isNull(units.mergedInto)));
  return row?.id ?? null;
}
