import { idCheckChar, type UnitType } from '@ganxun/domain';
import ExcelJS from 'exceljs';

/**
 * The seed's pairing (seed 004: 恩施市 ↔ 杭州市江干区, 2018–2020) as secondment import rows:
 * Enshi (side A) sent 13 cadres and 127 professionals (69 doctors, 58 teachers) to Jianggan;
 * Jianggan (side B) sent 3 cadres and 82 professionals (23 doctors, 45 teachers, 14 agricultural
 * experts) to Enshi. One person per row; synthetic but valid ID numbers and names, a few real
 * names and posts from the seed. Every term has actual dates in 2018–2020 (all completed).
 */

export interface SeedUnit {
  side: 'a' | 'b';
  name: string;
  type: UnitType;
  /** The parent's name (a unit of the same side listed before it). */
  parent?: string;
}

export const EXCHANGE_SEED_UNITS: SeedUnit[] = [
  // 恩施市 (side A, 422801)
  { side: 'a', name: '中共恩施市委组织部', type: 'party_government' },
  { side: 'a', name: '恩施市人民政府', type: 'party_government' },
  { side: 'a', name: '恩施市扶贫开发办公室', type: 'party_government' },
  { side: 'a', name: '恩施市舞阳坝街道办事处', type: 'party_government' },
  { side: 'a', name: '恩施市六角亭街道办事处', type: 'party_government' },
  { side: 'a', name: '恩施市中心医院', type: 'hospital' },
  { side: 'a', name: '恩施市中医医院', type: 'hospital' },
  { side: 'a', name: '恩施市妇幼保健院', type: 'hospital' },
  { side: 'a', name: '小渡船卫生院', type: 'health_centre' },
  { side: 'a', name: '恩施市大峡谷风景区管理处', type: 'public_institution' },
  { side: 'a', name: '恩施市教育局', type: 'party_government' },
  { side: 'a', name: '恩施市第一中学', type: 'school', parent: '恩施市教育局' },
  { side: 'a', name: '恩施市实验小学', type: 'school', parent: '恩施市教育局' },
  { side: 'a', name: '恩施市孝感幼儿园', type: 'kindergarten', parent: '恩施市教育局' },
  { side: 'a', name: '恩施市农业农村局', type: 'party_government' },
  { side: 'a', name: '恩施市农业技术推广中心', type: 'public_institution', parent: '恩施市农业农村局' },
  { side: 'a', name: '恩施市茶叶产业发展中心', type: 'public_institution', parent: '恩施市农业农村局' },
  // 江干区 (side B, 330104)
  { side: 'b', name: '江干区委组织部', type: 'party_government' },
  { side: 'b', name: '闸弄口街道办事处', type: 'party_government' },
  { side: 'b', name: '彭埠街道办事处', type: 'party_government' },
  { side: 'b', name: '凯旋街道办事处', type: 'party_government' },
  { side: 'b', name: '江干区人民医院', type: 'hospital' },
  { side: 'b', name: '江干区中医院', type: 'hospital' },
  { side: 'b', name: '采荷街道社区卫生服务中心', type: 'health_centre' },
  { side: 'b', name: '丁兰街道社区卫生服务中心', type: 'health_centre' },
  { side: 'b', name: '江干区教育局', type: 'party_government' },
  { side: 'b', name: '杭州市濮家幼儿园', type: 'kindergarten', parent: '江干区教育局' },
  { side: 'b', name: '江干区实验小学', type: 'school', parent: '江干区教育局' },
  { side: 'b', name: '杭州市采荷中学', type: 'school', parent: '江干区教育局' },
  { side: 'b', name: '江干区农业技术推广站', type: 'public_institution' },
];

/** One row of the import file, by column (Chinese headers in EXCHANGE_SEED_HEADERS). */
export interface ExchangeSeedRow {
  name: string;
  idNumber: string;
  gender: '男' | '女';
  ethnicity: string;
  /** 派出方: 恩施市, 江干区 or 江干區. */
  sending: string;
  form: string;
  category: '党政干部' | '专业技术人才';
  specialty: '' | '医疗卫生' | '教育' | '农业';
  homeUnit: string;
  homePost: string;
  hostUnit: string;
  hostPost: string;
  fullTime: '是' | '否';
  plannedStart: string;
  plannedEnd: string;
  actualStart: string;
  actualEnd: string;
  mentor: string;
  partyTransfer: '是' | '否';
  note: string;
}

export const EXCHANGE_SEED_HEADERS: Record<keyof ExchangeSeedRow, string> = {
  name: '姓名',
  idNumber: '身份证号',
  gender: '性别',
  ethnicity: '民族',
  sending: '派出方',
  form: '交流形式',
  category: '人员类别',
  specialty: '专业领域',
  homeUnit: '派出单位',
  homePost: '原职务',
  hostUnit: '接收单位',
  hostPost: '挂任职务',
  fullTime: '是否全职',
  plannedStart: '计划开始',
  plannedEnd: '计划结束',
  actualStart: '实际开始',
  actualEnd: '实际结束',
  mentor: '带教老师',
  partyTransfer: '党组织关系转接',
  note: '备注',
};

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程'.split('');
const GIVEN = [
  '建国',
  '海燕',
  '志强',
  '丽华',
  '文斌',
  '红梅',
  '国庆',
  '晓燕',
  '春生',
  '美玲',
  '德明',
  '玉兰',
  '永刚',
  '秀英',
  '俊杰',
  '小红',
  '家豪',
  '慧敏',
  '立新',
  '雪梅',
  '明辉',
  '淑芬',
  '卫东',
  '静怡',
];

const pad = (n: number) => String(n).padStart(2, '0');
const addDays = (day: string, days: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return addDays(d.toISOString().slice(0, 10), -1);
};

/** A valid ID number of the side's region, unique by `n` (birth date and sequence from it). */
function idNumber(n: number, region: string, gender: '男' | '女'): string {
  const birth = addDays('1966-01-01', n * 53);
  const seq = ((n % 400) * 2 + (gender === '男' ? 1 : 0)) % 1000;
  const first17 = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

type Kind = 'cadre' | 'medical' | 'education' | 'agriculture';

interface Plan {
  direction: 'a_to_b' | 'b_to_a';
  kind: Kind;
  count: number;
}

const PLANS: Plan[] = [
  { direction: 'a_to_b', kind: 'cadre', count: 13 },
  { direction: 'a_to_b', kind: 'medical', count: 69 },
  { direction: 'a_to_b', kind: 'education', count: 58 },
  { direction: 'b_to_a', kind: 'cadre', count: 3 },
  { direction: 'b_to_a', kind: 'medical', count: 23 },
  { direction: 'b_to_a', kind: 'education', count: 45 },
  { direction: 'b_to_a', kind: 'agriculture', count: 14 },
];

const UNITS: Record<'a_to_b' | 'b_to_a', Record<Kind, { home: string[]; host: string[] }>> = {
  a_to_b: {
    cadre: {
      home: [
        '恩施市舞阳坝街道办事处',
        '恩施市六角亭街道办事处',
        '中共恩施市委组织部',
        '恩施市扶贫开发办公室',
      ],
      host: ['闸弄口街道办事处', '彭埠街道办事处', '凯旋街道办事处', '江干区委组织部'],
    },
    medical: {
      home: ['恩施市中心医院', '恩施市中医医院', '恩施市妇幼保健院', '小渡船卫生院'],
      host: ['江干区人民医院', '江干区中医院', '采荷街道社区卫生服务中心', '丁兰街道社区卫生服务中心'],
    },
    education: {
      // Full paths and the side's name in front: the import matches both.
      home: ['恩施市教育局/恩施市第一中学', '恩施市实验小学', '恩施市孝感幼儿园'],
      host: ['杭州市采荷中学', '江干区/江干区教育局/江干区实验小学', '杭州市濮家幼儿园'],
    },
    agriculture: { home: [], host: [] },
  },
  b_to_a: {
    cadre: { home: ['闸弄口街道办事处', '彭埠街道办事处', '凯旋街道办事处'], host: ['恩施市人民政府'] },
    medical: {
      home: ['采荷街道社区卫生服务中心', '江干区人民医院', '江干区中医院', '丁兰街道社区卫生服务中心'],
      host: ['小渡船卫生院', '恩施市中心医院', '恩施市妇幼保健院', '恩施市中医医院'],
    },
    education: {
      home: ['杭州市濮家幼儿园', '江干区实验小学', '杭州市采荷中学'],
      host: ['恩施市孝感幼儿园', '恩施市实验小学', '恩施市第一中学'],
    },
    agriculture: {
      home: ['江干区农业技术推广站'],
      host: ['恩施市农业农村局/恩施市农业技术推广中心', '恩施市茶叶产业发展中心'],
    },
  },
};

const FORM: Record<'a_to_b' | 'b_to_a', Record<Kind, string>> = {
  a_to_b: { cadre: '挂职服务', medical: '跟岗学习', education: '跟岗学习', agriculture: '跟岗学习' },
  b_to_a: { cadre: '挂职服务', medical: '支医', education: '支教', agriculture: '交流指导' },
};
const HOME_POST: Record<Kind, string[]> = {
  cadre: ['街道党工委副书记', '科长', '副主任'],
  medical: ['主治医师', '副主任医师', '住院医师'],
  education: ['教师', '班主任', '教研组长'],
  agriculture: ['农艺师', '高级农艺师'],
};
const HOST_POST: Record<Kind, string[]> = {
  cadre: ['街道党工委委员（挂职）', '办事处副主任（挂职）'],
  medical: ['', '科室副主任（挂职）'],
  education: ['', '年级组副组长（挂职）'],
  agriculture: ['技术指导', '产业顾问'],
};
const SPECIALTY: Record<Kind, ExchangeSeedRow['specialty']> = {
  cadre: '',
  medical: '医疗卫生',
  education: '教育',
  agriculture: '农业',
};
/** Months a term lasts, by kind. */
const MONTHS: Record<Kind, number[]> = {
  cadre: [12, 24],
  medical: [3, 6, 18],
  education: [3, 6, 12],
  agriculture: [2, 3],
};

/** The seed's named people, in place of the first synthetic row of their kind and direction. */
const NAMED: Partial<ExchangeSeedRow>[] = [
  {
    name: '姚洪华',
    sending: '江干区',
    homeUnit: '闸弄口街道办事处',
    homePost: '街道党工委副书记、办事处主任',
    hostUnit: '恩施市人民政府',
    hostPost: '恩施市委常委、副市长',
    plannedStart: '2018-04-10',
    plannedEnd: '2020-04-09',
    actualStart: '2018-04-10',
    actualEnd: '2020-04-09',
    partyTransfer: '是',
  },
  {
    name: '何松青',
    sending: '江干區',
    homeUnit: '彭埠街道办事处',
    homePost: '综合治理科科长',
    hostUnit: '恩施市扶贫开发办公室',
    hostPost: '党组成员、副主任',
    plannedStart: '2018-04-10',
    plannedEnd: '2020-04-09',
    actualStart: '2018-04-10',
    actualEnd: '2020-04-09',
  },
  {
    name: '孙晓莺',
    gender: '女',
    sending: '江干区',
    homeUnit: '采荷街道社区卫生服务中心',
    homePost: '儿童保健科主治医生',
    hostUnit: '小渡船卫生院',
    hostPost: '副院长（挂职）',
    plannedStart: '2018-04-16',
    plannedEnd: '2019-10-15',
    actualStart: '2018-04-16',
    actualEnd: '2019-10-15',
  },
  {
    name: '曹高慧',
    gender: '女',
    sending: '江干区',
    homeUnit: '杭州市濮家幼儿园',
    homePost: '教师',
    hostUnit: '恩施市孝感幼儿园',
    hostPost: '班主任',
    plannedStart: '2018-06-01',
    plannedEnd: '2019-01-31',
    actualStart: '2018-06-01',
    actualEnd: '2019-01-31',
  },
  {
    name: '刘红玉',
    gender: '女',
    sending: '恩施市',
    homeUnit: '恩施市大峡谷风景区管理处',
    homePost: '医生',
    hostUnit: '丁兰街道社区卫生服务中心',
    hostPost: '',
    mentor: '丁兰社区带教老师',
    plannedStart: '2018-07-02',
    plannedEnd: '2018-09-30',
    actualStart: '2018-07-02',
    actualEnd: '2018-09-30',
  },
  {
    name: '周雄',
    gender: '男',
    sending: '恩施市',
    homeUnit: '恩施市中医医院',
    homePost: '医生',
    hostUnit: '采荷街道社区卫生服务中心',
    hostPost: '',
    mentor: '采荷社区针灸推拿科带教老师',
    plannedStart: '2018-07-02',
    plannedEnd: '2018-09-30',
    actualStart: '2018-07-02',
    actualEnd: '2018-09-30',
  },
];

/** The named people by direction and kind, in the order they replace synthetic rows. */
const NAMED_AT: Record<string, Partial<ExchangeSeedRow>[]> = {
  'b_to_a:cadre': [NAMED[0] as Partial<ExchangeSeedRow>, NAMED[1] as Partial<ExchangeSeedRow>],
  'b_to_a:medical': [NAMED[2] as Partial<ExchangeSeedRow>],
  'b_to_a:education': [NAMED[3] as Partial<ExchangeSeedRow>],
  'a_to_b:medical': [NAMED[4] as Partial<ExchangeSeedRow>, NAMED[5] as Partial<ExchangeSeedRow>],
};

function buildRows(): ExchangeSeedRow[] {
  const rows: ExchangeSeedRow[] = [];
  let n = 0;
  for (const plan of PLANS) {
    const units = UNITS[plan.direction][plan.kind];
    const enshi = plan.direction === 'a_to_b';
    for (let i = 0; i < plan.count; i++) {
      n += 1;
      const gender: '男' | '女' = n % 3 === 0 ? '女' : '男';
      const year = 2018 + (i % 3);
      const month = 3 + ((i * 5) % 8);
      const start = `${year}-${pad(month)}-${i % 2 === 0 ? '01' : '15'}`;
      const months = MONTHS[plan.kind][i % MONTHS[plan.kind].length] as number;
      const end = addMonths(start, months);
      const surname = SURNAMES[(n * 7) % SURNAMES.length] as string;
      const given = GIVEN[(n * 5 + Math.floor(n / SURNAMES.length)) % GIVEN.length] as string;
      const row: ExchangeSeedRow = {
        name: `${surname}${given}`,
        idNumber: idNumber(n, enshi ? '422801' : '330104', gender),
        gender,
        ethnicity: enshi && n % 2 === 0 ? '土家族' : '汉族',
        // A few rows name Jianggan in Traditional characters (江干區, never 江乾區).
        sending: enshi ? '恩施市' : i % 5 === 0 ? '江干區' : '江干区',
        form: FORM[plan.direction][plan.kind],
        category: plan.kind === 'cadre' ? '党政干部' : '专业技术人才',
        specialty: SPECIALTY[plan.kind],
        homeUnit: units.home[i % units.home.length] as string,
        homePost: HOME_POST[plan.kind][i % HOME_POST[plan.kind].length] as string,
        hostUnit: units.host[i % units.host.length] as string,
        hostPost: HOST_POST[plan.kind][i % HOST_POST[plan.kind].length] as string,
        fullTime: plan.kind === 'cadre' || i % 4 !== 3 ? '是' : '否',
        plannedStart: start,
        plannedEnd: end,
        actualStart: addDays(start, i % 3),
        actualEnd: end,
        mentor: plan.kind === 'cadre' ? '' : `带教老师${(i % 9) + 1}`,
        partyTransfer: plan.kind === 'cadre' && months >= 12 ? '是' : '否',
        note: '',
      };
      const named = NAMED_AT[`${plan.direction}:${plan.kind}`]?.[i];
      Object.assign(row, named ?? {});
      if (named?.gender) row.idNumber = idNumber(n, enshi ? '422801' : '330104', named.gender);
      rows.push(row);
    }
  }
  return rows;
}

/** The 225 rows of the seed (one person each). */
export const EXCHANGE_SEED_ROWS: readonly ExchangeSeedRow[] = buildRows();

/**
 * An xlsx of rows with the Chinese headers: dates as real xlsx dates on even rows and as text
 * (2018/4/1) on odd rows, ID numbers as text — what an office's sheet looks like.
 */
export async function exchangeSeedXlsx(
  rows: readonly Partial<ExchangeSeedRow>[] = EXCHANGE_SEED_ROWS,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('挂职交流');
  const keys = Object.keys(EXCHANGE_SEED_HEADERS) as (keyof ExchangeSeedRow)[];
  sheet.addRow(keys.map((k) => EXCHANGE_SEED_HEADERS[k]));
  const dateKeys = new Set(['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd']);
  rows.forEach((row, i) => {
    sheet.addRow(
      keys.map((k) => {
        const v = row[k] ?? '';
        if (!dateKeys.has(k) || !v) return v;
        if (i % 2 === 0) return new Date(`${v}T00:00:00Z`);
        const [y, m, d] = v.split('-');
        return `${y}/${Number(m)}/${Number(d)}`;
      }),
    );
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body for POST /secondments/imports: the file and the text fields. */
export function importUpload(
  file: Buffer,
  fields: Record<string, string>,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gx${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="secondments.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
