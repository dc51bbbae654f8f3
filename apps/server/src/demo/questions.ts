import { and, asc, eq, like } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db, Executor } from '../db/client.js';
import {
  classes,
  classSessions,
  enrollments,
  people,
  questionBoards,
  questionVotes,
  sessionQuestions,
  users,
} from '../db/schema/index.js';
import { LEADERSHIP_CLASS_NAME } from './timetable.js';

/**
 * Live questions of the demo (互动答疑, issue 10):
 * - the seeds' class of January 2022: its item "互动答疑：疫情防控政策与应急指挥" after the online
 *   policy briefing, where the trainees asked 14 questions from their phones — answered in the hall
 *   or in writing, three left open, one duplicate merged, one hidden with a reason (12 counted, 9
 *   answered), with votes;
 * - two boards open by hand with moderation on, so a moderator finds work: today's afternoon lecture
 *   of the class in progress (its director `enshi.bzr` moderates) and the first lecture of the
 *   pairing's week in Zhejiang, where 刘红玉 (`liuhongyu`) has sent a question that awaits approval.
 * Questions and votes carry the board pseudonym the service computes (`keys.authorHash`); trainees
 * without an account get one from their person record, which no account can ever produce.
 */

interface DemoQuestion {
  text: string;
  anonymous?: boolean;
  status: 'pending' | 'open' | 'answered' | 'answered_in_writing' | 'hidden' | 'merged';
  votes: number;
  answer?: string;
  hiddenReason?: string;
  /** Index (in the same list) of the question a merged one duplicates. */
  mergeInto?: number;
  /** Posted by this demo account (instead of a trainee of the list). */
  username?: string;
}

/** The 2022 class's Q&A after the online briefing (after 春运 began: returnees, rural areas, 基层). */
const COVID_QA: DemoQuestion[] = [
  {
    text: '春节临近，农村地区返乡人员多、检测点少，乡镇如何做好返乡人员健康管理，又避免简单“一刀切”劝返？',
    status: 'answered',
    votes: 23,
  },
  {
    text: '发生局部聚集性疫情后，县级指挥部在最初24小时内必须完成哪些关键动作？本地流调力量不足时如何跨区域调配？',
    anonymous: true,
    status: 'answered',
    votes: 18,
  },
  {
    text: '社区网格员承担了大量排查登记任务，基层反映“表格多、重复填”，能否通过数据共享减轻基层负担？',
    status: 'answered_in_writing',
    votes: 17,
    answer:
      '省疫情防控指挥部已明确：排查登记以省健康码平台和大数据推送为准，各级不得另行要求基层重复填报同类表格。市县指挥部办公室要在春节前完成本级报表清理，保留的报表一律通过平台一次采集、多方共享；基层发现重复报送的，可向县级指挥部办公室直接反映。',
  },
  {
    text: '怎样防止层层加码、简单化处置？对“一刀切”“层层加码”的问责标准是什么？',
    anonymous: true,
    status: 'answered',
    votes: 15,
  },
  {
    text: '疫情防控常态化下，如何统筹做好中小企业复工复产和稳岗就业？',
    status: 'answered',
    votes: 12,
  },
  {
    text: '冷链食品和进口物品的“物防”环节，县一级的检测能力和人员怎么保障？',
    status: 'answered_in_writing',
    votes: 9,
    answer:
      '按照全省统一部署，每个县（市、区）至少建成1个符合生物安全二级标准的核酸检测实验室，县级疾控中心负责冷链食品和进口物品的抽检；检测能力不足的，由市级疾控中心统筹支援。检测人员培训由省疾控中心分批组织，春节前完成第一轮。',
  },
  {
    text: '乡镇卫生院发热哨点诊室的建设标准是什么？建设和运行经费从哪个渠道解决？',
    status: 'answered_in_writing',
    votes: 8,
    answer:
      '发热哨点诊室按省卫健委印发的设置指引建设，做到“三区两通道”、独立通风、专人值守。建设经费由县级财政统筹上级转移支付安排，运行经费纳入基本公共卫生服务经费保障，具体以各县卫健局、财政局联合下达的文件为准。',
  },
  {
    text: '春节期间农村集市、庙会等聚集性活动是否一律暂停？审批权限在哪一级？',
    anonymous: true,
    status: 'answered',
    votes: 7,
  },
  {
    text: '对居家隔离群众就医、买药等基本生活需求，基层怎样建立快速响应机制？',
    status: 'answered',
    votes: 6,
  },
  {
    text: '老年人疫苗接种率偏低，村干部上门动员有什么好的方法？',
    status: 'open',
    votes: 5,
  },
  {
    text: '基层在收集和使用群众个人信息开展排查时，要注意哪些保密要求？',
    anonymous: true,
    status: 'open',
    votes: 3,
  },
  {
    text: '学校寒假返校前的健康监测，是否要求学生提供核酸检测阴性证明？',
    status: 'open',
    votes: 2,
  },
  {
    text: '返乡人员是否都要求提供48小时内核酸检测阴性证明？',
    status: 'merged',
    votes: 4,
    mergeInto: 0,
  },
  {
    text: '某局领导下班后从来不接电话，这种干部就该直接撤职！',
    anonymous: true,
    status: 'hidden',
    votes: 0,
    hiddenReason:
      '涉及对具体个人的指责，不属于本次政策解读范围；反映的作风问题请通过正常渠道向纪检监察机关反映。',
  },
];

/** Today's afternoon lecture of the class in progress: moderation on, work waiting for the director. */
const RUNNING_QA: DemoQuestion[] = [
  {
    text: '突发公共卫生事件风险评估需要专业力量，基层医院缺少专职人员，能否依托医共体统一开展？',
    status: 'open',
    votes: 6,
  },
  {
    text: '医院应急演练容易流于形式，怎样把演练同日常诊疗工作结合起来？',
    anonymous: true,
    status: 'open',
    votes: 4,
  },
  {
    text: '江干区卫健系统的应急物资储备是怎样分级管理的？我们县级医院可以借鉴哪些做法？',
    status: 'pending',
    votes: 0,
  },
  {
    text: '东西部协作中杭州专家来恩施坐诊结束后，怎样把技术和管理经验真正留下来？',
    anonymous: true,
    status: 'pending',
    votes: 0,
  },
];

/** The first lecture of the pairing's week: 刘红玉 asks ahead; the question waits for approval. */
const LEADERSHIP_QA: DemoQuestion[] = [
  {
    text: '东西部协作从“输血”转向“造血”，像恩施这样的山区县，怎样借助江干区的产业和市场资源发展特色农业？',
    status: 'open',
    votes: 3,
  },
  {
    text: '恩施硒茶、药材等特色产品进入杭州市场，消费帮扶之外还能建立哪些长效机制？',
    status: 'pending',
    votes: 0,
    username: 'liuhongyu',
  },
  {
    text: '选派干部到杭州挂职，回来后如何把学到的基层治理经验用起来，避免“挂职回来一阵风”？',
    anonymous: true,
    status: 'pending',
    votes: 0,
  },
];

interface Person {
  id: string;
  name: string;
  userId: string | null;
}

async function traineesOf(db: Executor, classId: string): Promise<Person[]> {
  return db
    .select({ id: people.id, name: people.name, userId: people.userId })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(and(eq(enrollments.classId, classId), eq(enrollments.status, 'enrolled')))
    .orderBy(asc(people.namePinyin), asc(people.id));
}

async function sessionOf(db: Db, className: string, title: string) {
  const [row] = await db
    .select({ id: classSessions.id, classId: classSessions.classId, startsAt: classSessions.startsAt })
    .from(classSessions)
    .innerJoin(classes, eq(classes.id, classSessions.classId))
    .where(and(like(classes.name, className), eq(classSessions.title, title)));
  return row ?? null;
}

/**
 * Puts the questions on one board: authors and voters are trainees of the class (in a fixed order,
 * so loading is deterministic), a merged question's voters and author back the question it
 * duplicates, and every counter equals its votes.
 */
async function fillBoard(
  tx: Executor,
  services: Services,
  board: { id: string; classId: string },
  from: Date,
  list: DemoQuestion[],
  trainees: Person[],
  accounts: Map<string, { id: string; name: string }>,
  decidedBy: string | null,
): Promise<number> {
  const hash = (p: Person) => services.questions.keys.authorHash(board.id, p.userId ?? `person:${p.id}`);
  const minute = 60_000;
  const authors = list.map((q, i) => {
    const account = q.username ? accounts.get(q.username) : undefined;
    if (account) {
      const own = trainees.find((p) => p.userId === account.id);
      return own ?? { id: account.id, name: account.name, userId: account.id };
    }
    return trainees[(i * 3) % trainees.length] as Person;
  });
  const voters = list.map((q, i) => {
    const author = authors[i] as Person;
    return trainees.filter((p) => p.id !== author.id).slice(i, i + q.votes);
  });
  // A merged question's voters and author now vote for the question it duplicates.
  list.forEach((q, i) => {
    if (q.mergeInto === undefined) return;
    const target = voters[q.mergeInto] as Person[];
    const targetAuthor = authors[q.mergeInto] as Person;
    for (const p of [...(voters[i] as Person[]), authors[i] as Person])
      if (p.id !== targetAuthor.id && !target.some((t) => t.id === p.id)) target.push(p);
  });
  const ids: string[] = [];
  for (const [i, q] of list.entries()) {
    const author = authors[i] as Person;
    const createdAt = new Date(from.getTime() + (2 + i * 3) * minute);
    const decided = q.status !== 'pending' && q.status !== 'open';
    const [row] = await tx
      .insert(sessionQuestions)
      .values({
        sessionId: board.id,
        classId: board.classId,
        authorHash: hash(author),
        authorUserId: q.anonymous ? null : author.userId,
        authorName: q.anonymous ? null : author.name,
        anonymous: q.anonymous ?? false,
        text: q.text,
        status: q.status,
        votes: (voters[i] as Person[]).length,
        answer: q.answer ?? null,
        hiddenReason: q.hiddenReason ?? null,
        decidedBy: decided ? decidedBy : null,
        decidedAt: decided ? new Date(createdAt.getTime() + 20 * minute) : null,
        createdAt,
      })
      .returning({ id: sessionQuestions.id });
    if (!row) throw new Error('demo question not inserted');
    ids.push(row.id);
  }
  for (const [i, q] of list.entries()) {
    const id = ids[i] as string;
    if (q.mergeInto !== undefined)
      await tx
        .update(sessionQuestions)
        .set({ mergedInto: ids[q.mergeInto] ?? null })
        .where(eq(sessionQuestions.id, id));
    const rows = (voters[i] as Person[]).map((p, k) => ({
      questionId: id,
      voterHash: hash(p),
      createdAt: new Date(from.getTime() + (5 + i * 3 + k) * minute),
    }));
    if (rows.length > 0) await tx.insert(questionVotes).values(rows);
  }
  return list.length;
}

/** The demo's question boards unless present; returns a line for the demo's report. */
export async function loadQuestionsDemo(services: Services, db: Db, now = new Date()): Promise<string> {
  const covid = await sessionOf(db, '市县党政干部新冠肺炎疫情防控%', '互动答疑：疫情防控政策与应急指挥');
  if (!covid) return 'questions: the timetables are not loaded';
  const [done] = await db
    .select({ id: sessionQuestions.id })
    .from(sessionQuestions)
    .where(eq(sessionQuestions.sessionId, covid.id))
    .limit(1);
  if (done) return 'questions: already loaded';

  const accountRows = await db
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users);
  const accounts = new Map(accountRows.map((u) => [u.username, { id: u.id, name: u.name }]));
  const running = await sessionOf(db, '恩施市卫生健康系统管理干部能力提升班%', '卫生应急管理与风险管控');
  const leadership = await sessionOf(db, LEADERSHIP_CLASS_NAME, '东西部协作与共同富裕');
  const boards: [NonNullable<typeof covid>, DemoQuestion[], string | null][] = [
    [covid, COVID_QA, accounts.get('school.jwc')?.id ?? null],
  ];
  if (running) boards.push([running, RUNNING_QA, accounts.get('enshi.bzr')?.id ?? null]);
  if (leadership) boards.push([leadership, LEADERSHIP_QA, accounts.get('enshi.org')?.id ?? null]);

  let count = 0;
  await db.transaction(async (tx) => {
    for (const [board, list, decidedBy] of boards) {
      const trainees = await traineesOf(tx, board.classId);
      if (trainees.length === 0) continue;
      // The past item's questions came during it; the open boards' in the last hour.
      const from = board === covid ? board.startsAt : new Date(now.getTime() - 60 * 60_000);
      count += await fillBoard(tx, services, board, from, list, trainees, accounts, decidedBy);
      // The past item's board closes with it (auto); the others are open by hand, moderated.
      if (board !== covid)
        await tx
          .insert(questionBoards)
          .values({ sessionId: board.id, mode: 'open', moderation: true, updatedBy: decidedBy })
          .onConflictDoNothing();
    }
  });
  return `questions: ${count} on ${boards.length} boards (2022 Q&A; open, moderated boards of the class in progress and of ${LEADERSHIP_CLASS_NAME})`;
}
