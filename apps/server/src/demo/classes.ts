import { classCode, splitByWeights, splitEvenly } from '@ganxun/domain';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import {
  classCodeCounters,
  classEvents,
  classes,
  classGroups,
  classQuotas,
  enrollments,
  nominations,
  people,
  planEvents,
  planItems,
  plans,
  units,
  users,
} from '../db/schema/index.js';
import { CLASS_STORY, LIVING, PAIRING_TAG, type PoolName, type StoryClass } from './classes-story.js';
import { HUBEI_CITIES } from './directory.js';

/**
 * The demo's classes, from the seeds: the January 2022 provincial class on epidemic control for
 * about 300 cadres from the 17 cities (quotas per city, all enrolled and checked in), the 2021
 * series of 17 thematic seminars (2,510 trained), and the Enshi ↔ Jianggan pairing's 7 leadership
 * classes (750 person-times) and 30 professional classes (1,584 person-times) of 2018–2020 — with
 * the annual plans they came from. Then a living part, dated from the day the demo is loaded: a
 * published seminar taking nominations against 17 city quotas, a class in progress with groups and
 * arrival registration, an open online class trainees register for, a draft, and a plan awaiting
 * approval. History is written in bulk (it is a record of what happened); the living classes'
 * nominations follow the same invariants the service keeps (no quota exceeded, nobody twice).
 */

type Tx = Executor;

/** A deterministic generator, so that the demo is the same on every machine. */
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

function shuffled<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const at = (iso: string, time = '09:00') => new Date(`${iso}T${time}:00+08:00`);

async function nextCode(tx: Tx, year: number): Promise<string> {
  const [row] = await tx
    .insert(classCodeCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: classCodeCounters.year, set: { last: sql`${classCodeCounters.last} + 1` } })
    .returning({ last: classCodeCounters.last });
  return classCode(year, row?.last ?? 1);
}

async function unitIdsByName(tx: Tx, names: string[]): Promise<Map<string, string>> {
  const rows = await tx
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.name, names));
  return new Map(rows.map((r) => [r.name, r.id]));
}

interface Pools {
  byCity: Map<string, string[]>;
  provincial: string[];
  enshiCadres: string[];
  enshiMedical: string[];
  enshiEducation: string[];
  enshiPros: string[];
}

async function pools(tx: Tx): Promise<Pools> {
  const rows = await tx
    .select({
      id: people.id,
      region: units.regionCode,
      category: people.category,
      specialty: people.specialty,
      unitType: units.type,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(sql`${units.regionCode} like '42%'`)
    .orderBy(people.namePinyin, people.id);
  const byCity = new Map<string, string[]>();
  for (const [code] of HUBEI_CITIES) byCity.set(code, []);
  const out: Pools = {
    byCity,
    provincial: [],
    enshiCadres: [],
    enshiMedical: [],
    enshiEducation: [],
    enshiPros: [],
  };
  for (const r of rows) {
    // The party school's own staff (in Wuhan) teach; they are not Wuhan's trainees.
    if (r.unitType !== 'party_school') byCity.get(r.region)?.push(r.id);
    if (r.region === '420000') out.provincial.push(r.id);
    if (r.region !== '422801') continue;
    if (r.category === 'cadre') out.enshiCadres.push(r.id);
    else {
      out.enshiPros.push(r.id);
      if (r.specialty === 'medical') out.enshiMedical.push(r.id);
      if (r.specialty === 'education') out.enshiEducation.push(r.id);
    }
  }
  return out;
}

function poolOf(pool: Pools, name: PoolName): string[] {
  switch (name) {
    case 'enshi-cadres':
      return pool.enshiCadres;
    case 'enshi-medical':
      return pool.enshiMedical;
    case 'enshi-education':
      return pool.enshiEducation;
    case 'enshi-pros':
      return pool.enshiPros;
    default:
      return [...pool.provincial, ...[...pool.byCity.values()].flat()];
  }
}

/** Lifecycle events from creation up to `status`, dated along the class's dates. */
function timeline(classId: string, c: { start: string; end: string; status: string }) {
  const steps: [string, string, string, Date][] = [
    ['publish', 'draft', 'published', at(addDays(c.start, -30))],
    ['close_nominations', 'published', 'nominations_closed', at(addDays(c.start, -7), '18:00')],
    ['start', 'nominations_closed', 'in_progress', at(c.start, '08:00')],
    ['complete', 'in_progress', 'completed', at(c.end, '17:30')],
    ['archive', 'completed', 'archived', at(addDays(c.end, 30))],
  ];
  const order = ['draft', 'published', 'nominations_closed', 'in_progress', 'completed', 'archived'];
  const rows: (typeof classEvents.$inferInsert)[] = [
    { classId, kind: 'created', at: at(addDays(c.start, -45)) },
  ];
  for (const [action, from, to, when] of steps) {
    if (order.indexOf(to) > order.indexOf(c.status)) break;
    rows.push({ classId, kind: 'transition', action, fromStatus: from, toStatus: to, at: when });
  }
  return rows;
}

interface Insert {
  story: StoryClass;
  planItemId?: string | null;
  quotas?: { regionCode: string; seats: number; weight?: number }[];
  trainees: string[];
  /** The quota index of each trainee (by region quotas), when quotas are given. */
  quotaOf?: (personIndex: number) => number;
  groups?: number;
  checkedIn?: (i: number) => boolean;
  directorId?: string | null;
}

async function insertClass(tx: Tx, unitIds: Map<string, string>, x: Insert): Promise<string> {
  const s = x.story;
  const lead = unitIds.get(s.lead);
  if (!lead) throw new Error(`demo unit missing: ${s.lead}`);
  const year = Number((s.start ?? new Date().toISOString()).slice(0, 4));
  const [row] = await tx
    .insert(classes)
    .values({
      code: await nextCode(tx, year),
      year,
      name: s.name,
      kind: s.kind,
      topics: s.topics ?? [],
      leadOrganiserId: lead,
      coOrganiserIds: (s.co ?? []).map((n) => unitIds.get(n)).filter((id): id is string => !!id),
      hostInstitutionId: s.host ? (unitIds.get(s.host) ?? null) : null,
      cityCode: s.city ?? null,
      venue: s.venue ?? null,
      mode: s.mode ?? 'offline',
      startDate: s.start ?? null,
      endDate: s.end ?? null,
      capacity: s.capacity ?? null,
      targetAudience: s.audience ?? null,
      nominationDeadline: s.start ? at(addDays(s.start, -7), '18:00') : null,
      selfRegistration: s.selfRegistration ?? false,
      waitlist: s.waitlist ?? false,
      directorId: x.directorId ?? null,
      tags: s.tags ?? [],
      description: s.description ?? null,
      status: s.status,
      planItemId: x.planItemId ?? null,
      budget: s.budget ?? [],
    })
    .returning({ id: classes.id });
  if (!row) throw new Error('demo class not inserted');
  const classId = row.id;
  if (s.start && s.end)
    await tx.insert(classEvents).values(timeline(classId, { start: s.start, end: s.end, status: s.status }));
  else await tx.insert(classEvents).values({ classId, kind: 'created' });

  const quotaIds: string[] = [];
  for (const [i, q] of (x.quotas ?? []).entries()) {
    const [qr] = await tx
      .insert(classQuotas)
      .values({ classId, regionCode: q.regionCode, seats: q.seats, weight: q.weight ?? null, sortOrder: i })
      .returning({ id: classQuotas.id });
    if (qr) quotaIds.push(qr.id);
  }
  const groupIds: string[] = [];
  for (let g = 0; g < (x.groups ?? 0); g++) {
    const [gr] = await tx
      .insert(classGroups)
      .values({ classId, name: `第${'一二三四五六七八九十'[g] ?? g + 1}组`, sortOrder: g })
      .returning({ id: classGroups.id });
    if (gr) groupIds.push(gr.id);
  }
  const decided = s.start ? at(addDays(s.start, -5), '10:00') : new Date();
  const nomRows = x.trainees.map((personId, i) => ({
    classId,
    personId,
    quotaId: x.quotaOf ? (quotaIds[x.quotaOf(i)] ?? null) : null,
    status: 'approved' as const,
    createdAt: s.start ? at(addDays(s.start, -12), '15:00') : new Date(),
    decidedAt: decided,
  }));
  for (let i = 0; i < nomRows.length; i += 500) {
    const chunk = nomRows.slice(i, i + 500);
    const ids = await tx
      .insert(nominations)
      .values(chunk)
      .returning({ id: nominations.id, personId: nominations.personId });
    const leaders = new Set<number>();
    await tx.insert(enrollments).values(
      ids.map((n, j) => {
        const k = i + j;
        const group = groupIds.length ? k % groupIds.length : -1;
        let role: 'member' | 'monitor' | 'group_leader' = 'member';
        if (k === 0) role = 'monitor';
        else if (group >= 0 && !leaders.has(group) && k >= groupIds.length) {
          leaders.add(group);
          role = 'group_leader';
        }
        return {
          classId,
          personId: n.personId,
          nominationId: n.id,
          groupId: group >= 0 ? (groupIds[group] ?? null) : null,
          role,
          checkedInAt:
            s.start && (x.checkedIn?.(k) ?? true) ? at(s.start, k % 3 === 0 ? '08:10' : '08:40') : null,
          arrivalTransport: k % 4 === 0 ? ('train' as const) : k % 4 === 1 ? ('car' as const) : null,
          arrivalNumber: k % 4 === 0 ? `G${1000 + (k % 97) * 7}` : null,
          arrivalAt: s.start && k % 4 === 0 ? at(addDays(s.start, -1), '16:30') : null,
          returnTicketNeeded: k % 4 === 0,
          accommodation:
            s.venue && k % 2 === 0 ? `${k % 2 === 0 ? '学员公寓' : ''}${100 + (k % 60)}室` : null,
        };
      }),
    );
  }
  return classId;
}

async function insertPlan(
  tx: Tx,
  p: {
    organiserId: string;
    year: number;
    title: string;
    status: 'approved' | 'submitted' | 'draft';
    submittedBy?: string | null;
    /** When it was created and submitted (default: November and December of the year before). */
    dates?: { created: Date; submitted: Date };
  },
  items: (Omit<typeof planItems.$inferInsert, 'planId'> & { key?: string })[],
): Promise<Map<string, string>> {
  const [plan] = await tx
    .insert(plans)
    .values({
      organiserId: p.organiserId,
      year: p.year,
      title: p.title,
      status: p.status,
      submittedBy: p.submittedBy ?? null,
    })
    .returning({ id: plans.id });
  if (!plan) throw new Error('demo plan not inserted');
  const keys = new Map<string, string>();
  for (const [i, { key, ...item }] of items.entries()) {
    const [row] = await tx
      .insert(planItems)
      .values({ ...item, planId: plan.id, sortOrder: i })
      .returning({ id: planItems.id });
    if (row && key) keys.set(key, row.id);
  }
  const when = p.dates?.created ?? at(`${p.year - 1}-11-20`);
  const events: (typeof planEvents.$inferInsert)[] = [
    { planId: plan.id, action: 'created', toStatus: 'draft', at: when },
  ];
  if (p.status !== 'draft') {
    events.push({
      planId: plan.id,
      action: 'submit',
      fromStatus: 'draft',
      toStatus: 'submitted',
      at: p.dates?.submitted ?? at(`${p.year - 1}-12-05`),
      comment: '请审核。',
    });
  }
  if (p.status === 'approved') {
    events.push({
      planId: plan.id,
      action: 'approve',
      fromStatus: 'submitted',
      toStatus: 'approved',
      at: at(`${p.year - 1}-12-20`),
      comment: '同意。请按计划做好调训和组织实施工作。',
    });
  }
  await tx.insert(planEvents).values(events);
  return keys;
}

/** Loads the classes and plans unless present; returns a line for the demo's report. */
export async function loadClassesDemo(db: Db, today = new Date()): Promise<string> {
  const [known] = await db
    .select({ id: classes.id })
    .from(classes)
    .where(like(classes.name, '市县党政干部新冠肺炎疫情防控%'));
  if (known) return 'classes: already loaded';
  const rand = random(20210113);
  const counts = { classes: 0, enrolled: 0 };
  await db.transaction(async (tx) => {
    const unitNames = [
      ...new Set(CLASS_STORY.flatMap((c) => [c.lead, ...(c.co ?? []), ...(c.host ? [c.host] : [])])),
      ...LIVING.flatMap((c) => [c.lead, ...(c.co ?? []), ...(c.host ? [c.host] : [])]),
      '中共湖北省委党校（湖北省行政学院）',
      '中共恩施市委组织部',
    ];
    const unitIds = await unitIdsByName(tx, unitNames);
    const pool = await pools(tx);
    const school = unitIds.get('中共湖北省委党校（湖北省行政学院）') as string;
    const enshiOrg = unitIds.get('中共恩施市委组织部') as string;

    // Plans: 2021 (the seminar series), 2022 (the epidemic-control class), Enshi 2020 (four
    // professional classes "between July and October, dates to be chosen").
    const p2021 = await insertPlan(
      tx,
      { organiserId: school, year: 2021, title: '2021年省委党校专题培训计划', status: 'approved' },
      [
        {
          key: 'series',
          name: '“以‘思想破冰’引领高质量发展”系列专题研讨班',
          kind: 'seminar',
          windowStart: '2021-03',
          windowEnd: '2021-12',
          size: 150,
          count: 17,
          targetAudience: '省直有关单位和市州县党政领导干部',
        },
      ],
    );
    const p2022 = await insertPlan(
      tx,
      { organiserId: school, year: 2022, title: '2022年省委党校专题培训计划', status: 'approved' },
      [
        {
          key: 'covid',
          name: '市县党政干部新冠肺炎疫情防控专题培训班',
          kind: 'special',
          windowStart: '2022-01',
          windowEnd: '2022-01',
          startDate: '2022-01-13',
          endDate: '2022-01-14',
          size: 300,
          targetAudience: '各市州县疫情防控指挥部副指挥长、指挥部办公室负责同志，卫生健康部门负责同志',
        },
      ],
    );
    const p2020 = await insertPlan(
      tx,
      {
        organiserId: enshiOrg,
        year: 2020,
        title: '2020年恩施市东西部协作专业技术人才培训计划',
        status: 'approved',
      },
      [
        {
          key: 'pro1',
          name: '全市医疗卫生系统管理干部人才培训班',
          kind: 'professional',
          windowStart: '2020-07',
          windowEnd: '2020-10',
          size: 80,
        },
        {
          name: '全市医疗卫生骨干人才能力提升班',
          kind: 'professional',
          windowStart: '2020-07',
          windowEnd: '2020-10',
          size: 60,
        },
        {
          name: '全市中心学校、市直学校校长（园长）培训班',
          kind: 'professional',
          windowStart: '2020-07',
          windowEnd: '2020-10',
          size: 50,
        },
        {
          name: '全市中小学校长及骨干教师培训班',
          kind: 'professional',
          windowStart: '2020-07',
          windowEnd: '2020-10',
          size: 60,
        },
      ],
    );

    for (const story of CLASS_STORY) {
      let trainees: string[] = [];
      let quotas: Insert['quotas'];
      let quotaOf: Insert['quotaOf'];
      let planItemId: string | null = null;
      if (story.key === 'covid') {
        // ~17 per city: the city's headquarters office, organisation department and health commission.
        const perCity = HUBEI_CITIES.map(([code]) => pool.byCity.get(code) ?? []);
        const sizes = perCity.map((l) => l.length);
        const seats = splitByWeights(300, sizes);
        quotas = HUBEI_CITIES.map(([code], i) => ({
          regionCode: code,
          seats: seats[i] ?? 0,
          weight: sizes[i] ?? 0,
        }));
        const owner: number[] = [];
        perCity.forEach((list, i) => {
          for (const id of list.slice(0, seats[i])) {
            trainees.push(id);
            owner.push(i);
          }
        });
        quotaOf = (i) => owner[i] ?? 0;
        planItemId = p2022.get('covid') ?? null;
      } else if (story.pool === 'province') {
        const all = [...pool.provincial, ...[...pool.byCity.values()].flat()];
        trainees = shuffled(all, rand).slice(0, story.trained);
        planItemId = p2021.get('series') ?? null;
      } else {
        const list = poolOf(pool, story.pool);
        trainees = shuffled(list, rand).slice(0, story.trained);
        if (story.key === 'pro-2020') planItemId = p2020.get('pro1') ?? null;
      }
      await insertClass(tx, unitIds, {
        story,
        planItemId,
        quotas,
        quotaOf,
        trainees,
        groups: story.key === 'covid' ? 6 : story.trained > 60 ? 4 : 0,
        checkedIn: () => true,
      });
      counts.classes += 1;
      counts.enrolled += trainees.length;
    }

    // The living part, dated from today.
    const iso = today.toISOString().slice(0, 10);
    const [director] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'enshi.bzr'));
    for (const story of LIVING) {
      const start = story.startOffset === undefined ? null : addDays(iso, story.startOffset);
      const end = start ? addDays(start, (story.days ?? 1) - 1) : null;
      const s = { ...story, start, end } as StoryClass;
      let quotas: Insert['quotas'];
      let quotaOf: Insert['quotaOf'];
      let trainees: string[] = [];
      if (story.key === 'live-seminar') {
        const seats = splitEvenly(170, HUBEI_CITIES.length);
        quotas = HUBEI_CITIES.map(([code], i) => ({ regionCode: code, seats: seats[i] ?? 0 }));
      }
      if (story.key === 'live-running') {
        trainees = shuffled(poolOf(pool, story.pool), rand).slice(0, story.trained);
      }
      const classId = await insertClass(tx, unitIds, {
        story: s,
        quotas,
        quotaOf,
        trainees,
        groups: story.key === 'live-running' ? 4 : 0,
        // Day one of the class: most have registered on arrival, a few are still on the way.
        checkedIn: (i) => i % 6 !== 5,
        directorId: story.key === 'live-running' ? (director?.id ?? null) : null,
      });
      if (story.key === 'live-seminar') await nominateLive(tx, classId, pool, rand);
      counts.classes += 1;
      counts.enrolled += trainees.length;
    }

    // The 2027 plan of the party school, submitted by its teaching-affairs office and awaiting the
    // organisation department's approval.
    const [officer] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'school.jwc'));
    await insertPlan(
      tx,
      {
        organiserId: school,
        year: 2027,
        title: '2027年省委党校干部教育培训计划',
        status: 'submitted',
        submittedBy: officer?.id ?? null,
        dates: { created: at(addDays(iso, -12)), submitted: at(addDays(iso, -2), '16:20') },
      },
      [
        {
          name: '市县党委书记专题研讨班',
          kind: 'seminar',
          windowStart: '2027-03',
          windowEnd: '2027-04',
          size: 120,
          targetAudience: '市州县党委书记',
        },
        {
          name: '市县党政干部专题培训班',
          kind: 'special',
          windowStart: '2027-03',
          windowEnd: '2027-06',
          size: 300,
          count: 4,
        },
        {
          name: '年轻干部培训班',
          kind: 'main',
          windowStart: '2027-09',
          windowEnd: '2027-11',
          size: 80,
          targetAudience: '40岁以下优秀年轻干部',
        },
        {
          name: '组织部长任职培训班',
          kind: 'induction',
          windowStart: '2027-05',
          windowEnd: '2027-05',
          size: 60,
        },
      ],
    );
  });
  return `classes: ${counts.classes} classes, ${counts.enrolled} enrolments (person-times), 4 plans`;
}

/**
 * Nominations to the published seminar: several cities have put people forward (Wuhan has filled
 * its quota and has two on the waiting list), some already approved by the party school.
 */
async function nominateLive(tx: Tx, classId: string, pool: Pools, rand: () => number): Promise<void> {
  const quotas = await tx
    .select({ id: classQuotas.id, regionCode: classQuotas.regionCode, seats: classQuotas.seats })
    .from(classQuotas)
    .where(eq(classQuotas.classId, classId));
  const rows: (typeof nominations.$inferInsert)[] = [];
  const approvedIds: { personId: string }[] = [];
  for (const q of quotas) {
    const candidates = pool.byCity.get(q.regionCode ?? '') ?? [];
    const n =
      q.regionCode === '420100' ? q.seats + 2 : q.regionCode === '422800' ? 4 : Math.floor(rand() * 7);
    shuffled(candidates, rand)
      .slice(0, n)
      .forEach((personId, i) => {
        const over = i >= q.seats;
        const approved = !over && i < 3 && q.regionCode !== '422800';
        rows.push({
          classId,
          quotaId: q.id,
          personId,
          status: over ? 'waitlisted' : approved ? 'approved' : 'submitted',
          waitlistedAt: over ? new Date(Date.now() - (10 - i) * 60_000) : null,
          decidedAt: approved ? new Date() : null,
          note: i === 0 ? '分管疫情防控和乡村振兴工作' : null,
        });
        if (approved) approvedIds.push({ personId });
      });
  }
  if (rows.length === 0) return;
  const inserted = await tx
    .insert(nominations)
    .values(rows)
    .returning({ id: nominations.id, personId: nominations.personId, status: nominations.status });
  const approved = inserted.filter((r) => r.status === 'approved');
  if (approved.length) {
    await tx
      .insert(enrollments)
      .values(approved.map((r) => ({ classId, personId: r.personId, nominationId: r.id })));
  }
}

/** Links the demo trainee account to 刘红玉's person record (the seed names her). */
export async function linkDemoTrainee(db: Db, userId: string): Promise<void> {
  await db
    .update(people)
    .set({ userId })
    .where(and(eq(people.name, '刘红玉'), sql`${people.userId} is null`));
}

export { PAIRING_TAG };
