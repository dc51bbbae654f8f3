import { idCheckChar } from '@ganxun/domain';
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db, Executor } from '../db/client.js';
import {
  classCodeCounters,
  classEvents,
  classes,
  classGroups,
  classSessionLecturers,
  classSessions,
  enrollments,
  lecturers,
  nominations,
  people,
  timetableChanges,
  timetables,
  units,
  users,
  venues,
} from '../db/schema/index.js';
import { personColumns } from '../modules/people/record.js';
import { findingKey } from '../modules/sessions/conflicts.js';
import type { RequestContext } from '../platform/context.js';
import { PAIRING_TAG } from './classes-story.js';

/**
 * Timetables of the demo (issue 5):
 * - the seeds' two-day class of January 2022 on epidemic control: opening ceremony, national
 *   experts' lectures, frontline experience exchange, an online live policy briefing with Q&A, the
 *   offline plenary discussion and the closing ceremony — published before the class;
 * - a week-long leadership class of the Enshi ↔ Jianggan pairing in Zhejiang, starting the Monday
 *   a week or more after the demo is loaded, with 40 Enshi cadres (刘红玉 among them, so the demo
 *   trainee's phone shows a week): lectures in the mornings, field teaching in three cities
 *   (Zhuji's 枫桥, Chun'an's 下姜村, Jiaxing's 南湖), group discussions, travel days — published, with
 *   one travel warning acknowledged (Hangzhou → 枫桥 over lunch, 90 minutes where 120 are assumed);
 * - the living classes: the class in progress (published), the seminar in three weeks (a draft),
 *   the open online class (published).
 * No lecturer or venue is booked twice across classes (checked by the demo test with the domain's
 * `timetableConflicts`). The party school's 刘振华 is linked to a person with a user account
 * (`liuzhenhua`), so "my teaching" shows his sessions.
 */

export const LEADERSHIP_CLASS_NAME = '恩施市党政领导干部基层治理与乡村振兴专题研修班（东西部协作）';
export const LECTURER_USERNAME = 'liuzhenhua';
const LECTURER_PASSWORD = 'Ganxun@2026';

const SCHOOL = '中共湖北省委党校（湖北省行政学院）';

type Role = 'speaker' | 'host' | 'commentator';

interface Item {
  day: number;
  start: string;
  end: string;
  type: string;
  title: string;
  venue?: string;
  location?: string;
  lecturers?: [name: string, role?: Role][];
  /** Group indexes (0-based) of the class; whole class when left out. */
  groups?: number[];
  attendanceRequired?: boolean;
  hours?: number | null;
  description?: string;
}

/** The seeds' class: 13–14 January 2022 at the provincial party school. */
const COVID: Item[] = [
  {
    day: 0,
    start: '09:00',
    end: '09:40',
    type: 'ceremony_open',
    title: '开班式',
    venue: '省委党校大礼堂',
    hours: 0,
    description:
      '副省长出席并讲话：强化“四大思维”、提升“三大能力”、锤炼“三大素养”。省委组织部、省卫健委负责同志出席。宣布学习纪律。',
  },
  {
    day: 0,
    start: '09:50',
    end: '11:50',
    type: 'lecture',
    title: '常态化疫情防控形势分析与科学精准防控',
    venue: '省委党校大礼堂',
    lecturers: [['李建国'], ['黄丽', 'host']],
  },
  {
    day: 0,
    start: '14:30',
    end: '16:30',
    type: 'lecture',
    title: '流行病学调查与局部聚集性疫情应急处置',
    venue: '省委党校大礼堂',
    lecturers: [['陈晓梅']],
  },
  {
    day: 0,
    start: '16:40',
    end: '17:40',
    type: 'experience',
    title: '防控一线实践经验交流',
    venue: '省委党校大礼堂',
    lecturers: [['黄丽', 'host']],
    description: '武汉市、宜昌市、十堰市疫情防控指挥部负责同志交流发言。',
  },
  {
    day: 1,
    start: '08:30',
    end: '10:00',
    type: 'live',
    title: '线上视频直播：常态化疫情防控和局部应急处置政策解读',
    venue: '省委党校视频直播间',
    lecturers: [['李建国'], ['向东', 'host']],
    description: '学员在大礼堂收看直播；各市州县分会场同步收看。',
  },
  {
    day: 1,
    start: '10:10',
    end: '11:40',
    type: 'qa',
    title: '互动答疑：疫情防控政策与应急指挥',
    venue: '省委党校视频直播间',
    lecturers: [['李建国'], ['陈晓梅'], ['向东', 'host']],
  },
  {
    day: 1,
    start: '14:00',
    end: '16:00',
    type: 'discussion',
    title: '线下大会现场交流研讨',
    venue: '省委党校大礼堂',
    lecturers: [
      ['刘振华', 'host'],
      ['黄丽', 'commentator'],
    ],
    description: '各市州县代表围绕应急指挥、风险管控、舆情引导发言，专家点评。',
  },
  {
    day: 1,
    start: '16:20',
    end: '17:00',
    type: 'ceremony_close',
    title: '结业式',
    venue: '省委党校大礼堂',
    hours: 0,
    description: '副省长出席并讲话：以“学”促“思”、以“思”促“行”、以“行”促“效”、以“效”明“责”。',
  },
];

const HZ_SCHOOL = '中共杭州市委党校';

/** The pairing's leadership class: Monday to Sunday in Zhejiang. */
const LEADERSHIP: Item[] = [
  {
    day: 0,
    start: '08:00',
    end: '13:30',
    type: 'other',
    title: '赴杭：恩施—杭州（乘机）',
    location: '恩施许家坪机场 → 杭州萧山国际机场',
    attendanceRequired: false,
    hours: 0,
  },
  {
    day: 0,
    start: '15:00',
    end: '15:40',
    type: 'ceremony_open',
    title: '开班式',
    location: `${HZ_SCHOOL} 报告厅`,
    hours: 0,
    description: '恩施市委组织部、江干区委组织部负责同志出席并讲话。',
  },
  {
    day: 0,
    start: '16:00',
    end: '17:30',
    type: 'lecture',
    title: '东西部协作与共同富裕',
    location: `${HZ_SCHOOL} 报告厅`,
    lecturers: [['孙文华']],
  },
  {
    day: 1,
    start: '08:30',
    end: '11:30',
    type: 'lecture',
    title: '“枫桥经验”与新时代基层社会治理',
    location: `${HZ_SCHOOL} 报告厅`,
    lecturers: [['周明']],
  },
  {
    // Lunch on the coach: 90 minutes to Zhuji where the settings assume 120 (acknowledged).
    day: 1,
    start: '13:00',
    end: '16:30',
    type: 'field',
    title: '现场教学：枫桥经验陈列馆',
    venue: '枫桥经验陈列馆',
    lecturers: [['周明', 'commentator']],
    description: '11:40 乘车出发，车上午餐（车程约70分钟）。',
  },
  {
    day: 2,
    start: '08:30',
    end: '11:30',
    type: 'lecture',
    title: '数字经济与县域产业发展',
    location: `${HZ_SCHOOL} 报告厅`,
    lecturers: [['吴立新']],
  },
  {
    day: 2,
    start: '14:00',
    end: '17:00',
    type: 'discussion',
    title: '分组研讨：基层治理（第一、二组）',
    location: `${HZ_SCHOOL} 研讨室一`,
    groups: [0, 1],
    lecturers: [['孙文华', 'commentator']],
  },
  {
    day: 2,
    start: '14:00',
    end: '17:00',
    type: 'discussion',
    title: '分组研讨：乡村振兴（第三、四组）',
    location: `${HZ_SCHOOL} 研讨室二`,
    groups: [2, 3],
    lecturers: [['吴立新', 'commentator']],
  },
  {
    day: 3,
    start: '09:30',
    end: '11:30',
    type: 'field',
    title: '现场教学：下姜村——从“穷脚窝”到“绿富美”',
    venue: '下姜村',
    description: '07:30 乘车赴淳安。',
  },
  {
    day: 3,
    start: '13:30',
    end: '16:30',
    type: 'study_visit',
    title: '考察调研：下姜村及周边村乡村振兴联合体',
    venue: '下姜村',
  },
  {
    day: 4,
    start: '09:30',
    end: '11:30',
    type: 'field',
    title: '现场教学：南湖红船——“红船精神”的时代内涵',
    venue: '南湖革命纪念馆',
    lecturers: [['孙文华']],
    description: '07:30 乘车赴嘉兴。',
  },
  {
    day: 4,
    start: '14:00',
    end: '16:00',
    type: 'study_visit',
    title: '考察调研：嘉兴市南湖区基层党建阵地',
    venue: '南湖革命纪念馆',
  },
  {
    day: 5,
    start: '08:30',
    end: '11:30',
    type: 'discussion',
    title: '全班交流研讨：学习成果汇报',
    location: `${HZ_SCHOOL} 报告厅`,
    lecturers: [
      ['孙文华', 'commentator'],
      ['周明', 'commentator'],
    ],
  },
  {
    day: 5,
    start: '14:30',
    end: '15:30',
    type: 'ceremony_close',
    title: '结业式',
    location: `${HZ_SCHOOL} 报告厅`,
    hours: 0,
  },
  {
    day: 6,
    start: '08:30',
    end: '14:00',
    type: 'other',
    title: '返程：杭州—恩施（乘机）',
    location: '杭州萧山国际机场 → 恩施许家坪机场',
    attendanceRequired: false,
    hours: 0,
  },
];

const ES_HALL = '恩施市中心医院学术报告厅';

/** The class in progress in Enshi (five days from today). */
const RUNNING: Item[] = [
  { day: 0, start: '09:00', end: '09:30', type: 'ceremony_open', title: '开班式', venue: ES_HALL, hours: 0 },
  {
    day: 0,
    start: '09:45',
    end: '11:45',
    type: 'lecture',
    title: '公立医院高质量发展与现代医院管理',
    venue: ES_HALL,
    lecturers: [['周明']],
  },
  {
    day: 0,
    start: '14:30',
    end: '17:00',
    type: 'lecture',
    title: '卫生应急管理与风险管控',
    venue: ES_HALL,
    lecturers: [['黄丽']],
  },
  {
    day: 1,
    start: '08:30',
    end: '11:30',
    type: 'experience',
    title: '江干区卫健系统“最多跑一次”改革经验交流',
    venue: ES_HALL,
  },
  {
    day: 1,
    start: '14:30',
    end: '17:00',
    type: 'discussion',
    title: '分组研讨（第一、二组）',
    venue: ES_HALL,
    groups: [0, 1],
  },
  {
    day: 1,
    start: '14:30',
    end: '17:00',
    type: 'discussion',
    title: '分组研讨（第三、四组）',
    location: '恩施市中心医院行政楼三楼会议室',
    groups: [2, 3],
  },
  {
    day: 2,
    start: '08:30',
    end: '11:30',
    type: 'lecture',
    title: '传染病监测预警与应急处置',
    venue: ES_HALL,
    lecturers: [['陈晓梅']],
  },
  {
    day: 2,
    start: '14:30',
    end: '17:00',
    type: 'study_visit',
    title: '考察调研：恩施市中心医院互联网医院',
    location: '恩施市中心医院',
  },
  {
    day: 3,
    start: '08:30',
    end: '11:30',
    type: 'lecture',
    title: '卫生健康领域舆情应对',
    venue: ES_HALL,
    lecturers: [['向东']],
  },
  {
    day: 3,
    start: '14:30',
    end: '16:30',
    type: 'lecture',
    title: '党建引领公立医院高质量发展',
    venue: ES_HALL,
    lecturers: [['刘振华']],
  },
  { day: 4, start: '08:30', end: '10:30', type: 'exam', title: '结业测试', venue: ES_HALL },
  { day: 4, start: '10:45', end: '11:30', type: 'ceremony_close', title: '结业式', venue: ES_HALL, hours: 0 },
];

/** The seminar in three weeks, still a draft. */
const SEMINAR: Item[] = [
  {
    day: 0,
    start: '09:00',
    end: '09:30',
    type: 'ceremony_open',
    title: '开班式',
    venue: '教学楼201',
    hours: 0,
  },
  {
    day: 0,
    start: '09:40',
    end: '11:40',
    type: 'lecture',
    title: '巩固拓展脱贫攻坚成果同乡村振兴有效衔接的政策要求',
    venue: '教学楼201',
    lecturers: [['刘振华']],
  },
  {
    day: 0,
    start: '14:30',
    end: '17:00',
    type: 'lecture',
    title: '浙江“千万工程”的经验与启示',
    venue: '教学楼201',
    lecturers: [['周明']],
  },
  {
    day: 1,
    start: '08:30',
    end: '11:30',
    type: 'experience',
    title: '市县乡村振兴经验交流',
    venue: '教学楼201',
    lecturers: [['刘振华', 'host']],
  },
  {
    day: 1,
    start: '14:30',
    end: '17:00',
    type: 'discussion',
    title: '专题研讨：防止规模性返贫',
    venue: '教学楼201',
  },
  { day: 2, start: '09:00', end: '11:00', type: 'discussion', title: '大会交流', venue: '教学楼201' },
  {
    day: 2,
    start: '11:00',
    end: '11:30',
    type: 'ceremony_close',
    title: '结业式',
    venue: '教学楼201',
    hours: 0,
  },
];

/** The open online class (one day). */
const ONLINE: Item[] = [
  {
    day: 0,
    start: '09:00',
    end: '11:00',
    type: 'live',
    title: '数字政府建设的形势与任务',
    venue: '省委党校视频直播间',
    lecturers: [['吴立新']],
  },
  {
    day: 0,
    start: '14:00',
    end: '15:30',
    type: 'live',
    title: '政务数据共享与网络舆情',
    venue: '省委党校视频直播间',
    lecturers: [['向东']],
  },
  {
    day: 0,
    start: '15:40',
    end: '16:30',
    type: 'qa',
    title: '在线互动答疑',
    venue: '省委党校视频直播间',
    lecturers: [['吴立新'], ['向东', 'host']],
  },
];

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (iso: string, time: string) => new Date(`${iso}T${time}:00+08:00`);

/** The Monday on or after `days` days from `iso`. */
function mondayAfter(iso: string, days: number): string {
  const d = addDays(iso, days);
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return addDays(d, (8 - weekday) % 7);
}

interface Refs {
  lecturer: Map<string, string>;
  venue: Map<string, string>;
  officer: string | null;
}

interface Laid {
  classId: string;
  startDate: string;
  items: Item[];
  groupIds?: string[];
  publish?: { at: Date; acknowledge?: (ids: string[]) => string[] } | null;
}

/** Inserts a class's items; returns the ids in order. */
async function lay(tx: Executor, refs: Refs, x: Laid): Promise<string[]> {
  const ids: string[] = [];
  const created = x.publish ? new Date(x.publish.at.getTime() - 7 * 86_400_000) : new Date();
  for (const item of x.items) {
    const date = addDays(x.startDate, item.day);
    const venueId = item.venue ? refs.venue.get(item.venue) : null;
    if (item.venue && !venueId) throw new Error(`demo venue missing: ${item.venue}`);
    const [row] = await tx
      .insert(classSessions)
      .values({
        classId: x.classId,
        type: item.type,
        title: item.title,
        startsAt: at(date, item.start),
        endsAt: at(date, item.end),
        venueId: venueId ?? null,
        location: item.location ?? null,
        groupIds: item.groups ? item.groups.map((g) => x.groupIds?.[g] ?? '') : null,
        attendanceRequired: item.attendanceRequired ?? true,
        hours: item.hours ?? null,
        description: item.description ?? null,
        createdBy: refs.officer,
        createdAt: created,
        updatedAt: created,
      })
      .returning({ id: classSessions.id });
    if (!row) throw new Error('demo session not inserted');
    ids.push(row.id);
    const people = item.lecturers ?? [];
    if (people.length) {
      await tx.insert(classSessionLecturers).values(
        people.map(([name, role], position) => {
          const lecturerId = refs.lecturer.get(name);
          if (!lecturerId) throw new Error(`demo lecturer missing: ${name}`);
          return { sessionId: row.id, lecturerId, role: role ?? 'speaker', position };
        }),
      );
    }
  }
  const acknowledged = x.publish?.acknowledge?.(ids) ?? [];
  await tx.insert(timetables).values({
    classId: x.classId,
    status: x.publish ? 'published' : 'draft',
    publishedVersion: x.publish ? 1 : 0,
    publishedAt: x.publish?.at ?? null,
    publishedBy: x.publish ? refs.officer : null,
    acknowledged,
    updatedAt: x.publish?.at ?? created,
  });
  if (x.publish) {
    await tx.insert(timetableChanges).values({
      classId: x.classId,
      kind: 'published',
      afterPublication: false,
      acknowledged,
      note: acknowledged.length ? '杭州至诸暨枫桥车程约70分钟，已安排车上午餐。' : null,
      changedBy: refs.officer,
      changedAt: x.publish.at,
    });
  }
  return ids;
}

async function nextCode(tx: Executor, year: number): Promise<string> {
  const [row] = await tx
    .insert(classCodeCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: classCodeCounters.year, set: { last: sql`${classCodeCounters.last} + 1` } })
    .returning({ last: classCodeCounters.last });
  return `${year}-${String(row?.last ?? 1).padStart(3, '0')}`;
}

async function unitId(tx: Executor, name: string): Promise<string> {
  const [row] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.name, name), isNull(units.mergedInto)));
  if (!row) throw new Error(`demo unit missing: ${name}`);
  return row.id;
}

/** The pairing's week in Zhejiang, with 40 Enshi cadres in four groups (刘红玉 in the second). */
async function insertLeadershipClass(
  tx: Executor,
  start: string,
): Promise<{ id: string; groupIds: string[] }> {
  const lead = await unitId(tx, '中共恩施市委组织部');
  const co = await unitId(tx, '中共杭州市江干区委组织部');
  const host = await unitId(tx, HZ_SCHOOL);
  const end = addDays(start, 6);
  const year = Number(start.slice(0, 4));
  const [row] = await tx
    .insert(classes)
    .values({
      code: await nextCode(tx, year),
      year,
      name: LEADERSHIP_CLASS_NAME,
      kind: 'leadership',
      topics: ['基层治理', '乡村振兴', '东西部协作'],
      leadOrganiserId: lead,
      coOrganiserIds: [co],
      hostInstitutionId: host,
      cityCode: '330100',
      venue: HZ_SCHOOL,
      mode: 'offline',
      startDate: start,
      endDate: end,
      capacity: 40,
      targetAudience: '恩施市各乡镇办、市直单位党政领导干部',
      nominationDeadline: at(addDays(start, -7), '18:00'),
      tags: [PAIRING_TAG],
      description: '上午专题讲授，下午现场教学：诸暨枫桥、淳安下姜村、嘉兴南湖；分组研讨，结业交流。',
      status: 'nominations_closed',
      budget: [
        { item: '师资费', amount: 48000, note: null },
        { item: '现场教学及交通', amount: 36000, note: '三地大巴' },
        { item: '食宿', amount: 84000, note: '40人7天' },
      ],
    })
    .returning({ id: classes.id });
  if (!row) throw new Error('demo class not inserted');
  const classId = row.id;
  await tx.insert(classEvents).values([
    { classId, kind: 'created', at: at(addDays(start, -40), '10:00') },
    {
      classId,
      kind: 'transition',
      action: 'publish',
      fromStatus: 'draft',
      toStatus: 'published',
      at: at(addDays(start, -30), '10:00'),
    },
    {
      classId,
      kind: 'transition',
      action: 'close_nominations',
      fromStatus: 'published',
      toStatus: 'nominations_closed',
      at: at(addDays(start, -7), '18:00'),
    },
  ]);
  const groupIds: string[] = [];
  for (const [g, name] of ['第一组', '第二组', '第三组', '第四组'].entries()) {
    const [gr] = await tx
      .insert(classGroups)
      .values({ classId, name, sortOrder: g })
      .returning({ id: classGroups.id });
    if (gr) groupIds.push(gr.id);
  }
  const cadres = await tx
    .select({ id: people.id, name: people.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(eq(units.regionCode, '422801'), eq(people.category, 'cadre'), sql`${units.type} <> 'party_school'`),
    )
    .orderBy(asc(people.namePinyin), asc(people.id));
  const liu = cadres.find((p) => p.name === '刘红玉');
  const chosen = [...(liu ? [liu] : []), ...cadres.filter((p) => p !== liu)].slice(0, 40);
  const noms = await tx
    .insert(nominations)
    .values(
      chosen.map((p) => ({
        classId,
        personId: p.id,
        status: 'approved' as const,
        createdAt: at(addDays(start, -20), '15:00'),
        decidedAt: at(addDays(start, -9), '10:00'),
      })),
    )
    .returning({ id: nominations.id, personId: nominations.personId });
  await tx.insert(enrollments).values(
    noms.map((n, k) => ({
      classId,
      personId: n.personId,
      nominationId: n.id,
      // 刘红玉 (first) is in the second group.
      groupId: groupIds[(k + 1) % 4] ?? null,
      role:
        k === 1 ? ('monitor' as const) : k >= 2 && k < 6 ? ('group_leader' as const) : ('member' as const),
      arrivalTransport: 'flight' as const,
      arrivalNumber: 'MU2569',
      arrivalAt: at(start, '13:30'),
      returnTicketNeeded: true,
      accommodation: `${HZ_SCHOOL}学员公寓${300 + k}室`,
    })),
  );
  return { id: classId, groupIds };
}

/**
 * The 刘振华 of the lecturer pool teaches at the provincial party school: give him a person record
 * there and a user account (no role: a lecturer reads the timetables of the classes he teaches).
 */
async function linkLecturer(
  services: Services,
  db: Db,
  ctx: RequestContext,
  lecturerId: string,
): Promise<void> {
  const [already] = await db
    .select({ id: lecturers.personId })
    .from(lecturers)
    .where(eq(lecturers.id, lecturerId));
  if (already?.id) return;
  const existing = await services.users.findByUsername(LECTURER_USERNAME);
  const userId =
    existing?.id ??
    (
      await services.users.create(ctx, {
        username: LECTURER_USERNAME,
        displayName: '刘振华',
        password: LECTURER_PASSWORD,
        locale: 'zh-CN',
        mustChangePassword: false,
      })
    ).user.id;
  const school = await unitId(db, SCHOOL);
  const born = '1968-04-15';
  const first17 = `420106${born.replaceAll('-', '')}731`;
  const [person] = await db
    .insert(people)
    .values(
      personColumns(services.cipher, {
        name: '刘振华',
        gender: 'male',
        ethnicity: '01',
        birthDate: born,
        idNumber: `${first17}${idCheckChar(first17)}`,
        mobile: '13971234567',
        politicalStatus: '01',
        education: 'doctorate',
        unitId: school,
        post: '党建教研部教授',
        rank: null,
        category: 'professional',
        specialty: 'education',
        status: 'serving',
        requirementOverride: null,
      }),
    )
    .onConflictDoNothing()
    .returning({ id: people.id });
  if (!person) return;
  await db.update(people).set({ userId }).where(eq(people.id, person.id));
  await db.update(lecturers).set({ personId: person.id }).where(eq(lecturers.id, lecturerId));
}

/** The key of the travel warning between two items, as the API reports it (to acknowledge it). */
const travelKey = (itemId: string, otherItemId: string) =>
  findingKey({ kind: 'travel_time', severity: 'warning', itemId, otherItemId });

/** Lays the demo's timetables unless present; returns a line for the demo's report. */
export async function loadTimetableDemo(
  services: Services,
  db: Db,
  ctx: RequestContext,
  today = new Date(),
): Promise<string> {
  const [covid] = await db
    .select({ id: classes.id, startDate: classes.startDate })
    .from(classes)
    .where(like(classes.name, '市县党政干部新冠肺炎疫情防控%'));
  if (!covid?.startDate) return 'timetables: the classes are not loaded';
  const [done] = await db
    .select({ id: classSessions.id })
    .from(classSessions)
    .where(eq(classSessions.classId, covid.id))
    .limit(1);
  if (done) return 'timetables: already loaded';

  const lecturerRows = await db.select({ id: lecturers.id, name: lecturers.name }).from(lecturers);
  const venueRows = await db.select({ id: venues.id, name: venues.name }).from(venues);
  const [officer] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'school.jwc'));
  const refs: Refs = {
    lecturer: new Map(lecturerRows.map((l) => [l.name, l.id])),
    venue: new Map(venueRows.map((v) => [v.name, v.id])),
    officer: officer?.id ?? null,
  };
  const living = await db
    .select({ id: classes.id, name: classes.name, startDate: classes.startDate })
    .from(classes)
    .where(
      inArray(classes.name, [
        '恩施市卫生健康系统管理干部能力提升班（东西部协作）',
        '全省市县党政干部巩固拓展脱贫攻坚成果同乡村振兴有效衔接专题研讨班',
        '数字政府建设网络专题班',
      ]),
    );
  const byName = (prefix: string) => living.find((c) => c.name.startsWith(prefix));
  const iso = today.toISOString().slice(0, 10);
  const counts = { classes: 0, items: 0 };

  await db.transaction(async (tx) => {
    const groupsOf = async (classId: string) =>
      (
        await tx
          .select({ id: classGroups.id })
          .from(classGroups)
          .where(eq(classGroups.classId, classId))
          .orderBy(asc(classGroups.sortOrder))
      ).map((g) => g.id);
    const add = async (x: Laid) => {
      const ids = await lay(tx, refs, x);
      counts.classes += 1;
      counts.items += ids.length;
    };

    // (a) The seeds' class, published on the Monday before it.
    await add({
      classId: covid.id,
      startDate: covid.startDate as string,
      items: COVID,
      publish: { at: at('2022-01-10', '17:00') },
    });

    // (b) The pairing's week in Zhejiang, published a week before it starts.
    const start = mondayAfter(iso, 7);
    const leadership = await insertLeadershipClass(tx, start);
    const morning = LEADERSHIP.findIndex((i) => i.day === 1 && i.type === 'lecture');
    const fengqiao = LEADERSHIP.findIndex((i) => i.venue === '枫桥经验陈列馆');
    await add({
      classId: leadership.id,
      startDate: start,
      items: LEADERSHIP,
      groupIds: leadership.groupIds,
      publish: {
        at: at(addDays(start, -6), '16:00'),
        acknowledge: (ids) => [travelKey(ids[fengqiao] ?? '', ids[morning] ?? '')],
      },
    });

    // (c) The living classes.
    const running = byName('恩施市卫生健康系统管理干部能力提升班');
    if (running?.startDate) {
      await add({
        classId: running.id,
        startDate: running.startDate,
        items: RUNNING,
        groupIds: await groupsOf(running.id),
        publish: { at: at(addDays(running.startDate, -3), '11:00') },
      });
    }
    const seminar = byName('全省市县党政干部巩固拓展脱贫攻坚成果');
    if (seminar?.startDate) await add({ classId: seminar.id, startDate: seminar.startDate, items: SEMINAR });
    const online = byName('数字政府建设网络专题班');
    if (online?.startDate) {
      await add({
        classId: online.id,
        startDate: online.startDate,
        items: ONLINE,
        publish: { at: at(addDays(online.startDate, -10), '09:30') },
      });
    }
  });

  const liu = refs.lecturer.get('刘振华');
  if (liu) await linkLecturer(services, db, ctx, liu);
  return `timetables: ${counts.classes} classes, ${counts.items} items (incl. ${LEADERSHIP_CLASS_NAME}); lecturer 刘振华 ↔ user ${LECTURER_USERNAME}`;
}
