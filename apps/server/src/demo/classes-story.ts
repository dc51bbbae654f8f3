import type { BudgetLine, ClassMode, ClassStatus } from '@ganxun/domain';

/** The tag of the classes the Enshi ↔ Jianggan pairing ran together (joint training, issue 7). */
export const PAIRING_TAG = '东西部协作·恩施市—江干区';

export type PoolName =
  | 'cities'
  | 'province'
  | 'enshi-cadres'
  | 'enshi-medical'
  | 'enshi-education'
  | 'enshi-pros';

/** A class of the demo's story: what the seeds report, with invented dates where they give none. */
export interface StoryClass {
  key: string;
  name: string;
  kind: string;
  lead: string;
  co?: string[];
  host?: string;
  city?: string;
  venue?: string;
  mode?: ClassMode;
  start: string | null;
  end: string | null;
  capacity?: number;
  audience?: string;
  topics?: string[];
  tags?: string[];
  status: ClassStatus;
  pool: PoolName;
  /** How many were trained (enrolled and completed). */
  trained: number;
  selfRegistration?: boolean;
  waitlist?: boolean;
  description?: string;
  budget?: BudgetLine[];
}

/** A living class: dated from the day the demo is loaded. */
export type LivingClass = Omit<StoryClass, 'start' | 'end'> & { startOffset?: number; days?: number };

const SCHOOL = '中共湖北省委党校（湖北省行政学院）';
const ORG = '中共湖北省委组织部';
const ENSHI_ORG = '中共恩施市委组织部';
const JG_ORG = '中共杭州市江干区委组织部';
const ES_WJJ = '恩施市卫生健康局';
const ES_JYJ = '恩施市教育局';
const JG_WJJ = '杭州市江干区卫生健康局';
const JG_JYJ = '杭州市江干区教育局';

/** The 2021 series "以‘思想破冰’引领高质量发展": 17 seminars, 2,510 trained (the first 11 topics are the seed's). */
const SERIES: [topic: string, co: string, size: number][] = [
  ['学习贯彻党的十九届五中全会精神', ORG, 150],
  ['党建引领基层社会治理', ORG, 148],
  ['科技创新', '湖北省科学技术厅', 160],
  ['“赋能制造”', '湖北省经济和信息化厅', 142],
  ['自然资源管理', '湖北省自然资源厅', 155],
  ['智慧城市建设', '湖北省住房和城乡建设厅', 138],
  ['应急能力提升', '湖北省应急管理厅', 147],
  ['总体国家安全观', '湖北省国家安全厅', 152],
  ['水资源保护与高效利用', '湖北省水利厅', 145],
  ['全面深化医疗保障制度改革', '湖北省医疗保障局', 140],
  ['巩固拓展脱贫攻坚成果同乡村振兴有效衔接', '湖北省乡村振兴局', 158],
  ['优化营商环境', '湖北省发展和改革委员会', 136],
  ['数字经济发展', '湖北省经济和信息化厅', 150],
  ['生态文明建设', '湖北省自然资源厅', 149],
  ['防范化解重大风险', '湖北省应急管理厅', 144],
  ['民政事业高质量发展', '湖北省民政厅', 151],
  ['农业农村现代化', '湖北省农业农村厅', 145],
];

function seriesClasses(): StoryClass[] {
  return SERIES.map(([topic, co, size], i) => {
    const month = 3 + Math.floor((i * 10) / SERIES.length);
    const day = 8 + ((i * 9) % 15);
    const start = `2021-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const end = `2021-${String(month).padStart(2, '0')}-${String(day + 2).padStart(2, '0')}`;
    return {
      key: `series-${i + 1}`,
      name: `以“思想破冰”引领高质量发展系列专题研讨班（${topic}）`,
      kind: 'seminar',
      lead: SCHOOL,
      co: co === ORG ? [ORG] : [ORG, co],
      host: SCHOOL,
      city: '420100',
      venue: '省委党校教学楼',
      start,
      end,
      capacity: size + 10,
      topics: [topic],
      audience: '省直有关单位和各市州县分管负责同志',
      status: 'archived',
      pool: 'province',
      trained: size,
    } satisfies StoryClass;
  });
}

const LEADERSHIP: [
  name: string,
  host: string,
  start: string,
  days: number,
  size: number,
  topics: string[],
][] = [
  ['恩施市脱贫攻坚能力提升专题培训班', '浙江大学', '2018-06-11', 5, 120, ['脱贫攻坚']],
  ['恩施市精准扶贫与乡村振兴专题培训班', '中共杭州市委党校', '2018-10-15', 5, 130, ['精准扶贫', '乡村振兴']],
  ['恩施市基层党建工作专题培训班', '中共杭州市委党校', '2019-05-13', 5, 150, ['基层党建']],
  ['恩施市智慧城市建设与招商引资专题培训班', '浙江大学', '2019-09-16', 5, 140, ['智慧城市', '招商引资']],
  ['恩施市金融管理与乡村振兴专题培训班', '浙江大学', '2019-11-11', 5, 114, ['金融管理', '乡村振兴']],
  ['第一期东西部协作干部人才培训班', '中共杭州市委党校', '2020-07-01', 7, 40, ['东西部协作', '脱贫攻坚']],
  ['恩施市党政领导干部人才服务高质量发展专题研修班', '浙江大学', '2020-07-10', 7, 56, ['高质量发展']],
];

const PROFESSIONAL: [name: string, pool: PoolName, start: string, days: number, size: number][] = [
  ['骨关节感染中西医治疗进展培训班', 'enshi-medical', '2018-05-14', 2, 48],
  ['高血压的自我管理培训班', 'enshi-medical', '2018-05-28', 2, 45],
  ['基层常见病多发病诊疗培训班', 'enshi-medical', '2018-06-18', 2, 40],
  ['中医针灸推拿适宜技术培训班', 'enshi-medical', '2018-07-09', 2, 42],
  ['儿童保健与预防接种培训班', 'enshi-medical', '2018-07-23', 2, 46],
  ['急诊急救能力提升培训班', 'enshi-medical', '2018-08-13', 2, 38],
  ['糖尿病规范化管理培训班', 'enshi-medical', '2018-08-27', 2, 44],
  ['院感防控培训班', 'enshi-medical', '2018-09-10', 2, 41],
  ['护理质量管理培训班', 'enshi-medical', '2018-09-25', 2, 43],
  ['基本公共卫生服务培训班', 'enshi-medical', '2018-10-22', 2, 39],
  ['家庭医生签约服务培训班', 'enshi-medical', '2018-11-05', 2, 47],
  ['医学影像诊断培训班', 'enshi-medical', '2018-11-19', 2, 42],
  ['教育集团化办学培训班', 'enshi-education', '2018-07-16', 5, 18],
  ['农村初中骨干教师培训班', 'enshi-education', '2018-08-06', 5, 15],
  ['教育信息技术应用能力培训班', 'enshi-education', '2018-10-08', 5, 14],
  ['中职骨干教师培训班', 'enshi-education', '2018-11-12', 5, 12],
  ['东西部协作卫生健康管理人才培训班', 'enshi-medical', '2019-04-15', 3, 95],
  ['卫健系统“9S”管理及互联网+医疗健康培训班', 'enshi-medical', '2019-05-20', 3, 88],
  ['东西部协作农业科技人才培训班', 'enshi-pros', '2019-06-10', 3, 72],
  ['东西部协作中小学校长骨干研修班', 'enshi-education', '2019-07-08', 5, 60],
  ['东西部扶贫协作卫生健康系统管理干部培训班', 'enshi-medical', '2019-08-01', 3, 75],
  ['乡镇卫生院院长能力提升培训班', 'enshi-medical', '2019-08-26', 3, 68],
  ['中小学班主任专业能力提升培训班', 'enshi-education', '2019-09-09', 3, 70],
  ['全科医生转岗培训班', 'enshi-medical', '2019-09-23', 3, 66],
  ['学前教育骨干教师培训班', 'enshi-education', '2019-10-14', 3, 74],
  ['公共卫生应急处置培训班', 'enshi-medical', '2019-10-28', 3, 62],
  ['中小学信息化教学能力提升班', 'enshi-education', '2019-11-11', 3, 80],
  ['中医药适宜技术推广培训班', 'enshi-medical', '2019-11-25', 3, 58],
  ['心理健康教育教师培训班', 'enshi-education', '2019-12-09', 3, 62],
  ['全市医疗卫生系统管理干部人才培训班', 'enshi-medical', '2020-07-20', 5, 80],
];

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function pairingClasses(): StoryClass[] {
  const leadership = LEADERSHIP.map(
    ([name, host, start, days, size, topics], i): StoryClass => ({
      key: i === LEADERSHIP.length - 1 ? 'lead-2020' : `lead-${i + 1}`,
      name,
      kind: 'leadership',
      lead: ENSHI_ORG,
      co: [JG_ORG],
      host,
      city: '330100',
      venue: host,
      start,
      end: addDays(start, days - 1),
      capacity: size,
      topics,
      tags: [PAIRING_TAG],
      audience: '恩施市各乡镇办、市直单位党政领导干部',
      status: 'archived',
      pool: 'enshi-cadres',
      trained: size,
    }),
  );
  const professional = PROFESSIONAL.map(([name, pool, start, days, size], i): StoryClass => {
    const medical = pool === 'enshi-medical';
    const lead = pool === 'enshi-pros' ? '恩施市农业农村局' : medical ? ES_WJJ : ES_JYJ;
    return {
      key: i === PROFESSIONAL.length - 1 ? 'pro-2020' : `pro-${i + 1}`,
      name,
      kind: 'professional',
      lead,
      co: [medical ? JG_WJJ : JG_JYJ],
      city: medical ? '422801' : '330100',
      venue: medical ? '恩施市中心医院学术报告厅' : '杭州市江干区教师进修学校',
      start,
      end: addDays(start, days - 1),
      capacity: size,
      tags: [PAIRING_TAG],
      status: start < '2020-01-01' ? 'archived' : 'completed',
      pool,
      trained: size,
    };
  });
  return [...leadership, ...professional];
}

/** Every class of the seeds' story, oldest first. */
export const CLASS_STORY: StoryClass[] = [
  ...pairingClasses(),
  ...seriesClasses(),
  {
    key: 'covid',
    name: '市县党政干部新冠肺炎疫情防控专题培训班',
    kind: 'special',
    lead: '湖北省新冠肺炎疫情防控指挥部',
    co: [ORG, SCHOOL],
    host: SCHOOL,
    city: '420100',
    venue: '省委党校大礼堂',
    mode: 'blended',
    start: '2022-01-13',
    end: '2022-01-14',
    capacity: 300,
    topics: ['常态化疫情防控', '应急指挥', '风险管控', '舆情引导'],
    audience:
      '各市州县主持疫情防控指挥部日常工作的副指挥长、主持指挥部办公室日常工作的负责同志，卫生健康部门负责同志',
    status: 'completed',
    pool: 'cities',
    trained: 289,
    description:
      '由省疫情防控指挥部会同省委组织部、省委党校共同举办。国家卫健委专家理论讲授，防控一线领导经验交流，线上视频直播政策解读、互动答疑，线下现场交流研讨。',
    budget: [
      { item: '师资费', amount: 36000, note: null },
      { item: '场地及设备', amount: 12000, note: '大礼堂两天' },
      { item: '食宿', amount: 126000, note: '300人两天' },
      { item: '资料印制', amount: 6000, note: null },
    ],
  },
];

/** The living part of the demo, dated from the day it is loaded. */
export const LIVING: LivingClass[] = [
  {
    key: 'live-seminar',
    name: '全省市县党政干部巩固拓展脱贫攻坚成果同乡村振兴有效衔接专题研讨班',
    kind: 'seminar',
    lead: SCHOOL,
    co: [ORG, '湖北省乡村振兴局'],
    host: SCHOOL,
    city: '420100',
    venue: '省委党校教学楼201',
    startOffset: 21,
    days: 3,
    capacity: 170,
    topics: ['乡村振兴', '巩固拓展脱贫攻坚成果'],
    audience: '各市州县分管乡村振兴工作的负责同志',
    status: 'published',
    pool: 'cities',
    trained: 0,
    waitlist: true,
  },
  {
    key: 'live-running',
    name: '恩施市卫生健康系统管理干部能力提升班（东西部协作）',
    kind: 'professional',
    lead: ES_WJJ,
    co: [JG_WJJ],
    city: '422801',
    venue: '恩施市中心医院学术报告厅',
    startOffset: 0,
    days: 5,
    capacity: 50,
    tags: [PAIRING_TAG],
    status: 'in_progress',
    pool: 'enshi-medical',
    trained: 45,
  },
  {
    key: 'live-open',
    name: '数字政府建设网络专题班',
    kind: 'online',
    lead: SCHOOL,
    mode: 'online',
    startOffset: 30,
    days: 1,
    capacity: 500,
    audience: '全省党员干部自愿报名',
    status: 'published',
    pool: 'cities',
    trained: 0,
    selfRegistration: true,
  },
  {
    key: 'live-draft',
    name: '2027年全省组织部长任职培训班',
    kind: 'induction',
    lead: SCHOOL,
    co: [ORG],
    status: 'draft',
    pool: 'cities',
    trained: 0,
  },
];
