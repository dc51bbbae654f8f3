import {
  type CreatePersonBody,
  idCheckChar,
  jointClassKindOf,
  type Specialty,
  type UnitType,
} from '@ganxun/domain';
import { and, arrayContains, asc, eq, isNull, like, or } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import {
  classes,
  exchangeTalkSecondments,
  exchangeTalks,
  partnershipClasses,
  partnerships,
  people,
  secondmentAssessments,
  secondmentChanges,
  secondmentEvents,
  secondmentLogs,
  secondments,
  units,
  users,
} from '../db/schema/index.js';
import { personColumns } from '../modules/people/record.js';
import { PAIRING_TAG } from './classes-story.js';

/**
 * The Enshi ↔ Jianggan pairing of seed 004 (issue 7), consistent with its figures:
 * - 2018–2020: 恩施市 sent 13 party and government cadres and 127 professionals (69 doctors, 58
 *   teachers) to 江干区; 江干区 sent 3 cadres and 82 professionals (23 doctors, 45 teachers, 14
 *   agricultural experts). The seed's yearly figures do not add up to its totals (its "40 sent in
 *   2018" counts the whole of Hangzhou), so the demo keeps the totals, the 2019 cadres and the
 *   2020 figures, and spreads the rest over 2018–2019.
 * - The people the seed names: 姚洪华 and 何松青 (April 2018, 恩施市委常委、副市长 and 扶贫办副主任),
 *   曹高慧 (June 2018, a kindergarten class teacher), 柴怡兵 (小针刀), 孙晓莺 (18 months as 小渡船
 *   卫生院挂职副院长 from April 2020, talked with by the organisation department on 8 May),
 *   刘红玉 and 周雄 (shadowing in Jianggan's health centres in July 2020). 刘红玉's directory record
 *   says cadre: her term, recorded as medical shadowing, carries the recorded warning.
 * - The joint classes: every class tagged with the pairing (7 leadership and 30 professional
 *   classes in 2018–2020, with 750 and 1,584 person-times; and this year's two).
 * - The living part, dated from the day the demo is loaded: a doctor whose term ends in 12 days
 *   (an extension asked by 江干区, waiting for 恩施州委组织部), a teacher whose return is overdue,
 *   a cadre in post, and a term planned to start in three weeks.
 * People are taken from the directory demo where it has enough of a kind; the rest are created.
 * Deterministic: loading twice changes nothing.
 */

const ENSHI = '422801';
const JIANGGAN = '330104';
export const PAIRING_NAME = '恩施市—江干区东西部协作';

type Kind = 'cadre' | Specialty;

interface ExtraUnit {
  name: string;
  type: UnitType;
  region: string;
  parent: string;
}

/** Host units the seed names that the directory demo does not have. */
const EXTRA_UNITS: ExtraUnit[] = [
  { name: '恩施市小渡船街道卫生院', type: 'health_centre', region: ENSHI, parent: '恩施市卫生健康局' },
  { name: '恩施市孝感幼儿园', type: 'kindergarten', region: ENSHI, parent: '恩施市教育局' },
  {
    name: '杭州市江干区采荷街道社区卫生服务中心',
    type: 'health_centre',
    region: JIANGGAN,
    parent: '杭州市江干区卫生健康局',
  },
  {
    name: '杭州市江干区农业技术推广中心',
    type: 'public_institution',
    region: JIANGGAN,
    parent: '杭州市江干区人民政府办公室',
  },
];

/** Where new people of a kind are created, by side. */
const HOME_UNITS: Record<'a' | 'b', Record<Kind, string[]>> = {
  a: {
    cadre: ['恩施市人民政府办公室', '恩施市扶贫开发办公室', '恩施市卫生健康局', '恩施市教育局'],
    medical: ['恩施市中心医院', '恩施市舞阳坝街道社区卫生服务中心', '恩施市龙凤镇卫生院'],
    education: ['恩施市第一中学', '恩施市实验小学', '恩施市机关幼儿园'],
    agriculture: ['恩施市农业农村局'],
    other: ['恩施市人民政府办公室'],
  },
  b: {
    cadre: ['杭州市江干区发展和改革局', '杭州市江干区人民政府办公室'],
    medical: ['杭州市江干区丁兰社区卫生服务中心', '杭州市江干区九堡社区卫生服务中心'],
    education: ['杭州市江干区濮家幼儿园', '杭州市江干区实验小学'],
    agriculture: ['杭州市江干区农业技术推广中心'],
    other: ['杭州市江干区人民政府办公室'],
  },
};

/** Host units by kind on the receiving side, with the temporary post held there. */
const HOSTS: Record<'a' | 'b', Record<Kind, [unit: string, post: string][]>> = {
  // Received by Enshi (side A) from Jianggan.
  a: {
    cadre: [['恩施市人民政府办公室', '市政府副秘书长']],
    medical: [
      ['恩施市中心医院', '挂职副主任医师'],
      ['恩施市舞阳坝街道社区卫生服务中心', '挂职业务副主任'],
      ['恩施市龙凤镇卫生院', '挂职副院长'],
    ],
    education: [
      ['恩施市第一中学', '挂职教研组长'],
      ['恩施市实验小学', '挂职副校长'],
      ['恩施市孝感幼儿园', '班主任'],
    ],
    agriculture: [['恩施市农业农村局', '农技指导专家']],
    other: [['恩施市人民政府办公室', '挂职']],
  },
  // Received by Jianggan (side B) from Enshi.
  b: {
    cadre: [
      ['杭州市江干区人民政府办公室', '挂职区政府办公室副主任'],
      ['杭州市江干区人力资源和社会保障局', '挂职副局长'],
      ['杭州市江干区发展和改革局', '挂职副局长'],
      ['杭州市江干区教育局', '挂职副局长'],
      ['杭州市江干区卫生健康局', '挂职副局长'],
      ['杭州市江干区数据资源管理局', '挂职副局长'],
      ['杭州市江干区城市管理局', '挂职副局长'],
    ],
    medical: [
      ['杭州市江干区丁兰社区卫生服务中心', '跟岗学习'],
      ['杭州市江干区九堡社区卫生服务中心', '跟岗学习'],
      ['杭州市江干区采荷街道社区卫生服务中心', '跟岗学习'],
    ],
    education: [
      ['杭州市江干区实验小学', '跟岗学习'],
      ['杭州市江干区濮家幼儿园', '跟岗学习'],
    ],
    agriculture: [['杭州市江干区农业技术推广中心', '跟岗学习']],
    other: [['杭州市江干区人民政府办公室', '跟岗学习']],
  },
};

interface Batch {
  sending: 'a' | 'b';
  kind: Kind;
  n: number;
  form: string;
  /** Term of the batch: start day and length in months; people start a week apart in turn. */
  start: string;
  months: number;
  /** People the seed names, first in the batch. */
  named?: NamedTerm[];
}

interface NamedTerm {
  name: string;
  host: string;
  hostPost: string;
  start: string;
  end: string;
  mentor?: string;
  /** Create the person if the directory demo does not have them. */
  create?: { unit: string; gender: 'male' | 'female'; born: string; post: string };
}

/** The seed's three years. Totals: A→B 13 + 127 (69 + 58); B→A 3 + 82 (23 + 45 + 14). */
const BATCHES: Batch[] = [
  // Enshi → Jianggan.
  { sending: 'a', kind: 'cadre', n: 13, form: 'secondment', start: '2019-03-18', months: 6 },
  { sending: 'a', kind: 'medical', n: 33, form: 'shadowing', start: '2018-09-03', months: 3 },
  { sending: 'a', kind: 'education', n: 33, form: 'shadowing', start: '2018-09-10', months: 3 },
  { sending: 'a', kind: 'medical', n: 26, form: 'shadowing', start: '2019-04-08', months: 3 },
  { sending: 'a', kind: 'education', n: 15, form: 'shadowing', start: '2019-09-02', months: 3 },
  {
    sending: 'a',
    kind: 'medical',
    n: 10,
    form: 'shadowing',
    start: '2020-07-01',
    months: 3,
    named: [
      {
        name: '刘红玉',
        host: '杭州市江干区丁兰社区卫生服务中心',
        hostPost: '跟岗学习（针灸、推拿、中药）',
        start: '2020-07-01',
        end: '2020-09-30',
      },
      {
        name: '周雄',
        host: '杭州市江干区采荷街道社区卫生服务中心',
        hostPost: '跟岗学习（针灸推拿科）',
        start: '2020-07-01',
        end: '2020-09-30',
        mentor: '采荷社区卫生服务中心针灸推拿科带教老师',
        create: { unit: '恩施市中心医院', gender: 'male', born: '1988-04-16', post: '中医科医师' },
      },
    ],
  },
  // "10 teachers arrive after the autumn term starts."
  { sending: 'a', kind: 'education', n: 10, form: 'shadowing', start: '2020-09-01', months: 4 },
  // Jianggan → Enshi.
  {
    sending: 'b',
    kind: 'cadre',
    n: 3,
    form: 'secondment',
    start: '2020-04-15',
    months: 20,
    named: [
      {
        name: '姚洪华',
        host: '恩施市人民政府办公室',
        hostPost: '恩施市委常委、副市长',
        start: '2018-04-10',
        end: '2020-04-09',
      },
      {
        name: '何松青',
        host: '恩施市扶贫开发办公室',
        hostPost: '市政府扶贫开发办公室党组成员、副主任',
        start: '2018-04-10',
        end: '2020-04-09',
      },
    ],
  },
  {
    sending: 'b',
    kind: 'medical',
    n: 15,
    form: 'medical',
    start: '2018-05-07',
    months: 6,
    named: [
      {
        name: '柴怡兵',
        host: '恩施市中心医院',
        hostPost: '挂职中医科副主任（引进“小针刀”疗法）',
        start: '2018-05-07',
        end: '2018-11-06',
      },
    ],
  },
  {
    sending: 'b',
    kind: 'education',
    n: 33,
    form: 'teaching',
    start: '2018-06-04',
    months: 6,
    named: [
      {
        name: '曹高慧',
        host: '恩施市孝感幼儿园',
        hostPost: '班主任（幼小衔接实验班）',
        start: '2018-06-04',
        end: '2019-01-31',
      },
    ],
  },
  { sending: 'b', kind: 'agriculture', n: 14, form: 'guidance', start: '2018-03-12', months: 4 },
  { sending: 'b', kind: 'medical', n: 7, form: 'medical', start: '2019-03-04', months: 6 },
  { sending: 'b', kind: 'education', n: 9, form: 'teaching', start: '2019-09-02', months: 6 },
  {
    sending: 'b',
    kind: 'medical',
    n: 1,
    form: 'medical',
    start: '2020-04-20',
    months: 18,
    named: [
      {
        name: '孙晓莺',
        host: '恩施市小渡船街道卫生院',
        hostPost: '挂职副院长',
        start: '2020-04-20',
        end: '2021-10-19',
        create: {
          unit: '杭州市江干区采荷街道社区卫生服务中心',
          gender: 'female',
          born: '1976-08-23',
          post: '儿童保健科主治医师',
        },
      },
    ],
  },
  { sending: 'b', kind: 'education', n: 3, form: 'teaching', start: '2020-09-01', months: 6 },
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆鹏波婷雪琳晨阳昊然欣悦';

const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Loads the pairing unless it exists; returns what it did. */
export async function loadExchangeDemo(services: Services, db: Db): Promise<string> {
  const [known] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.name, PAIRING_NAME));
  if (known) return 'exchange: already loaded';
  const unitIds = await ensureUnits(db);
  const unit = (name: string) => {
    const id = unitIds.get(name);
    if (!id) throw new Error(`demo unit missing: ${name}`);
    return id;
  };
  const userId = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
  const enshiOrg = await userId('enshi.org');
  const jiangganOrg = await userId('jianggan.org');
  const hubeiOrg = await userId('hubei.org');

  // People first (outside the transaction): the named ones, then enough of every kind.
  const pool = new PeoplePool(services, db, unitIds);
  await pool.load();
  const namedPeople = new Map<string, PoolPerson>();
  for (const batch of BATCHES)
    for (const n of batch.named ?? [])
      namedPeople.set(n.name, await pool.named(n.name, batch.sending, batch.kind, n.create));
  for (const [key, n] of demoNeeds()) {
    const [side, kind] = key.split(':') as ['a' | 'b', Kind];
    await pool.reserve(side, kind, n);
  }

  return db.transaction(async (tx) => {
    const [pairing] = await tx
      .insert(partnerships)
      .values({
        name: PAIRING_NAME,
        programme: 'east_west',
        sideARegionCode: ENSHI,
        sideBRegionCode: JIANGGAN,
        startYear: 2018,
        endYear: null,
        status: 'active',
        contacts: [
          { side: 'a', name: '袁航', post: '中共恩施市委组织部 干部教育科', phone: '0718-8221234' },
          { side: 'b', name: '陈敏', post: '中共杭州市江干区委组织部 干部科', phone: '0571-86971234' },
        ],
        note: '东西部扶贫协作：双向交流、党政干部精准培训、专技人才能力提升（2018年起）。',
        createdBy: enshiOrg,
      })
      .returning({ id: partnerships.id });
    if (!pairing) throw new Error('pairing not inserted');
    const pid = pairing.id;

    const made = new Map<string, string>();
    const today = chinaToday();
    let counter = 0;
    const insertTerm = async (t: {
      personId: string;
      homeUnitId: string;
      homePost: string | null;
      sending: 'a' | 'b';
      kind: Kind;
      form: string;
      host: string;
      hostPost: string;
      start: string;
      end: string;
      actualEnd?: string | null;
      status?: 'planned' | 'in_post' | 'completed';
      mentor?: string | null;
      warnings?: { code: string }[];
      fullTime?: boolean;
      createdBy?: string | null;
    }) => {
      counter += 1;
      const status = t.status ?? 'completed';
      const [row] = await tx
        .insert(secondments)
        .values({
          partnershipId: pid,
          personId: t.personId,
          direction: t.sending === 'a' ? 'a_to_b' : 'b_to_a',
          form: t.form,
          category: t.kind === 'cadre' ? 'cadre' : 'professional',
          specialty: t.kind === 'cadre' ? null : t.kind,
          homeUnitId: t.homeUnitId,
          homePost: t.homePost,
          hostUnitId: unit(t.host),
          hostPost: t.hostPost,
          fullTime: t.fullTime ?? true,
          plannedStart: t.start,
          plannedEnd: t.end,
          actualStart: status === 'planned' ? null : t.start,
          actualEnd: status === 'completed' ? (t.actualEnd ?? t.end) : null,
          mentor: t.mentor ?? null,
          partyTransfer: t.kind === 'cadre' && t.form === 'secondment',
          status,
          warnings: t.warnings ?? [],
          createdBy: t.createdBy ?? (t.sending === 'a' ? enshiOrg : jiangganOrg),
          createdAt: new Date(`${addDays(t.start, -30)}T02:00:00Z`),
          updatedAt: new Date(`${status === 'completed' ? t.end : t.start}T10:00:00Z`),
        })
        .returning({ id: secondments.id });
      if (!row) throw new Error('secondment not inserted');
      const actorId = t.createdBy ?? (t.sending === 'a' ? enshiOrg : jiangganOrg);
      const events: (typeof secondmentEvents.$inferInsert)[] = [
        {
          secondmentId: row.id,
          kind: 'created',
          date: t.start,
          actorId,
          at: new Date(`${addDays(t.start, -30)}T02:00:00Z`),
        },
      ];
      if (status !== 'planned')
        events.push({
          secondmentId: row.id,
          kind: 'started',
          date: t.start,
          actorId,
          at: new Date(`${t.start}T01:00:00Z`),
        });
      if (status === 'completed')
        events.push({
          secondmentId: row.id,
          kind: 'completed',
          date: t.actualEnd ?? t.end,
          actorId,
          at: new Date(`${t.actualEnd ?? t.end}T09:00:00Z`),
        });
      await tx.insert(secondmentEvents).values(events);
      return row.id;
    };

    // The seed's three years.
    for (const batch of BATCHES) {
      const hosts = HOSTS[batch.sending === 'a' ? 'b' : 'a'][batch.kind];
      const named = batch.named ?? [];
      for (const n of named) {
        const person = namedPeople.get(n.name) as PoolPerson;
        const id = await insertTerm({
          personId: person.id,
          homeUnitId: person.unitId,
          homePost: person.post,
          sending: batch.sending,
          kind: batch.kind,
          form: batch.form,
          host: n.host,
          hostPost: n.hostPost,
          start: n.start,
          end: n.end,
          mentor: n.mentor ?? null,
          warnings:
            person.category !== (batch.kind === 'cadre' ? 'cadre' : 'professional') &&
            person.category !== 'other'
              ? [{ code: 'category_differs' }]
              : [],
        });
        made.set(n.name, id);
      }
      for (let i = named.length; i < batch.n; i++) {
        const person = pool.take(batch.sending, batch.kind);
        const [host, hostPost] = hosts[i % hosts.length] ?? hosts[0] ?? ['', ''];
        const start = addDays(batch.start, 7 * (i % 4));
        await insertTerm({
          personId: person.id,
          homeUnitId: person.unitId,
          homePost: person.post,
          sending: batch.sending,
          kind: batch.kind,
          form: batch.form,
          host,
          hostPost,
          start,
          end: addMonths(start, batch.months),
        });
      }
    }

    // The living part, dated from today.
    const doctor = pool.take('b', 'medical');
    const endingSoon = await insertTerm({
      personId: doctor.id,
      homeUnitId: doctor.unitId,
      homePost: doctor.post,
      sending: 'b',
      kind: 'medical',
      form: 'medical',
      host: '恩施市小渡船街道卫生院',
      hostPost: '挂职副院长',
      start: addDays(today, -170),
      end: addDays(today, 12),
      status: 'in_post',
    });
    const teacher = pool.take('a', 'education');
    await insertTerm({
      personId: teacher.id,
      homeUnitId: teacher.unitId,
      homePost: teacher.post,
      sending: 'a',
      kind: 'education',
      form: 'shadowing',
      host: '杭州市江干区实验小学',
      hostPost: '跟岗学习',
      start: addDays(today, -95),
      end: addDays(today, -5),
      status: 'in_post',
    });
    const cadre = pool.take('b', 'cadre');
    const cadreTerm = await insertTerm({
      personId: cadre.id,
      homeUnitId: cadre.unitId,
      homePost: cadre.post,
      sending: 'b',
      kind: 'cadre',
      form: 'secondment',
      host: '恩施市人民政府办公室',
      hostPost: '市政府副秘书长',
      start: addDays(today, -240),
      end: addDays(today, 490),
      status: 'in_post',
    });
    const planned = pool.take('a', 'medical');
    await insertTerm({
      personId: planned.id,
      homeUnitId: planned.unitId,
      homePost: planned.post,
      sending: 'a',
      kind: 'medical',
      form: 'shadowing',
      host: '杭州市江干区九堡社区卫生服务中心',
      hostPost: '跟岗学习（小针刀）',
      start: addDays(today, 21),
      end: addDays(today, 111),
      status: 'planned',
      mentor: '柴怡兵',
    });
    if (jiangganOrg) {
      await tx.insert(secondmentChanges).values({
        secondmentId: endingSoon,
        kind: 'extension',
        newEnd: addDays(today, 12 + 183),
        previousEnd: addDays(today, 12),
        reason: '卫生院儿童保健门诊建设尚在推进，受援单位申请延期六个月。',
        requestedBy: jiangganOrg,
        requestedAt: new Date(Date.now() - 2 * 86_400_000),
      });
      await tx.insert(secondmentEvents).values({
        secondmentId: endingSoon,
        kind: 'change_requested',
        date: addDays(today, 12 + 183),
        detail: { kind: 'extension' },
        actorId: jiangganOrg,
        at: new Date(Date.now() - 2 * 86_400_000),
      });
    }

    // Work log, achievements, assessments and follow-up talks of the people the seed names.
    const sun = made.get('孙晓莺');
    const yao = made.get('姚洪华');
    const he = made.get('何松青');
    const liu = made.get('刘红玉');
    const logs: (typeof secondmentLogs.$inferInsert)[] = [];
    const author = enshiOrg ?? hubeiOrg;
    if (sun && author) {
      logs.push(
        {
          secondmentId: sun,
          kind: 'work',
          date: '2020-04-27',
          title: '到岗，坐诊儿童保健科',
          content: '每天在科室坐诊，亲自带教其他医生。',
          createdBy: author,
        },
        {
          secondmentId: sun,
          kind: 'achievement',
          date: '2020-06-05',
          title: '儿童保健门诊受群众欢迎',
          content: '辖区家长专程带孩子来体检，儿保门诊量明显上升。',
          createdBy: author,
        },
        {
          secondmentId: sun,
          kind: 'achievement',
          date: '2020-05-20',
          title: '复课学校疫情防控指导',
          content: '到小渡船辖区各初中学校开展疫情防控指导。',
          createdBy: author,
        },
      );
    }
    if (yao && author)
      logs.push({
        secondmentId: yao,
        kind: 'achievement',
        date: '2019-10-15',
        title: '走访深度贫困村和万亩产业园',
        content: '协调东西部扶贫协作项目实施，引入发达地区人力资源、项目资源在恩施落地。',
        createdBy: author,
      });
    if (liu) {
      const [trainee] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'liuhongyu'));
      if (trainee)
        logs.push({
          secondmentId: liu,
          kind: 'work',
          date: '2020-07-29',
          title: '系统补习针灸、推拿以及中药理论',
          content: '把学习的技术带回家，把疗效带给患者，医患同心，健康同行。',
          createdBy: trainee.id,
        });
    }
    if (logs.length > 0) await tx.insert(secondmentLogs).values(logs);
    if (author) {
      const assessments: (typeof secondmentAssessments.$inferInsert)[] = [];
      for (const [id, grades] of [
        [yao, ['excellent', 'excellent', 'excellent']],
        [he, ['competent', 'excellent', 'excellent']],
      ] as const) {
        if (!id) continue;
        assessments.push(
          { secondmentId: id, kind: 'annual', year: 2018, grade: grades[0], assessedBy: author },
          { secondmentId: id, kind: 'annual', year: 2019, grade: grades[1], assessedBy: author },
          {
            secondmentId: id,
            kind: 'final',
            year: 2020,
            grade: grades[2],
            comment: '期满考核',
            assessedBy: author,
          },
        );
      }
      if (assessments.length > 0) await tx.insert(secondmentAssessments).values(assessments);
      const talks: [string, string, string, string, (string | undefined)[]][] = [
        [
          '2019-05-16',
          '东西部扶贫协作挂职干部座谈会',
          '恩施市委组织部会议室',
          '市委组织部、市扶贫办负责同志',
          [yao, he],
        ],
        ['2020-05-08', '市委组织部对孙晓莺进行座谈交流', '小渡船街道卫生院', '市委组织部干部教育科', [sun]],
        [
          '2026-01-15',
          '挂职干部人才年度座谈',
          '恩施市委组织部会议室',
          '市委组织部、受援单位负责同志',
          [cadreTerm, endingSoon],
        ],
      ];
      for (const [date, title, location, participants, ids] of talks) {
        const secondees = ids.filter((x): x is string => !!x);
        const [talk] = await tx
          .insert(exchangeTalks)
          .values({
            partnershipId: pid,
            date,
            title,
            location,
            participants,
            notes: '了解工作生活情况，听取意见建议。',
            createdBy: author,
          })
          .returning({ id: exchangeTalks.id });
        if (!talk || secondees.length === 0) continue;
        await tx
          .insert(exchangeTalkSecondments)
          .values(secondees.map((secondmentId) => ({ talkId: talk.id, secondmentId })));
        await tx.insert(secondmentEvents).values(
          secondees.map((secondmentId) => ({
            secondmentId,
            kind: 'talk',
            date,
            detail: { talkId: talk.id, title },
            actorId: author,
            at: new Date(`${date}T06:00:00Z`),
          })),
        );
      }
    }

    // Joint classes: every class tagged with the pairing.
    const tagged = await tx
      .select({ id: classes.id, kind: classes.kind })
      .from(classes)
      .where(arrayContains(classes.tags, [PAIRING_TAG]));
    if (tagged.length > 0)
      await tx
        .insert(partnershipClasses)
        .values(
          tagged.map((c) => ({ partnershipId: pid, classId: c.id, jointKind: jointClassKindOf(c.kind) })),
        )
        .onConflictDoNothing();
    return `exchange: pairing ${PAIRING_NAME}, ${counter} secondments (${pool.created} people added), ${tagged.length} joint classes`;
  });
}

/** Adds the host units the seed names; returns the ids of every unit of the two sides by name. */
async function ensureUnits(db: Db): Promise<Map<string, string>> {
  const load = async () => {
    const rows = await db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(
        and(or(like(units.regionCode, '4228%'), like(units.regionCode, '3301%')), isNull(units.mergedInto)),
      );
    return new Map(rows.map((r) => [r.name, r.id]));
  };
  let byName = await load();
  for (const u of EXTRA_UNITS) {
    if (byName.has(u.name)) continue;
    const parentId = byName.get(u.parent);
    if (!parentId) throw new Error(`demo unit missing: ${u.parent}`);
    const [parent] = await db.select({ path: units.path }).from(units).where(eq(units.id, parentId));
    const id = crypto.randomUUID();
    await db.insert(units).values({
      id,
      name: u.name,
      type: u.type,
      regionCode: u.region,
      parentId,
      path: `${parent?.path ?? '/'}${id}/`,
    });
  }
  byName = await load();
  return byName;
}

interface PoolPerson {
  id: string;
  unitId: string;
  post: string | null;
  category: 'cadre' | 'professional' | 'other';
}

/** People of each side and kind, taken in name order; new ones are created when a kind runs out. */
class PeoplePool {
  private readonly free = new Map<string, PoolPerson[]>();
  private readonly used = new Set<string>();
  created = 0;
  private serial = 0;

  constructor(
    private readonly services: Services,
    private readonly db: Db,
    private readonly unitIds: Map<string, string>,
  ) {}

  async load(): Promise<void> {
    const rows = await this.db
      .select({
        id: people.id,
        name: people.name,
        unitId: people.unitId,
        post: people.post,
        category: people.category,
        specialty: people.specialty,
        region: units.regionCode,
      })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(
        and(
          or(like(units.regionCode, '4228%'), like(units.regionCode, '3301%')),
          eq(people.status, 'serving'),
        ),
      )
      .orderBy(asc(people.namePinyin), asc(people.id));
    for (const r of rows) {
      const side = r.region.startsWith('4228') ? 'a' : 'b';
      const kind: Kind | null =
        r.category === 'cadre' ? 'cadre' : r.category === 'professional' ? r.specialty : null;
      if (!kind) continue;
      const key = `${side}:${kind}`;
      const list = this.free.get(key) ?? [];
      list.push({ id: r.id, unitId: r.unitId, post: r.post, category: r.category });
      this.free.set(key, list);
    }
  }

  /** A person the seed names: found by name on their side, else created as given. */
  async named(name: string, side: 'a' | 'b', kind: Kind, create?: NamedTerm['create']): Promise<PoolPerson> {
    const [row] = await this.db
      .select({ id: people.id, unitId: people.unitId, post: people.post, category: people.category })
      .from(people)
      .where(eq(people.name, name));
    if (row) {
      this.markUsed(row.id);
      return row;
    }
    const spec = create ?? {
      unit: HOME_UNITS[side][kind][0] ?? '',
      gender: 'male' as const,
      born: '1980-01-01',
      post: '',
    };
    return this.create(name, side, kind, spec.unit, spec.gender, spec.born, spec.post);
  }

  /** The next free person of a side and kind (created when none is left). */
  take(side: 'a' | 'b', kind: Kind): PoolPerson {
    const list = this.free.get(`${side}:${kind}`) ?? [];
    while (list.length > 0) {
      const p = list.shift() as PoolPerson;
      if (this.used.has(p.id)) continue;
      this.used.add(p.id);
      return p;
    }
    throw new Error(`demo needs more people: ${side} ${kind}`);
  }

  private markUsed(id: string) {
    this.used.add(id);
  }

  /** Makes sure `n` more people of a kind exist (called before the transaction). */
  async reserve(side: 'a' | 'b', kind: Kind, n: number): Promise<void> {
    const list = this.free.get(`${side}:${kind}`) ?? [];
    const units = HOME_UNITS[side][kind];
    for (let i = list.filter((p) => !this.used.has(p.id)).length; i < n; i++) {
      const u = units[i % units.length] ?? '';
      const gender = i % 2 === 0 ? 'female' : 'male';
      const born = `${1970 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
      const name = `${SURNAMES[(i * 7 + kind.length) % SURNAMES.length]}${GIVEN[(i * 13 + 3) % GIVEN.length]}${i % 3 === 0 ? '' : GIVEN[(i * 5 + 11) % GIVEN.length]}`;
      const p = await this.create(name, side, kind, u, gender, born, null);
      this.used.delete(p.id);
      list.push(p);
    }
    this.free.set(`${side}:${kind}`, list);
  }

  private async create(
    name: string,
    side: 'a' | 'b',
    kind: Kind,
    unitName: string,
    gender: 'male' | 'female',
    born: string,
    post: string | null,
  ): Promise<PoolPerson> {
    const unitId = this.unitIds.get(unitName);
    if (!unitId) throw new Error(`demo unit missing: ${unitName}`);
    const region = side === 'a' ? ENSHI : JIANGGAN;
    for (;;) {
      this.serial += 1;
      const seq = (700 + (this.serial % 150)) * 1 + (gender === 'male' ? 1 : 0);
      const first17 = `${region}${born.replaceAll('-', '')}${String((seq * 2 + (gender === 'male' ? 1 : 0)) % 1000).padStart(3, '0')}`;
      const input: CreatePersonBody = {
        name,
        gender,
        ethnicity: side === 'a' && this.serial % 3 === 0 ? '15' : '01',
        birthDate: born,
        idNumber: `${first17}${idCheckChar(first17)}`,
        mobile: null,
        politicalStatus: '01',
        education: 'bachelor',
        unitId,
        post:
          post ??
          (kind === 'medical'
            ? '主治医师'
            : kind === 'education'
              ? '一级教师'
              : kind === 'agriculture'
                ? '农艺师'
                : '科员'),
        rank: null,
        category: kind === 'cadre' ? 'cadre' : 'professional',
        specialty: kind === 'cadre' ? null : kind,
        status: 'serving',
        requirementOverride: null,
      };
      const [row] = await this.db
        .insert(people)
        .values(personColumns(this.services.cipher, input))
        .onConflictDoNothing()
        .returning({ id: people.id, unitId: people.unitId, post: people.post, category: people.category });
      if (!row) continue;
      this.created += 1;
      this.used.add(row.id);
      return row;
    }
  }
}

/** How many people of each side and kind the demo takes from the pool (named ones apart). */
export function demoNeeds(): Map<string, number> {
  const needs = new Map<string, number>();
  const add = (key: string, n: number) => needs.set(key, (needs.get(key) ?? 0) + n);
  for (const b of BATCHES) add(`${b.sending}:${b.kind}`, b.n - (b.named?.length ?? 0));
  add('b:medical', 1);
  add('a:education', 1);
  add('b:cadre', 1);
  add('a:medical', 1);
  return needs;
}
