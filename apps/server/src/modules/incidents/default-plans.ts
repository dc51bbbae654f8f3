import type { ContingencyType } from '@ganxun/domain';
import { count } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { contingencyPlans } from '../../db/schema/index.js';

interface DefaultPlan {
  title: string;
  type: ContingencyType;
  summary: string;
  steps: { text: string; role: string | null }[];
}

/**
 * The six plans the system ships (issue 9 item 2), written as a party school's 应急预案 are: who
 * acts first, who reports to whom, and what is recorded. Roles are `task_force_role` codes.
 */
export const DEFAULT_PLANS: readonly DefaultPlan[] = [
  {
    title: '突发公共卫生事件应急预案',
    type: 'public_health',
    summary:
      '培训期间出现发热、呕吐腹泻等聚集性症状或传染病疑似病例时适用。坚持“早发现、早报告、早隔离、早处置”，快速响应、快速处置。',
    steps: [
      {
        text: '发现学员发热或聚集性症状后，班主任立即了解人数、症状和接触范围，10 分钟内报告专班负责人。',
        role: 'leader',
      },
      { text: '安全保卫组引导有症状学员到临时留观室单独留观，佩戴口罩，减少与他人接触。', role: 'safety' },
      { text: '后勤保障组联系属地疾控机构和定点医院，安排专车送诊，并做好车辆消毒。', role: 'logistics' },
      { text: '教学组暂停集中授课或调整为线上直播，相关课程顺延，并通知授课专家。', role: 'teaching' },
      { text: '对教室、餐厅、住宿楼层进行通风消毒，按疾控要求排查密切接触者。', role: 'logistics' },
      {
        text: '专班负责人按规定向主办单位和属地卫生健康部门报告，统一口径，不擅自对外发布信息。',
        role: 'leader',
      },
      { text: '宣传组做好学员情绪安抚和信息告知，及时回应关切。', role: 'publicity' },
      { text: '事件处置结束后形成书面报告，总结经验，完善预案。', role: 'leader' },
    ],
  },
  {
    title: '恶劣天气应急预案',
    type: 'severe_weather',
    summary: '遇暴雨、暴雪、大风、冰冻等气象预警，影响学员出行、现场教学或报到返程时适用。',
    steps: [
      { text: '后勤保障组每日关注气象部门预警信息，黄色及以上预警时立即报告专班负责人。', role: 'logistics' },
      { text: '专班负责人研判后决定是否调整课程、取消或推迟现场教学。', role: 'leader' },
      {
        text: '教学组调整课表，将户外和异地现场教学改为室内授课或线上学习，并通知授课教师。',
        role: 'teaching',
      },
      { text: '通过班级通知公告和学员群发布调整安排，提醒学员减少外出、注意安全。', role: 'publicity' },
      { text: '后勤保障组调整接送车辆，安排防滑、防雨物资，必要时协调延住。', role: 'logistics' },
      { text: '安全保卫组检查教室、宿舍门窗和用电安全，排查积水、结冰等隐患。', role: 'safety' },
      { text: '天气恢复后恢复教学安排，缺课内容按计划补课并记录学时。', role: 'teaching' },
    ],
  },
  {
    title: '学员突发疾病或意外伤害应急预案',
    type: 'illness_injury',
    summary: '学员在课堂、住宿、用餐或现场教学途中突发疾病、受伤时适用。生命至上，先救治、后报告、再善后。',
    steps: [
      { text: '发现人员立即呼叫班主任，情况危急时直接拨打 120 急救电话。', role: null },
      { text: '班主任赶到现场，了解病情，安排学员陪同，并在 5 分钟内报告专班负责人。', role: 'leader' },
      {
        text: '安全保卫组维持现场秩序，必要时由具备资质的人员进行初步急救（如心肺复苏、止血包扎）。',
        role: 'safety',
      },
      { text: '后勤保障组安排车辆送往就近医院，携带学员身份信息，垫付必要费用。', role: 'logistics' },
      { text: '班主任联系学员所在单位和家属，告知情况和就医医院。', role: 'leader' },
      { text: '教学组为学员办理病假，调整后续学习安排，必要时安排补课。', role: 'teaching' },
      { text: '跟踪治疗情况直至学员康复或返程，做好记录并在事件结束后复盘。', role: 'leader' },
    ],
  },
  {
    title: '火灾及安全事故应急预案',
    type: 'fire_safety',
    summary: '教学楼、宿舍、餐厅发生火情、燃气泄漏、踩踏等安全事故时适用。',
    steps: [
      { text: '发现火情立即按下报警按钮，拨打 119，并报告安全保卫组。', role: 'safety' },
      { text: '安全保卫组组织使用就近灭火器扑救初起火灾，切断相关区域电源、气源。', role: 'safety' },
      { text: '班主任和各组组长按疏散路线组织学员撤离到指定集合点，不乘电梯。', role: 'leader' },
      { text: '到达集合点后按花名册清点人数，发现缺员立即报告现场救援人员。', role: 'leader' },
      { text: '后勤保障组联系医疗救护，安置受伤人员，准备临时教学和住宿场所。', role: 'logistics' },
      { text: '专班负责人向主办单位和有关部门报告，配合调查。', role: 'leader' },
      { text: '宣传组统一对外信息发布，做好学员和家属的沟通。', role: 'publicity' },
    ],
  },
  {
    title: '网络直播期间停电或网络中断应急预案',
    type: 'power_network',
    summary: '线上视频直播、政策解读或互动答疑期间出现停电、网络中断、平台故障时适用，确保教学不中断。',
    steps: [
      { text: '直播前一天完成设备联调，准备备用电源（UPS）、4G/5G 备用网络和备用电脑。', role: 'teaching' },
      { text: '中断发生后，技术保障人员 1 分钟内判断故障原因，切换备用电源或备用网络。', role: 'logistics' },
      { text: '主持人在会场向学员说明情况，组织学员有序等待或先进行分组讨论。', role: 'teaching' },
      { text: '通过班级通知和学员群告知线上分会场暂停和预计恢复时间。', role: 'publicity' },
      {
        text: '10 分钟内不能恢复的，启用录播课件或调整课程顺序，并与主讲专家协商补播时间。',
        role: 'teaching',
      },
      { text: '恢复后检查回放录制是否完整，缺失部分安排补录。', role: 'teaching' },
      { text: '事后记录中断时长和原因，报专班负责人，完善设备保障清单。', role: 'leader' },
    ],
  },
  {
    title: '授课教师未能按时到课应急预案',
    type: 'lecturer_absent',
    summary: '授课专家因交通、健康或其他原因不能按时到课时适用，保证课堂不空档。',
    steps: [
      { text: '课前一天再次与授课教师确认行程；开课前 30 分钟未到达的，立即电话联系。', role: 'teaching' },
      { text: '确认无法按时到课的，教学组报告专班负责人，提出调课方案。', role: 'teaching' },
      { text: '优先与后续课程对调；无法对调的，由备选教师授课或安排视频课、专题研讨。', role: 'teaching' },
      { text: '班主任在课堂上说明调整，组织学员开展自学讨论，维持课堂秩序。', role: 'leader' },
      { text: '通过班级通知发布调整后的课表。', role: 'publicity' },
      { text: '与授课教师商定补课时间，更新课表和学时记录。', role: 'teaching' },
    ],
  },
];

/**
 * Fills an empty library with the default plans (once: a library that has any plan, archived or
 * not, is left alone). Called at startup and by the demo; returns how many were created.
 */
export async function ensureDefaultPlans(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contingencyPlans);
  if (Number(row?.n ?? 0) > 0) return 0;
  await db
    .insert(contingencyPlans)
    .values(DEFAULT_PLANS.map((p) => ({ title: p.title, type: p.type, summary: p.summary, steps: p.steps })));
  return DEFAULT_PLANS.length;
}
