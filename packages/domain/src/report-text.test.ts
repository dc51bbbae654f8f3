import { describe, expect, it } from 'vitest';
import {
  type AnnualSummaryFigures,
  annualSummaryText,
  type ClassBriefFigures,
  classBriefText,
  percentText,
  periodText,
} from './report-text.js';

const both = (zhCN: string, zhTW: string) => ({ zhCN, zhTW });

const summary: AnnualSummaryFigures = {
  year: 2021,
  subject: both('中共湖北省委党校', '中共湖北省委黨校'),
  totals: {
    classes: 20,
    people: 2900,
    personTimes: 3010,
    hours: 12345.5,
    attendanceRate: 0.96345,
    satisfaction: 4.625,
    completionRate: 0.98,
  },
  certificates: 2850,
  byKind: [
    { kind: both('专题研讨班', '專題研討班'), classes: 17, people: 2510, personTimes: 2510 },
    { kind: both('主体班', '主體班'), classes: 3, people: 420, personTimes: 500 },
  ],
  series: [
    {
      name: both('系列专题研讨班', '系列專題研討班'),
      classes: 17,
      people: 2510,
      personTimes: 2510,
      topics: [
        both('科技创新', '科技創新'),
        both('智慧城市建设', '智慧城市建設'),
        both('科技创新', '科技創新'),
      ],
      partners: [both('湖北省科学技术厅', '湖北省科學技術廳')],
    },
  ],
  exchange: [],
};

const brief: ClassBriefFigures = {
  className: both('市县党政干部疫情防控专题培训班', '市縣黨政幹部疫情防控專題培訓班'),
  startDate: '2022-01-13',
  endDate: '2022-01-14',
  host: both('省委党校', '省委黨校'),
  leadOrganiser: both('省疫情防控指挥部', '省疫情防控指揮部'),
  coOrganisers: [both('省委组织部', '省委組織部'), both('省委党校', '省委黨校')],
  people: 150,
  cities: 17,
  provincialUnits: false,
  oneProvince: true,
  topics: [both('常态化疫情防控', '常態化疫情防控'), both('应急处置', '應急處置')],
  lecturers: [both('张三', '張三'), both('李四', '李四')],
  attendanceRate: 0.975,
  satisfaction: 4.8,
  completionRate: 1,
  certificates: 150,
  completed: true,
};

describe('number and date forms', () => {
  it('writes percentages with one decimal and periods as the seeds do', () => {
    expect(percentText(0.96345)).toBe('96.3%');
    expect(percentText(1)).toBe('100.0%');
    expect(periodText('2022-01-13', '2022-01-14')).toBe('2022年1月13日至14日');
    expect(periodText('2021-01-30', '2021-02-02')).toBe('2021年1月30日至2月2日');
    expect(periodText('2021-12-30', '2022-01-02')).toBe('2021年12月30日至2022年1月2日');
    expect(periodText('2021-05-01', null)).toBe('2021年5月1日');
    expect(periodText(null, null)).toBe('');
  });
});

describe('annualSummaryText', () => {
  it('states the totals, kinds, the series with its topics, and the quality figures', () => {
    const doc = annualSummaryText(summary, 'zh-CN');
    expect(doc.title).toBe('中共湖北省委党校2021年度干部教育培训工作总结');
    const text = doc.paragraphs.map((p) => p.text);
    expect(doc.paragraphs.filter((p) => p.heading).map((p) => p.text)).toEqual([
      '一、总体情况',
      '二、主要做法和成效',
      '三、下一步工作打算',
    ]);
    expect(text[1]).toBe(
      '2021年，中共湖北省委党校共举办各类干部教育培训班20期，培训学员2900人、3010人次，累计完成培训12345.5学时。其中，专题研讨班17期、培训2510人次；主体班3期、培训500人次。',
    );
    expect(text[3]).toBe(
      '（一）2021年，会同湖北省科学技术厅联合举办系列专题研讨班17个，培训2510人，涉及科技创新、智慧城市建设等各方面工作。',
    );
    expect(text[4]).toContain('平均出勤率为96.3%');
    expect(text[4]).toContain('满意度平均为4.63分（满分5分）');
    expect(text[4]).toContain('结业率为98.0%');
    expect(text[4]).toContain('颁发结业证书2850份');
    expect(text.at(-1)).toMatch(/^2022年，/);
  });

  it('writes Traditional Chinese with the names given, never converting them', () => {
    const doc = annualSummaryText(
      {
        ...summary,
        subject: both('杭州市江干区', '杭州市江干區'),
        exchange: [
          {
            pairing: both('恩施—江干东西部协作', '恩施—江干東西部協作'),
            directions: [
              {
                sending: both('恩施市', '恩施市'),
                receiving: both('江干区', '江干區'),
                cadres: 2,
                professionals: 3,
                bySpecialty: { medical: 2, education: 1, agriculture: 0, other: 0 },
              },
            ],
            jointClasses: null,
          },
        ],
      },
      'zh-TW',
    );
    const all = [doc.title, ...doc.paragraphs.map((p) => p.text)].join('\n');
    expect(doc.title).toBe('杭州市江干區2021年度幹部教育培訓工作總結');
    expect(all).toContain('三、幹部人才交流');
    expect(all).toContain(
      '2021年，恩施市選派黨政幹部2名、專業技術人才3名（其中醫生2名、教師1名）赴江干區掛職交流。',
    );
    expect(all).toContain('四、下一步工作打算');
    expect(all).not.toContain('江乾');
    expect(all).not.toMatch(/[们这为发总体]/);
  });

  it('says so when nothing was held', () => {
    const doc = annualSummaryText(
      {
        ...summary,
        totals: {
          ...summary.totals,
          classes: 0,
          people: 0,
          personTimes: 0,
          hours: 0,
          attendanceRate: null,
          satisfaction: null,
          completionRate: null,
        },
        certificates: 0,
        byKind: [],
        series: [],
      },
      'zh-CN',
    );
    expect(doc.paragraphs[1]?.text).toBe('2021年，中共湖北省委党校暂无已举办的干部教育培训班。');
    expect(doc.paragraphs[3]?.text).toBe('各项培训任务均按计划完成。');
  });
});

describe('classBriefText', () => {
  it('reads like the seed: when, where, by whom, from how many cities, what and who', () => {
    const doc = classBriefText(brief, 'zh-CN');
    expect(doc.title).toBe('市县党政干部疫情防控专题培训班在省委党校举办');
    expect(doc.paragraphs.every((p) => !p.heading)).toBe(true);
    const [first, second, third] = doc.paragraphs.map((p) => p.text);
    expect(first).toBe(
      '2022年1月13日至14日，市县党政干部疫情防控专题培训班在省委党校举办。本次培训班由省疫情防控指挥部会同省委组织部、省委党校共同举办。来自全省17个市、州的学员150人参加了培训。',
    );
    expect(second).toBe(
      '培训期间，围绕“常态化疫情防控”“应急处置”专题开展专题讲授，邀请张三、李四专家学者授课。',
    );
    expect(third).toContain('出勤率为97.5%');
    expect(third).toContain('满意度平均为4.8分');
    expect(third).toContain('结业率为100.0%');
    expect(third).toContain('150名学员获颁结业证书');
  });

  it('leaves out what is unknown, and names provincial units', () => {
    const doc = classBriefText(
      {
        ...brief,
        provincialUnits: true,
        attendanceRate: null,
        satisfaction: null,
        completionRate: null,
        certificates: 0,
        completed: false,
        topics: [],
        lecturers: [],
      },
      'zh-TW',
    );
    const all = doc.paragraphs.map((p) => p.text).join('');
    expect(all).toContain('來自全省17個市、州和省直有關單位的學員150人參加了培訓。');
    expect(all).not.toContain('出勤率');
    expect(all).not.toContain('滿意度');
    expect(all).not.toContain('結業率');
  });

  it('states the questions trainees asked and how many were answered, in both scripts', () => {
    const withQuestions = { ...brief, questions: { asked: 12, answered: 9 } };
    const second = classBriefText(withQuestions, 'zh-CN').paragraphs[1]?.text;
    expect(second).toBe(
      '培训期间，围绕“常态化疫情防控”“应急处置”专题开展专题讲授，邀请张三、李四专家学者授课。互动答疑环节，学员共提出问题12个，其中9个得到现场或书面解答。',
    );
    const tw = classBriefText(withQuestions, 'zh-TW').paragraphs[1]?.text;
    expect(tw).toContain('互動答疑環節，學員共提出問題12個，其中9個得到現場或書面解答。');
    // None answered: only the count; none asked (or unknown): no sentence at all.
    const unanswered = classBriefText({ ...brief, questions: { asked: 3, answered: 0 } }, 'zh-CN');
    expect(unanswered.paragraphs[1]?.text).toMatch(/学员共提出问题3个。$/);
    for (const questions of [undefined, { asked: 0, answered: 0 }])
      expect(
        classBriefText({ ...brief, questions }, 'zh-CN')
          .paragraphs.map((p) => p.text)
          .join(''),
      ).not.toContain('互动答疑');
  });

  it('keeps 江干區 in a Traditional brief', () => {
    const doc = classBriefText(
      { ...brief, leadOrganiser: both('中共杭州市江干区委组织部', '中共杭州市江干區委組織部') },
      'zh-TW',
    );
    const all = doc.paragraphs.map((p) => p.text).join('');
    expect(all).toContain('江干區');
    expect(all).not.toContain('江乾');
  });
});
