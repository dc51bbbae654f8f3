import type { ContingencyType, MessageLocale } from '@ganxun/domain';
import { cjkSpaces, openPdf, stampFooters } from '../../platform/pdf.js';

/** A plan as printed: its steps with the responsible role's name already looked up. */
export interface PrintedPlan {
  title: string;
  type: ContingencyType;
  summary: string | null;
  steps: { text: string; roleName: string | null }[];
}

const WORDS = {
  'zh-CN': {
    type: '预案类型',
    summary: '适用范围',
    steps: '处置步骤',
    role: '责任',
    anyone: '现场人员',
    classTitle: (name: string) => `${name}\n应急预案`,
    footer: (n: number, m: number) => `第 ${n} 页 共 ${m} 页`,
    sep: '：',
  },
  'zh-TW': {
    type: '預案類型',
    summary: '適用範圍',
    steps: '處置步驟',
    role: '責任',
    anyone: '現場人員',
    classTitle: (name: string) => `${name}\n應急預案`,
    footer: (n: number, m: number) => `第 ${n} 頁 共 ${m} 頁`,
    sep: '：',
  },
  en: {
    type: 'Type',
    summary: 'Applies to',
    steps: 'Steps',
    role: 'By',
    anyone: 'whoever is present',
    classTitle: (name: string) => `${name}\nContingency plans`,
    footer: (n: number, m: number) => `Page ${n} of ${m}`,
    sep: ': ',
  },
} as const;

/** Contingency types in words (the PDF and the notice; the console has its own in i18n). */
export const CONTINGENCY_TYPE_WORDS: Record<MessageLocale, Record<ContingencyType, string>> = {
  'zh-CN': {
    public_health: '突发公共卫生事件',
    severe_weather: '恶劣天气',
    illness_injury: '学员突发疾病或受伤',
    fire_safety: '火灾及安全事故',
    power_network: '停电或网络中断',
    lecturer_absent: '授课教师未到',
    other: '其他',
  },
  'zh-TW': {
    public_health: '突發公共衛生事件',
    severe_weather: '惡劣天氣',
    illness_injury: '學員突發疾病或受傷',
    fire_safety: '火災及安全事故',
    power_network: '停電或網路中斷',
    lecturer_absent: '授課教師未到',
    other: '其他',
  },
  en: {
    public_health: 'Public health event',
    severe_weather: 'Severe weather',
    illness_injury: 'Illness or injury',
    fire_safety: 'Fire and safety',
    power_network: 'Power or network failure',
    lecturer_absent: 'Lecturer absent',
    other: 'Other',
  },
};

/**
 * 应急预案 on A4: one plan per page run (a long one flows on), each with its title, type, scope
 * and numbered steps naming who acts; a class's set starts with the class's name on its first page.
 */
export async function plansPdf(options: {
  locale: MessageLocale;
  plans: PrintedPlan[];
  className?: string;
}): Promise<{ file: Buffer; pages: number }> {
  const w = WORDS[options.locale];
  const docTitle = options.className
    ? w.classTitle(options.className).replace('\n', ' ')
    : (options.plans[0]?.title ?? '');
  const { doc, finish } = openPdf({ locale: options.locale, title: docTitle, margin: 56 });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const line = (text: string, size: number, opts: PDFKit.Mixins.TextOptions = {}) =>
    doc.fontSize(size).text(cjkSpaces(text), { width, ...opts });

  if (options.className) {
    doc.moveDown(6);
    line(w.classTitle(options.className), 22, { align: 'center', lineGap: 8 });
    doc.moveDown(2);
    options.plans.forEach((p, i) => {
      line(`${i + 1}. ${p.title}`, 12, { align: 'left', lineGap: 4 });
    });
  }
  options.plans.forEach((plan, index) => {
    if (options.className || index > 0) doc.addPage();
    line(plan.title, 18, { align: 'center' });
    doc.moveDown(0.8);
    line(`${w.type}${w.sep}${CONTINGENCY_TYPE_WORDS[options.locale][plan.type]}`, 11);
    if (plan.summary) {
      doc.moveDown(0.3);
      line(`${w.summary}${w.sep}${plan.summary}`, 11, { lineGap: 3 });
    }
    doc.moveDown(0.8);
    line(w.steps, 13);
    doc.moveDown(0.3);
    plan.steps.forEach((step, i) => {
      line(`${i + 1}. ${step.text}`, 11, { lineGap: 3, indent: 0 });
      doc.fillColor('#555555');
      line(`${w.role}${w.sep}${step.roleName ?? w.anyone}`, 9.5, { indent: 16 });
      doc.fillColor('#000000');
      doc.moveDown(0.5);
    });
  });
  stampFooters(doc, w.footer);
  const pages = doc.bufferedPageRange().count;
  return { file: await finish(), pages };
}
