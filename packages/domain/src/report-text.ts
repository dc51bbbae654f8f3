import {
  type DirectionFigures,
  exchangeNarrative,
  type JointClassFigures,
  type NarrativeScript,
  type ScriptName,
} from './exchange.js';
import type { GeneratedDocument } from './stats.js';

/**
 * Generated documents (issue 8): an annual work summary and a class news brief, written from
 * computed figures in the style of the seeds ("…联合举办…系列专题研讨班17个，培训2510人，涉及…等
 * 各方面工作"; "1月13日至14日，…举办。来自全省17个市、州…参加了培训。"). Template sentences only,
 * no external service. The fixed words exist in both scripts; every name comes in both scripts
 * from the caller (region names in their checked forms), so nothing here converts characters
 * (江干区 stays 江干區, never 江乾區). Numbers are Arabic without separators, as the seeds write
 * them; percentages have one decimal.
 */

/** Figures over a period: counts, and rates (0–1) or a mean score (1–5) that may be unknown. */
export interface TrainingTotals {
  classes: number;
  /** 人: distinct people. */
  people: number;
  /** 人次: enrolments. */
  personTimes: number;
  /** 学时 credited to completed enrolments. */
  hours: number;
  attendanceRate: number | null;
  satisfaction: number | null;
  completionRate: number | null;
}

/** A series of classes under one planned item ("系列专题研讨班"). */
export interface SeriesFigures {
  name: ScriptName;
  classes: number;
  people: number;
  personTimes: number;
  /** Topics of its classes, in the order the classes were held. */
  topics: ScriptName[];
  /** Co-organising units ("会同…联合举办"). */
  partners: ScriptName[];
}

/** One pairing's exchange in the year (the sentences come from `exchangeNarrative`). */
export interface ExchangeFigures {
  pairing: ScriptName;
  directions: DirectionFigures[];
  jointClasses: JointClassFigures | null;
}

export interface AnnualSummaryFigures {
  year: number;
  /** Whose work: the organiser's name, or the reader's scope ("湖北省"). */
  subject: ScriptName;
  totals: TrainingTotals;
  certificates: number;
  /** Per class kind ("主体班", "专题研讨班"…), largest first. */
  byKind: { kind: ScriptName; classes: number; people: number; personTimes: number }[];
  series: SeriesFigures[];
  exchange: ExchangeFigures[];
}

export interface ClassBriefFigures {
  className: ScriptName;
  startDate: string | null;
  endDate: string | null;
  /** The host institution (where it was held), if any. */
  host: ScriptName | null;
  leadOrganiser: ScriptName;
  coOrganisers: ScriptName[];
  people: number;
  /** City-level places (市、州) the trainees came from. */
  cities: number;
  /** Some trainees came from province-level units (省直单位). */
  provincialUnits: boolean;
  /** All trainees came from one province (the seeds' "全省"). */
  oneProvince: boolean;
  /** Lecture titles, in timetable order. */
  topics: ScriptName[];
  lecturers: ScriptName[];
  attendanceRate: number | null;
  satisfaction: number | null;
  completionRate: number | null;
  certificates: number;
  completed: boolean;
  /**
   * Live questions (互动答疑, issue 10; added): questions asked on the class's boards (hidden and
   * merged ones not counted) and how many were answered orally or in writing. Absent or 0: no sentence.
   */
  questions?: { asked: number; answered: number };
}

const MAX_TOPICS = 12;
const MAX_LECTURERS = 8;
const CN_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const WORDS = {
  'zh-CN': {
    summaryTitle: (subject: string, year: number) => `${subject}${year}年度干部教育培训工作总结`,
    h1: '一、总体情况',
    h2: '二、主要做法和成效',
    h3: '三、干部人才交流',
    h4: '四、下一步工作打算',
    overall: (year: number, subject: string, t: TrainingTotals) =>
      `${year}年，${subject}共举办各类干部教育培训班${t.classes}期，培训学员${t.people}人、${t.personTimes}人次`,
    hours: (h: string) => `，累计完成培训${h}学时`,
    noClasses: (year: number, subject: string) => `${year}年，${subject}暂无已举办的干部教育培训班。`,
    kinds: (parts: string[]) => `其中，${parts.join('；')}。`,
    kind: (label: string, classes: number, personTimes: number) =>
      `${label}${classes}期、培训${personTimes}人次`,
    series: (s: { partners: string; name: string; classes: number; trained: string; topics: string }) =>
      `${s.partners}举办${s.name}${s.classes}个，培训${s.trained}${s.topics}。`,
    partners: (names: string[], more: boolean) => `会同${names.join('、')}${more ? '等单位' : ''}联合`,
    trained: (people: number, personTimes: number) =>
      people === personTimes ? `${people}人` : `${people}人、${personTimes}人次`,
    topics: (list: string[]) => `，涉及${list.join('、')}等各方面工作`,
    attendance: (p: string) => `全年学员平均出勤率为${p}`,
    satisfaction: (s: string) => `参训学员对培训的总体满意度平均为${s}分（满分5分）`,
    completion: (p: string) => `学员结业率为${p}`,
    certificates: (n: number) => `颁发结业证书${n}份`,
    noQuality: '各项培训任务均按计划完成。',
    exchange: (pairing: string, sentences: string) => `${pairing}：${sentences}`,
    plans: (year: number) =>
      `${year}年，将继续围绕中心、服务大局，充分发挥干部教育培训的作用：一是提高政治站位，增强培训的针对性和实效性；二是加强统筹谋划，将主体班和专题班教学培训同部署同推进，做到早谋划、细安排，精心设计方案；三是做好应急预案，专题培训班时间紧、任务重、涉及面广，做到快响应、速处置；四是提升精细化管理水平，坚持精准高效、保障到位，为培训学员提供优质服务。`,
    numbered: (i: number, title: string) => `（${CN_ORDINALS[i] ?? i + 1}）${title}`,
    qualityTitle: '培训质量和成效',
    sep: '、',
    semi: '；',
    stop: '。',
    // Class brief
    briefTitle: (name: string, host: string | null) => (host ? `${name}在${host}举办` : `${name}举办`),
    held: (date: string, name: string, host: string | null) =>
      `${date ? `${date}，` : ''}${name}${host ? `在${host}` : ''}举办。`,
    organisers: (lead: string, co: string[]) =>
      co.length > 0 ? `本次培训班由${lead}会同${co.join('、')}共同举办。` : `本次培训班由${lead}主办。`,
    from: (b: { province: boolean; cities: number; provincial: boolean }) => {
      const where = b.province ? '全省' : '';
      if (b.cities > 0 && b.provincial) return `来自${where}${b.cities}个市、州和省直有关单位的`;
      if (b.cities > 0) return `来自${where}${b.cities}个市、州的`;
      if (b.provincial) return '来自省直有关单位的';
      return '';
    },
    trainees: (from: string, people: number) => `${from}学员${people}人参加了培训。`,
    noTrainees: '本次培训班暂无学员报到。',
    lectures: (topics: string[], more: boolean) =>
      `培训期间，围绕${topics.map((t) => `“${t}”`).join('')}${more ? '等' : ''}专题开展专题讲授`,
    lecturers: (names: string[], more: boolean) => `，邀请${names.join('、')}${more ? '等' : ''}专家学者授课`,
    noLectures: '培训内容丰富，培训形式多样',
    questions: (asked: number, answered: number) =>
      `互动答疑环节，学员共提出问题${asked}个${answered > 0 ? `，其中${answered}个得到现场或书面解答` : ''}。`,
    discipline: '学员们以饱满的学习热情、积极的学习态度、严肃的学习纪律参加培训',
    briefAttendance: (p: string) => `出勤率为${p}`,
    briefSatisfaction: (s: string) => `对本次培训的满意度平均为${s}分（满分5分）`,
    briefCompletion: (p: string) => `经考核，学员结业率为${p}`,
    briefCertificates: (n: number) => `${n}名学员获颁结业证书`,
    finished: '本次培训班圆满完成了各项培训任务。',
  },
  'zh-TW': {
    summaryTitle: (subject: string, year: number) => `${subject}${year}年度幹部教育培訓工作總結`,
    h1: '一、總體情況',
    h2: '二、主要做法和成效',
    h3: '三、幹部人才交流',
    h4: '四、下一步工作打算',
    overall: (year: number, subject: string, t: TrainingTotals) =>
      `${year}年，${subject}共舉辦各類幹部教育培訓班${t.classes}期，培訓學員${t.people}人、${t.personTimes}人次`,
    hours: (h: string) => `，累計完成培訓${h}學時`,
    noClasses: (year: number, subject: string) => `${year}年，${subject}暫無已舉辦的幹部教育培訓班。`,
    kinds: (parts: string[]) => `其中，${parts.join('；')}。`,
    kind: (label: string, classes: number, personTimes: number) =>
      `${label}${classes}期、培訓${personTimes}人次`,
    series: (s: { partners: string; name: string; classes: number; trained: string; topics: string }) =>
      `${s.partners}舉辦${s.name}${s.classes}個，培訓${s.trained}${s.topics}。`,
    partners: (names: string[], more: boolean) => `會同${names.join('、')}${more ? '等單位' : ''}聯合`,
    trained: (people: number, personTimes: number) =>
      people === personTimes ? `${people}人` : `${people}人、${personTimes}人次`,
    topics: (list: string[]) => `，涉及${list.join('、')}等各方面工作`,
    attendance: (p: string) => `全年學員平均出勤率為${p}`,
    satisfaction: (s: string) => `參訓學員對培訓的總體滿意度平均為${s}分（滿分5分）`,
    completion: (p: string) => `學員結業率為${p}`,
    certificates: (n: number) => `頒發結業證書${n}份`,
    noQuality: '各項培訓任務均按計劃完成。',
    exchange: (pairing: string, sentences: string) => `${pairing}：${sentences}`,
    plans: (year: number) =>
      `${year}年，將繼續圍繞中心、服務大局，充分發揮幹部教育培訓的作用：一是提高政治站位，增強培訓的針對性和實效性；二是加強統籌謀劃，將主體班和專題班教學培訓同部署同推進，做到早謀劃、細安排，精心設計方案；三是做好應急預案，專題培訓班時間緊、任務重、涉及面廣，做到快響應、速處置；四是提升精細化管理水平，堅持精準高效、保障到位，為培訓學員提供優質服務。`,
    numbered: (i: number, title: string) => `（${CN_ORDINALS[i] ?? i + 1}）${title}`,
    qualityTitle: '培訓質量和成效',
    sep: '、',
    semi: '；',
    stop: '。',
    briefTitle: (name: string, host: string | null) => (host ? `${name}在${host}舉辦` : `${name}舉辦`),
    held: (date: string, name: string, host: string | null) =>
      `${date ? `${date}，` : ''}${name}${host ? `在${host}` : ''}舉辦。`,
    organisers: (lead: string, co: string[]) =>
      co.length > 0 ? `本次培訓班由${lead}會同${co.join('、')}共同舉辦。` : `本次培訓班由${lead}主辦。`,
    from: (b: { province: boolean; cities: number; provincial: boolean }) => {
      const where = b.province ? '全省' : '';
      if (b.cities > 0 && b.provincial) return `來自${where}${b.cities}個市、州和省直有關單位的`;
      if (b.cities > 0) return `來自${where}${b.cities}個市、州的`;
      if (b.provincial) return '來自省直有關單位的';
      return '';
    },
    trainees: (from: string, people: number) => `${from}學員${people}人參加了培訓。`,
    noTrainees: '本次培訓班暫無學員報到。',
    lectures: (topics: string[], more: boolean) =>
      `培訓期間，圍繞${topics.map((t) => `「${t}」`).join('')}${more ? '等' : ''}專題開展專題講授`,
    lecturers: (names: string[], more: boolean) => `，邀請${names.join('、')}${more ? '等' : ''}專家學者授課`,
    noLectures: '培訓內容豐富，培訓形式多樣',
    questions: (asked: number, answered: number) =>
      `互動答疑環節，學員共提出問題${asked}個${answered > 0 ? `，其中${answered}個得到現場或書面解答` : ''}。`,
    discipline: '學員們以飽滿的學習熱情、積極的學習態度、嚴肅的學習紀律參加培訓',
    briefAttendance: (p: string) => `出勤率為${p}`,
    briefSatisfaction: (s: string) => `對本次培訓的滿意度平均為${s}分（滿分5分）`,
    briefCompletion: (p: string) => `經考核，學員結業率為${p}`,
    briefCertificates: (n: number) => `${n}名學員獲頒結業證書`,
    finished: '本次培訓班圓滿完成了各項培訓任務。',
  },
} as const;

/** A rate (0–1) as a percentage with one decimal: 0.9634 → "96.3%". */
export function percentText(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A mean score with two decimals at most: 4.6 → "4.6", 4.625 → "4.63". */
export function scoreText(score: number): string {
  return String(Math.round(score * 100) / 100);
}

/** Hours without a trailing ".0": 1234 → "1234", 12.5 → "12.5". */
export function hoursText(hours: number): string {
  return String(Math.round(hours * 10) / 10);
}

/**
 * A period as the news reports write it: "2022年1月13日至14日", "2021年1月30日至2月2日",
 * "2021年12月30日至2022年1月2日"; one day alone when the end is missing or the same.
 */
export function periodText(start: string | null, end: string | null): string {
  if (!start) return '';
  const [y1, m1, d1] = start.split('-').map(Number) as [number, number, number];
  const first = `${y1}年${m1}月${d1}日`;
  if (!end || end === start) return first;
  const [y2, m2, d2] = end.split('-').map(Number) as [number, number, number];
  if (y2 !== y1) return `${first}至${y2}年${m2}月${d2}日`;
  if (m2 !== m1) return `${first}至${m2}月${d2}日`;
  return `${first}至${d2}日`;
}

const pick = (script: NarrativeScript) => (n: ScriptName) => (script === 'zh-TW' ? n.zhTW : n.zhCN);

/** Distinct names in order (the same topic held twice is listed once). */
function distinct(names: string[]): string[] {
  return [...new Set(names.filter((n) => n.trim() !== ''))];
}

/**
 * The annual work summary (年度干部教育培训工作总结): 一、总体情况 (classes, 人 and 人次, 学时, by
 * kind), 二、主要做法和成效 (each series with its classes, trainees and topics; attendance,
 * satisfaction, completion and certificates), 三、干部人才交流 (only when there was exchange),
 * 四、下一步工作打算.
 */
export function annualSummaryText(figures: AnnualSummaryFigures, script: NarrativeScript): GeneratedDocument {
  const w = WORDS[script];
  const name = pick(script);
  const subject = name(figures.subject);
  const t = figures.totals;
  const paragraphs: GeneratedDocument['paragraphs'] = [];
  const heading = (text: string) => paragraphs.push({ heading: true, text });
  const para = (text: string) => paragraphs.push({ heading: false, text });

  heading(w.h1);
  if (t.classes === 0) para(w.noClasses(figures.year, subject));
  else {
    let text = w.overall(figures.year, subject, t);
    if (t.hours > 0) text += w.hours(hoursText(t.hours));
    text += w.stop;
    const kinds = figures.byKind
      .filter((k) => k.classes > 0)
      .map((k) => w.kind(name(k.kind), k.classes, k.personTimes));
    if (kinds.length > 0) text += w.kinds(kinds);
    para(text);
  }

  heading(w.h2);
  figures.series.forEach((s, i) => {
    const partners = distinct(s.partners.map(name));
    const topics = distinct(s.topics.map(name));
    const shown = topics.slice(0, MAX_TOPICS);
    para(
      `${w.numbered(i, `${figures.year}年，`)}${w.series({
        partners: partners.length > 0 ? w.partners(partners.slice(0, 5), partners.length > 5) : '',
        name: name(s.name),
        classes: s.classes,
        trained: w.trained(s.people, s.personTimes),
        topics: shown.length > 0 ? w.topics(shown) : '',
      })}`,
    );
  });
  const quality: string[] = [];
  if (t.attendanceRate !== null) quality.push(w.attendance(percentText(t.attendanceRate)));
  if (t.satisfaction !== null) quality.push(w.satisfaction(scoreText(t.satisfaction)));
  if (t.completionRate !== null) quality.push(w.completion(percentText(t.completionRate)));
  if (figures.certificates > 0) quality.push(w.certificates(figures.certificates));
  if (quality.length > 0)
    para(`${w.numbered(figures.series.length, w.qualityTitle)}${w.stop}${quality.join(w.semi)}${w.stop}`);
  else if (figures.series.length === 0) para(w.noQuality);

  const exchange = figures.exchange
    .map((e) => ({
      pairing: name(e.pairing),
      sentences: exchangeNarrative(
        {
          fromYear: figures.year,
          toYear: figures.year,
          directions: e.directions,
          jointClasses: e.jointClasses,
        },
        script,
      ),
    }))
    .filter((e) => e.sentences.length > 0);
  if (exchange.length > 0) {
    heading(w.h3);
    for (const e of exchange) para(w.exchange(e.pairing, e.sentences.join('')));
  }

  heading(exchange.length > 0 ? w.h4 : w.h4.replace('四', '三'));
  para(w.plans(figures.year + 1));

  return { title: w.summaryTitle(subject, figures.year), script, paragraphs };
}

/**
 * A class's news brief (新闻简报), in the order of the seed's report: when and where it was held and
 * by whom; how many trainees came from how many cities and prefectures; what the lectures were
 * about and who gave them (and the questions trainees asked, when they asked any); attendance,
 * satisfaction and completion when they are known.
 */
export function classBriefText(figures: ClassBriefFigures, script: NarrativeScript): GeneratedDocument {
  const w = WORDS[script];
  const name = pick(script);
  const className = name(figures.className);
  const host = figures.host ? name(figures.host) : null;
  const paragraphs: GeneratedDocument['paragraphs'] = [];
  const para = (text: string) => paragraphs.push({ heading: false, text });

  const lead = name(figures.leadOrganiser);
  const co = distinct(figures.coOrganisers.map(name)).filter((n) => n !== lead);
  let first =
    w.held(periodText(figures.startDate, figures.endDate), className, host) + w.organisers(lead, co);
  first +=
    figures.people > 0
      ? w.trainees(
          w.from({
            province: figures.oneProvince,
            cities: figures.cities,
            provincial: figures.provincialUnits,
          }),
          figures.people,
        )
      : w.noTrainees;
  para(first);

  const topics = distinct(figures.topics.map(name));
  const lecturers = distinct(figures.lecturers.map(name));
  let second =
    topics.length > 0 ? w.lectures(topics.slice(0, MAX_TOPICS), topics.length > MAX_TOPICS) : w.noLectures;
  if (lecturers.length > 0)
    second += w.lecturers(lecturers.slice(0, MAX_LECTURERS), lecturers.length > MAX_LECTURERS);
  second += w.stop;
  const asked = figures.questions?.asked ?? 0;
  if (asked > 0) second += w.questions(asked, Math.min(figures.questions?.answered ?? 0, asked));
  para(second);

  const figuresText: string[] = [];
  if (figures.attendanceRate !== null)
    figuresText.push(w.briefAttendance(percentText(figures.attendanceRate)));
  if (figures.satisfaction !== null) figuresText.push(w.briefSatisfaction(scoreText(figures.satisfaction)));
  let third = '';
  if (figures.people > 0)
    third = w.discipline + (figuresText.length > 0 ? `，${figuresText.join('，')}` : '');
  if (third) third += w.stop;
  const completion: string[] = [];
  if (figures.completionRate !== null)
    completion.push(w.briefCompletion(percentText(figures.completionRate)));
  if (figures.certificates > 0) completion.push(w.briefCertificates(figures.certificates));
  if (completion.length > 0) third += completion.join('，') + w.stop;
  if (figures.completed && figures.people > 0) third += w.finished;
  if (third) para(third);

  return { title: w.briefTitle(className, host), script, paragraphs };
}
