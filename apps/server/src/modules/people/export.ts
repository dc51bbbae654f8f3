import { PassThrough } from 'node:stream';
import { type MessageLocale, type PersonFilter, trainingRequirement } from '@ganxun/domain';
import { and, asc, count, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { people, regions } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { listSummaries, type PersonSummary, peopleWhere } from './query.js';
import type { PersonService } from './service.js';

/** Largest export: beyond it the reader is asked to narrow the filter (a sheet that size is no list). */
export const EXPORT_LIMIT = 50_000;
const BATCH = 2_000;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII fallback and the real (Chinese) name per RFC 5987 / RFC 6266. */
export function contentDisposition(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

type Lang = 'zh-CN' | 'zh-TW';
/** Headers and labels are Chinese whatever the reader's language (a roster goes to Chinese offices). */
const langOf = (locale: MessageLocale): Lang => (locale === 'zh-TW' ? 'zh-TW' : 'zh-CN');

const HEADERS: Record<Lang, string[]> = {
  'zh-CN': [
    '姓名',
    '性别',
    '民族',
    '出生日期',
    '身份证号',
    '手机号',
    '政治面貌',
    '学历',
    '单位',
    '所在地区',
    '职务',
    '职级',
    '人员类别',
    '专业类别',
    '状态',
    '培训要求',
    '登录账号',
  ],
  'zh-TW': [
    '姓名',
    '性別',
    '民族',
    '出生日期',
    '身分證號',
    '手機號',
    '政治面貌',
    '學歷',
    '單位',
    '所在地區',
    '職務',
    '職級',
    '人員類別',
    '專業類別',
    '狀態',
    '培訓要求',
    '登入帳號',
  ],
};
const WIDTHS = [10, 6, 10, 12, 22, 14, 18, 14, 30, 16, 20, 14, 12, 10, 8, 14, 14];

const LABELS: Record<Lang, Record<string, Record<string, string>>> = {
  'zh-CN': {
    gender: { male: '男', female: '女' },
    category: { cadre: '党政干部', professional: '专技人才', other: '其他' },
    specialty: { medical: '医疗卫生', education: '教育', agriculture: '农业', other: '其他' },
    status: { serving: '在职', transferred: '调离', retired: '退休' },
    period: { yearly: '每年', five_year: '五年' },
  },
  'zh-TW': {
    gender: { male: '男', female: '女' },
    category: { cadre: '黨政幹部', professional: '專技人才', other: '其他' },
    specialty: { medical: '醫療衛生', education: '教育', agriculture: '農業', other: '其他' },
    status: { serving: '在職', transferred: '調離', retired: '退休' },
    period: { yearly: '每年', five_year: '五年' },
  },
};

const DICTIONARIES = ['ethnicity', 'political_status', 'education', 'post_level'] as const;

/**
 * The filtered, scoped people list as an xlsx workbook: the same WHERE as the list (person.export
 * scope), labels instead of codes, personal information masked as in the list. Rows are read in
 * keyset batches and streamed into the workbook, so a 50,000-row export does not hold them all.
 * The export is audited with its filter and row count.
 */
export async function exportPeople(
  service: PersonService,
  ctx: RequestContext,
  filter: PersonFilter,
): Promise<{ file: Buffer; rows: number }> {
  const { db } = service;
  const where = await peopleWhere(db, service.cipher, ctx.actor, filter, 'person.export');
  const [total] = await db.select({ n: count() }).from(people).where(where);
  const rows = Number(total?.n ?? 0);
  if (rows > EXPORT_LIMIT) {
    throw new AppError('BAD_REQUEST', {
      fields: [{ path: 'filter', key: 'export_too_large', x: EXPORT_LIMIT }],
      details: { reason: 'export_too_large', rows, limit: EXPORT_LIMIT },
    });
  }
  const lang = langOf(ctx.locale);
  const labels = await dictionaryLabels(service, lang);
  const regionNames = new Map<string, string>();

  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'Ganxun';
  const sheet = workbook.addWorksheet(lang === 'zh-TW' ? '人員' : '人员', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const header = sheet.addRow(HEADERS[lang]);
  header.font = { bold: true };
  header.commit();

  let after: { pinyin: string; id: string } | null = null;
  for (;;) {
    const batch: PersonSummary[] = await listSummaries(
      db,
      and(
        where,
        after ? sql`(${people.namePinyin}, ${people.id}) > (${after.pinyin}, ${after.id}::uuid)` : undefined,
      ) ?? where,
      { order: [asc(people.namePinyin), asc(people.id)], limit: BATCH },
    );
    if (batch.length === 0) break;
    await loadRegionNames(service, lang, batch, regionNames);
    for (const p of batch) sheet.addRow(exportRow(p, lang, labels, regionNames)).commit();
    const last = batch[batch.length - 1] as PersonSummary;
    after = { pinyin: last.namePinyin, id: last.id };
    if (batch.length < BATCH) break;
  }
  sheet.commit();
  await workbook.commit();
  await done;

  await recordAudit(db, ctx, {
    action: 'person.export',
    entityType: 'person',
    detail: { filter: { ...filter }, rows },
  });
  return { file: Buffer.concat(chunks), rows };
}

function exportRow(
  p: PersonSummary,
  lang: Lang,
  labels: Map<string, string>,
  regionNames: Map<string, string>,
): (string | null)[] {
  const l = LABELS[lang];
  const code = (dictionary: string, value: string | null) =>
    value ? (labels.get(`${dictionary}:${value}`) ?? value) : null;
  const req = trainingRequirement(p.rank, p.requirementOverride);
  return [
    p.name,
    l.gender?.[p.gender] ?? p.gender,
    code('ethnicity', p.ethnicity),
    p.birthDate,
    p.idNumberMasked,
    p.mobileMasked,
    code('political_status', p.politicalStatus),
    code('education', p.education),
    p.unitName,
    regionNames.get(p.regionCode) ?? p.regionCode,
    p.post,
    code('post_level', p.rank),
    l.category?.[p.category] ?? p.category,
    p.specialty ? (l.specialty?.[p.specialty] ?? p.specialty) : null,
    l.status?.[p.status] ?? p.status,
    `${l.period?.[req.period] ?? req.period}${req.hours}${lang === 'zh-TW' ? '學時' : '学时'}`,
    p.username,
  ];
}

/** `dictionary:code` → label, inactive items included (old records still carry them). */
async function dictionaryLabels(service: PersonService, lang: Lang): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const dictionary of DICTIONARIES) {
    for (const item of await service.dictionaries.items(dictionary, true))
      out.set(`${dictionary}:${item.code}`, lang === 'zh-TW' ? item.labelZhTw : item.labelZhCn);
  }
  return out;
}

async function loadRegionNames(
  service: PersonService,
  lang: Lang,
  batch: PersonSummary[],
  names: Map<string, string>,
): Promise<void> {
  const missing = [...new Set(batch.map((p) => p.regionCode))].filter((c) => !names.has(c));
  if (missing.length === 0) return;
  const rows = await service.db
    .select({ code: regions.code, name: regions.name, nameZhTw: regions.nameZhTw })
    .from(regions)
    .where(inArray(regions.code, missing));
  for (const r of rows) names.set(r.code, lang === 'zh-TW' ? r.nameZhTw : r.name);
}
