import type { CreateLecturerBody, CreateVenueBody } from '@ganxun/domain';
import { count } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import { lecturers, venues } from '../db/schema/index.js';
import type { RequestContext } from '../platform/context.js';
import { demoUnitId } from './directory.js';

/**
 * The lecturer pool and venues of the demo: the national and provincial experts the seeds' classes
 * heard (names invented), the party schools' own teachers, the provincial party school's rooms and
 * live-broadcast studio, Enshi's lecture hall, and the field-teaching sites in Shaoxing, Chun'an and
 * Jiaxing that the pairing's classes visited.
 */
const LECTURERS: CreateLecturerBody[] = [
  lecturer(
    'external',
    '李建国',
    '国家卫生健康委员会疾病预防控制局',
    '研究员',
    ['疫情防控', '公共卫生应急'],
    '13910012345',
  ),
  lecturer('external', '陈晓梅', '中国疾病预防控制中心', '主任医师', ['流行病学', '疫情防控'], '13810023456'),
  lecturer('external', '周明', '浙江大学公共管理学院', '教授', ['乡村振兴', '公共管理'], null),
  lecturer('external', '吴立新', '浙江工业大学经济学院', '教授', ['数字经济', '产业发展'], null),
  lecturer('external', '孙文华', '中共浙江省委党校', '教授', ['基层党建', '党的建设'], '13705712345'),
  lecturer(
    'internal',
    '刘振华',
    '中共湖北省委党校（湖北省行政学院）',
    '教授',
    ['党的建设', '思想破冰'],
    '13971234567',
  ),
  lecturer(
    'internal',
    '黄丽',
    '中共湖北省委党校（湖北省行政学院）',
    '副教授',
    ['应急管理', '风险管控'],
    null,
  ),
  lecturer('internal', '向东', '中共湖北省委党校（湖北省行政学院）', '讲师', ['舆情引导', '新闻传播'], null),
];

function lecturer(
  kind: CreateLecturerBody['kind'],
  name: string,
  affiliation: string,
  title: string,
  expertise: string[],
  mobile: string | null,
): CreateLecturerBody {
  return {
    kind,
    name,
    affiliation,
    title,
    expertise,
    mobile,
    email: null,
    biography: null,
    personId: null,
    status: 'active',
  };
}

type VenueSeed = Omit<CreateVenueBody, 'ownerUnitId'> & { owner: string };

const VENUES: VenueSeed[] = [
  venue('classroom', '省委党校大礼堂', '中共湖北省委党校（湖北省行政学院）', {
    capacity: 400,
    building: '礼堂',
    equipment: ['投影', '同声传译', '视频直播'],
    cityCode: '420100',
  }),
  venue('classroom', '教学楼201', '中共湖北省委党校（湖北省行政学院）', {
    capacity: 180,
    building: '教学楼',
    equipment: ['投影', '扩音'],
    cityCode: '420100',
  }),
  venue('classroom', '教学楼302研讨室', '中共湖北省委党校（湖北省行政学院）', {
    capacity: 40,
    building: '教学楼',
    equipment: ['投影', '圆桌'],
    cityCode: '420100',
  }),
  venue('online_room', '省委党校视频直播间', '中共湖北省委党校（湖北省行政学院）', {
    liveUrl: 'https://live.example.cn/hbdx/studio',
    replayUrl: 'https://live.example.cn/hbdx/replay',
  }),
  venue('classroom', '恩施市中心医院学术报告厅', '恩施市中心医院', {
    capacity: 200,
    building: '门诊楼',
    equipment: ['投影', '扩音'],
    cityCode: '422801',
  }),
  venue('field_site', '枫桥经验陈列馆', '中共杭州市委党校', {
    cityCode: '330681',
    address: '浙江省诸暨市枫桥镇',
  }),
  venue('field_site', '下姜村', '中共杭州市委党校', {
    cityCode: '330127',
    address: '浙江省杭州市淳安县枫树岭镇下姜村',
  }),
  venue('field_site', '南湖革命纪念馆', '中共杭州市委党校', {
    cityCode: '330402',
    address: '浙江省嘉兴市南湖区',
  }),
];

function venue(
  kind: CreateVenueBody['kind'],
  name: string,
  owner: string,
  rest: Partial<CreateVenueBody>,
): VenueSeed {
  return {
    kind,
    name,
    owner,
    capacity: null,
    building: null,
    equipment: [],
    address: null,
    cityCode: null,
    liveUrl: null,
    replayUrl: null,
    note: null,
    status: 'active',
    ...rest,
  };
}

/** Adds the pool and the venues unless some exist; returns a line for the demo's report. */
export async function loadPoolDemo(services: Services, db: Db, ctx: RequestContext): Promise<string> {
  const [l] = await db.select({ n: count() }).from(lecturers);
  const [v] = await db.select({ n: count() }).from(venues);
  if (Number(l?.n) > 0 || Number(v?.n) > 0) return 'lecturers and venues: already loaded';
  for (const body of LECTURERS) await services.lecturers.create(ctx, body);
  for (const { owner, ...body } of VENUES) {
    const ownerUnitId = await demoUnitId(db, owner);
    if (!ownerUnitId) throw new Error(`demo unit missing: ${owner}`);
    await services.venues.create(ctx, { ...body, ownerUnitId });
  }
  return `lecturers and venues: ${LECTURERS.length} lecturers, ${VENUES.length} venues`;
}
