import { type CreatePersonBody, idCheckChar, type UnitType } from '@ganxun/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { people, units } from '../db/schema/index.js';
import { personColumns } from '../modules/people/record.js';
import { HUBEI_CITIES } from './directory.js';

/**
 * The people the demo's classes train, beyond the directory demo: in each of the 17 cities the
 * staff of the epidemic-control headquarters office (the January 2022 class trained its deputy
 * commanders and office heads), provincial departments (the 2021 seminar series was co-organised
 * with them), and Enshi city's 16 townships and sub-districts with their health centres and schools
 * (the pairing's leadership and professional classes). Everyone has a mobile number, so the
 * roster's contact list has something to protect.
 */

const PROVINCIAL_DEPARTMENTS = [
  '湖北省发展和改革委员会',
  '湖北省经济和信息化厅',
  '湖北省科学技术厅',
  '湖北省自然资源厅',
  '湖北省住房和城乡建设厅',
  '湖北省水利厅',
  '湖北省农业农村厅',
  '湖北省应急管理厅',
  '湖北省医疗保障局',
  '湖北省乡村振兴局',
  '湖北省国家安全厅',
  '湖北省民政厅',
];

/** Enshi city's townships and sub-districts (乡镇办). */
export const ENSHI_TOWNSHIPS = [
  '舞阳坝街道',
  '六角亭街道',
  '小渡船街道',
  '龙凤镇',
  '崔家坝镇',
  '板桥镇',
  '白杨坪镇',
  '三岔镇',
  '新塘乡',
  '红土乡',
  '沙地乡',
  '太阳河乡',
  '屯堡乡',
  '白果乡',
  '芭蕉侗族乡',
  '盛家坝乡',
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢向谭覃';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆鹏波婷雪琳晨阳昊然欣悦翠松';

/** A deterministic generator (the demo is the same on every machine). */
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

interface PoolUnit {
  name: string;
  type: UnitType;
  region: string;
  parentName?: string;
  n: number;
  kind: 'cadre' | 'medical' | 'education';
  posts: string[];
}

function poolUnits(): PoolUnit[] {
  const list: PoolUnit[] = [];
  for (const [code, name] of HUBEI_CITIES) {
    list.push({
      name: `${code === '422800' ? '恩施州' : name}新冠肺炎疫情防控指挥部办公室`,
      type: 'party_government',
      region: code,
      n: 12,
      kind: 'cadre',
      posts: [
        '副指挥长',
        '指挥部办公室主任',
        '指挥部办公室副主任',
        '卫生健康委主任',
        '卫生健康委副主任',
        '疾控中心主任',
      ],
    });
  }
  for (const name of PROVINCIAL_DEPARTMENTS) {
    list.push({
      name,
      type: 'party_government',
      region: '420000',
      n: 36,
      kind: 'cadre',
      posts: ['处长', '副处长', '一级调研员', '二级调研员', '四级调研员', '一级主任科员'],
    });
  }
  // The January 2022 class's lead organiser, and the two Hangzhou institutions that hosted the
  // pairing's leadership classes.
  list.push(
    {
      name: '湖北省新冠肺炎疫情防控指挥部',
      type: 'party_government',
      region: '420000',
      n: 4,
      kind: 'cadre',
      posts: ['处长', '副处长'],
    },
    { name: '浙江大学', type: 'university', region: '330106', n: 0, kind: 'education', posts: [] },
    { name: '中共杭州市委党校', type: 'party_school', region: '330100', n: 0, kind: 'education', posts: [] },
  );
  for (const t of ENSHI_TOWNSHIPS) {
    const office = t.endsWith('街道') ? `${t}办事处` : `${t}人民政府`;
    list.push({
      name: `恩施市${office}`,
      type: 'party_government',
      region: '422801',
      n: 8,
      kind: 'cadre',
      posts: ['党委书记', '党委副书记', '镇（乡）长', '副镇（乡）长', '党委委员', '办公室主任'],
    });
    list.push({
      name: `恩施市${t}卫生院`,
      type: 'health_centre',
      region: '422801',
      n: 6,
      kind: 'medical',
      posts: ['院长', '副院长', '主治医师', '医师', '主管护师', '公共卫生医师'],
    });
    list.push({
      name: `恩施市${t}中心学校`,
      type: 'school',
      region: '422801',
      n: 6,
      kind: 'education',
      posts: ['校长', '副校长', '教研组长', '一级教师', '高级教师', '班主任'],
    });
  }
  return list;
}

const RANKS_BY_POST: Record<string, string> = {
  副指挥长: '0131',
  处长: '0131',
  党委书记: '0142',
  副处长: '0132',
  指挥部办公室主任: '0141',
  卫生健康委主任: '0131',
};

/** Adds the pool's units and people unless present; returns a line for the demo's report. */
export async function loadTraineePool(services: Services, db: Db): Promise<string> {
  const list = poolUnits();
  const [known] = await db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.name, list[0]?.name ?? ''));
  if (known) return 'trainee pool: already loaded';
  const rand = random(20220113);
  const pick = (s: string) => s[Math.floor(rand() * s.length)] ?? '';
  let serial = 0;
  let count = 0;
  await db.transaction(async (tx) => {
    const parents = await tx
      .select({ id: units.id, name: units.name, path: units.path })
      .from(units)
      .where(inArray(units.name, ['恩施市卫生健康局', '恩施市教育局']));
    const parentOf = (u: PoolUnit) =>
      u.region !== '422801'
        ? undefined
        : u.kind === 'medical'
          ? parents.find((p) => p.name === '恩施市卫生健康局')
          : u.kind === 'education'
            ? parents.find((p) => p.name === '恩施市教育局')
            : undefined;
    const inputs: CreatePersonBody[] = [];
    for (const u of list) {
      const parent = parentOf(u);
      // The directory demo already has some of them (龙凤镇卫生院): their staff grows instead.
      const [existing] = await tx.select({ id: units.id }).from(units).where(eq(units.name, u.name));
      const id = existing?.id ?? crypto.randomUUID();
      if (!existing) {
        await tx.insert(units).values({
          id,
          name: u.name,
          type: u.type,
          regionCode: u.region,
          parentId: parent?.id ?? null,
          path: `${parent?.path ?? '/'}${id}/`,
        });
      }
      const idRegion = u.region.endsWith('0000')
        ? '420106'
        : u.region.endsWith('00')
          ? `${u.region.slice(0, 4)}02`
          : u.region;
      for (let i = 0; i < u.n; i++) {
        serial += 1;
        const gender = rand() < 0.58 ? 'male' : 'female';
        const born = `${1966 + Math.floor(rand() * 28)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
        const seq = (serial % 499) * 2 + (gender === 'male' ? 1 : 0) + 2;
        const first17 = `${idRegion}${born.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
        const post = u.posts[Math.floor(rand() * u.posts.length)] ?? '科员';
        inputs.push({
          name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.65 ? pick(GIVEN) : ''),
          gender,
          ethnicity: u.region === '422801' && rand() < 0.5 ? '15' : '01',
          birthDate: born,
          idNumber: `${first17}${idCheckChar(first17)}`,
          mobile: `1${['39', '37', '58', '86', '35', '88'][Math.floor(rand() * 6)]}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
          politicalStatus: rand() < 0.85 ? '01' : '13',
          education: rand() < 0.3 ? 'master' : 'bachelor',
          unitId: id,
          post,
          rank: u.kind === 'cadre' ? (RANKS_BY_POST[post] ?? (rand() < 0.5 ? '0142' : '0150')) : null,
          category: u.kind === 'cadre' ? 'cadre' : 'professional',
          specialty: u.kind === 'cadre' ? null : u.kind,
          status: 'serving',
          requirementOverride: null,
        });
      }
    }
    for (let i = 0; i < inputs.length; i += 200) {
      const chunk = inputs.slice(i, i + 200).map((input) => personColumns(services.cipher, input));
      const rows = await tx.insert(people).values(chunk).onConflictDoNothing().returning({ id: people.id });
      count += rows.length;
    }
  });
  return `trainee pool: ${list.length} units, ${count} people`;
}
