import { addDays, ENDING_SOON_DAYS, type SecondmentListQuery } from '@ganxun/domain';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import { people, secondments, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { chinaToday } from '../certificates/issue.js';
import { secondmentScope } from '../partnerships/policy.js';
import { loadPartnerships, type SideInfo, sidesOf } from '../partnerships/sides.js';
import { COLUMNS, type ColumnKey } from './columns.js';
import type { SecondmentImportService } from './service.js';

/** Largest export: beyond it the reader narrows the filter. */
export const EXPORT_LIMIT = 50_000;

const STATUS: Record<string, [string, string]> = {
  planned: ['计划', '計畫'],
  in_post: ['在岗', '在崗'],
  extended: ['已延期', '已延期'],
  completed: ['期满', '期滿'],
  ended_early: ['提前结束', '提前結束'],
  cancelled: ['已取消', '已取消'],
};
const CATEGORY: Record<string, [string, string]> = {
  cadre: ['党政干部', '黨政幹部'],
  professional: ['专业技术人才', '專業技術人才'],
};
const SPECIALTY: Record<string, [string, string]> = {
  medical: ['医疗卫生', '醫療衛生'],
  education: ['教育', '教育'],
  agriculture: ['农业', '農業'],
  other: ['其他', '其他'],
};

/** The WHERE of the list filters (as GET /secondments takes them), inside the reader's scope. */
function filterWhere(
  ctx: RequestContext,
  service: SecondmentImportService,
  q: SecondmentListQuery,
  today: string,
) {
  const conditions: (SQL | undefined)[] = [secondmentScope(ctx.actor, service.db, 'secondment.read')];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(ilike(people.name, like), ilike(people.namePinyin, like), ilike(people.nameInitials, like)),
    );
  }
  if (q.partnershipId) conditions.push(eq(secondments.partnershipId, q.partnershipId));
  if (q.personId) conditions.push(eq(secondments.personId, q.personId));
  if (q.direction) conditions.push(eq(secondments.direction, q.direction));
  if (q.status) conditions.push(eq(secondments.status, q.status));
  if (q.category) conditions.push(eq(secondments.category, q.category));
  if (q.specialty) conditions.push(eq(secondments.specialty, q.specialty));
  if (q.form) conditions.push(eq(secondments.form, q.form));
  if (q.hostUnitId) conditions.push(eq(secondments.hostUnitId, q.hostUnitId));
  if (q.year !== undefined)
    conditions.push(
      sql`${secondments.status} not in ('planned', 'cancelled') and ${secondments.actualStart} <= ${`${q.year}-12-31`}
        and coalesce(${secondments.actualEnd}, ${secondments.plannedEnd}) >= ${`${q.year}-01-01`}`,
    );
  if (q.alert) {
    const soon = addDays(today, ENDING_SOON_DAYS);
    const open = sql`${secondments.status} in ('in_post', 'extended')`;
    const alerts = {
      start_overdue: sql`(${secondments.status} = 'planned' and ${secondments.plannedStart} < ${today})`,
      return_overdue: sql`(${open} and ${secondments.plannedEnd} < ${today})`,
      ending_soon: sql`(${open} and ${secondments.plannedEnd} >= ${today} and ${secondments.plannedEnd} <= ${soon})`,
    };
    conditions.push(q.alert === 'any' ? or(...Object.values(alerts)) : alerts[q.alert]);
  }
  return and(...conditions) as SQL;
}

/**
 * The filtered, scoped secondment list as xlsx: the import's columns (so a file can be corrected
 * and imported elsewhere) without the ID number, plus the status. Audited with filter and count.
 */
export async function exportSecondments(
  service: SecondmentImportService,
  ctx: RequestContext,
  query: SecondmentListQuery,
  now: Date,
): Promise<Buffer> {
  const { db } = service;
  const today = chinaToday(now);
  const tw = ctx.locale === 'zh-TW';
  const home = alias(units, 'home');
  const host = alias(units, 'host');
  const where = filterWhere(ctx, service, query, today);
  const [total] = await db
    .select({ n: count() })
    .from(secondments)
    .innerJoin(people, eq(people.id, secondments.personId))
    .where(where);
  const rows = Number(total?.n ?? 0);
  if (rows > EXPORT_LIMIT)
    throw new AppError('BAD_REQUEST', {
      fields: [{ path: 'filter', key: 'export_too_large', x: EXPORT_LIMIT }],
      details: { reason: 'export_too_large', rows, limit: EXPORT_LIMIT },
    });
  const list = await db
    .select({
      s: secondments,
      name: people.name,
      gender: people.gender,
      homeUnit: home.name,
      hostUnit: host.name,
    })
    .from(secondments)
    .innerJoin(people, eq(people.id, secondments.personId))
    .innerJoin(home, eq(home.id, secondments.homeUnitId))
    .innerJoin(host, eq(host.id, secondments.hostUnitId))
    .where(where)
    .orderBy(asc(secondments.plannedStart), asc(people.namePinyin), asc(secondments.id));
  const pairings = await loadPartnerships(db, [...new Set(list.map((r) => r.s.partnershipId))]);
  const forms = new Map(
    (await service.deps.dictionaries.items('secondment_form', true)).map((f) => [
      f.code,
      tw ? f.labelZhTw : f.labelZhCn,
    ]),
  );
  const pick = (labels: Record<string, [string, string]>, code: string | null) =>
    code ? (labels[code]?.[tw ? 1 : 0] ?? code) : null;
  const yes = (b: boolean) => (b ? '是' : '否');

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  const sheet = workbook.addWorksheet(tw ? '掛職交流' : '挂职交流', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const columns = COLUMNS.filter((c) => c.key !== 'idNumber' && c.key !== 'ethnicity');
  sheet.columns = [
    ...columns.map((c) => ({ header: tw ? c.zhTW : c.zhCN, width: c.key.endsWith('Unit') ? 28 : 14 })),
    { header: tw ? '結對' : '结对', width: 24 },
    { header: tw ? '接收方' : '接收方', width: 12 },
    { header: tw ? '狀態' : '状态', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of list) {
    const s = r.s;
    const info = pairings.get(s.partnershipId);
    const sides = info ? sidesOf(info, s.direction) : null;
    const label = (side: SideInfo) => (tw ? side.names.zhTW : side.names.zhCN);
    const values: Record<Exclude<ColumnKey, 'idNumber' | 'ethnicity'>, string | null> = {
      name: r.name,
      gender: r.gender === 'male' ? '男' : '女',
      sending: sides ? label(sides.sending) : null,
      form: forms.get(s.form) ?? s.form,
      category: pick(CATEGORY, s.category),
      specialty: pick(SPECIALTY, s.specialty),
      homeUnit: r.homeUnit,
      homePost: s.homePost,
      hostUnit: r.hostUnit,
      hostPost: s.hostPost,
      fullTime: yes(s.fullTime),
      plannedStart: s.plannedStart,
      plannedEnd: s.plannedEnd,
      actualStart: s.actualStart,
      actualEnd: s.actualEnd,
      mentor: s.mentor,
      partyTransfer: yes(s.partyTransfer),
      note: s.note,
    };
    sheet.addRow([
      ...columns.map((c) => values[c.key as keyof typeof values]),
      info?.name ?? null,
      sides ? label(sides.receiving) : null,
      pick(STATUS, s.status),
    ]);
  }
  await recordAudit(db, ctx, {
    action: 'secondment.export',
    entityType: 'secondment',
    detail: { filter: { ...query }, rows },
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
