import type { MessageLocale } from '@ganxun/domain';
import type { Db } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { labelsFor, type RosterLabels } from './labels.js';
import { loadGroup, loadTrainees, type TraineeRow } from './query.js';
import { signInSheetPdf } from './sign-in-sheet.js';
import { classWorkbook, subtitleOf } from './xlsx.js';

export interface RosterServiceDeps {
  db: Db;
  classes: ClassService;
  cipher: FieldCipher;
}

/** A file to send: its bytes, its (Chinese) name and an ASCII fallback name. */
export interface Download {
  file: Buffer;
  contentType: string;
  fileName: string;
  fallbackName: string;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

const DICTIONARIES = ['ethnicity', 'political_status', 'post_level'] as const;
const ROSTER_WIDTHS = [6, 10, 6, 8, 10, 12, 28, 18, 14, 14, 10, 10, 17, 24, 8, 16, 22];
const WITHDRAWN_WIDTHS = [9, 26];
const CONTACT_WIDTHS = [6, 12, 34, 22, 16, 12];

/**
 * Roster exports of a class (花名册, 通讯录, 签到表). The routes have checked that the reader runs
 * the class with roster.export; each export is audited with its row count.
 */
export class RosterService {
  readonly db: Db;
  readonly classes: ClassService;
  readonly cipher: FieldCipher;

  constructor(deps: RosterServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
    this.cipher = deps.cipher;
  }

  /** 花名册: the class's trainees (withdrawn ones too when asked, with their reason). */
  async roster(
    ctx: RequestContext,
    record: ClassRecord,
    options: { includeWithdrawn: boolean },
  ): Promise<Download> {
    const labels = labelsFor(ctx.locale);
    const trainees = await loadTrainees(this.db, record.id, { includeWithdrawn: options.includeWithdrawn });
    const dictionary = await this.dictionaryLabels(ctx.locale);
    const code = (list: string, value: string | null) =>
      value ? (dictionary.get(`${list}:${value}`) ?? value) : null;
    const rows = trainees.map((t, i) => [
      i + 1,
      t.name,
      labels.gender[t.gender] ?? t.gender,
      code('ethnicity', t.ethnicity),
      birthMonth(t.birthDate, ctx.locale),
      code('political_status', t.politicalStatus),
      t.unitName,
      t.post,
      code('post_level', t.rank),
      regionName(t, ctx.locale),
      t.groupName,
      labels.role[t.role] || null,
      t.checkedInAt ? shanghaiTime(t.checkedInAt) : null,
      arrivalText(t, labels),
      t.returnTicketNeeded ? labels.returnTicket : null,
      t.accommodation,
      t.note,
      ...(options.includeWithdrawn ? [labels.status[t.status] ?? t.status, t.withdrawReason] : []),
    ]);
    const file = await classWorkbook({
      sheet: labels.roster.sheet,
      heading: { title: `${record.name} ${labels.roster.title}`, subtitle: subtitleOf(labels, record) },
      headers: [
        ...labels.roster.headers,
        ...(options.includeWithdrawn ? labels.roster.withdrawnHeaders : []),
      ],
      widths: [...ROSTER_WIDTHS, ...(options.includeWithdrawn ? WITHDRAWN_WIDTHS : [])],
      rows,
      wrap: [6, 13, 16, 18],
    });
    await recordAudit(this.db, ctx, {
      action: 'roster.export',
      entityType: 'class',
      entityId: record.id,
      detail: { rows: rows.length, includeWithdrawn: options.includeWithdrawn },
    });
    return {
      file,
      contentType: XLSX_TYPE,
      fileName: `${labels.roster.file}-${record.code}.xlsx`,
      fallbackName: asciiName(`roster-${record.code}.xlsx`),
    };
  }

  /**
   * 通讯录: name, unit, post, mobile, group of the enrolled trainees. Mobile numbers are decrypted
   * only for a reader who runs the class with roster.contacts, otherwise masked; the audit event
   * says which, and how many rows.
   */
  async contacts(ctx: RequestContext, record: ClassRecord): Promise<Download> {
    const actor = requireActor(ctx.actor);
    const unmasked = runs(actor, 'contacts', record.place);
    const labels = labelsFor(ctx.locale);
    const trainees = await loadTrainees(this.db, record.id, { withMobile: unmasked });
    const rows = trainees.map((t, i) => [
      i + 1,
      t.name,
      t.unitName,
      t.post,
      unmasked && t.mobileEnc ? this.cipher.decrypt(t.mobileEnc) : t.mobileMasked,
      t.groupName,
    ]);
    const file = await classWorkbook({
      sheet: labels.contacts.sheet,
      heading: { title: `${record.name} ${labels.contacts.title}`, subtitle: subtitleOf(labels, record) },
      headers: labels.contacts.headers,
      widths: CONTACT_WIDTHS,
      rows,
      wrap: [2],
    });
    await recordAudit(this.db, ctx, {
      action: 'contacts.export',
      entityType: 'class',
      entityId: record.id,
      detail: { rows: rows.length, unmasked },
    });
    return {
      file,
      contentType: XLSX_TYPE,
      fileName: `${labels.contacts.file}-${record.code}.xlsx`,
      fallbackName: asciiName(`contacts-${record.code}.xlsx`),
    };
  }

  /**
   * 签到表 for one day of the class (its first day unless told), of one group or the whole class.
   * A day outside the class's dates, or a group of another class, is a field error.
   */
  async signInSheet(
    ctx: RequestContext,
    record: ClassRecord,
    options: { date?: string | undefined; groupId?: string | undefined },
  ): Promise<Download> {
    const start = record.startDate;
    const end = record.endDate ?? record.startDate;
    if (options.date && start && end && (options.date < start || options.date > end)) {
      throw AppError.field(
        'VALIDATION_FAILED',
        'date',
        'date_outside_class',
        start === end ? start : `${start} – ${end}`,
      );
    }
    const date = options.date ?? start ?? null;
    const group = options.groupId ? await loadGroup(this.db, record.id, options.groupId) : null;
    if (options.groupId && !group) throw AppError.field('VALIDATION_FAILED', 'groupId', 'group_unknown');
    const labels = labelsFor(ctx.locale);
    const trainees = await loadTrainees(this.db, record.id, { groupId: group?.id });
    const { file, pages } = await signInSheetPdf({
      locale: ctx.locale,
      labels,
      className: record.name,
      date,
      venue: record.venue,
      groupName: group?.name ?? null,
      trainees,
    });
    await recordAudit(this.db, ctx, {
      action: 'signin.export',
      entityType: 'class',
      entityId: record.id,
      detail: { rows: trainees.length, pages, date, groupId: group?.id ?? null, bytes: file.length },
    });
    const suffix = [record.code, date, group ? group.name : null].filter(Boolean).join('-');
    return {
      file,
      contentType: PDF_TYPE,
      fileName: `${labels.signIn.file}-${suffix}.pdf`,
      fallbackName: asciiName(`sign-in-sheet-${[record.code, date].filter(Boolean).join('-')}.pdf`),
    };
  }

  /** `list:code` → label in the reader's language, inactive items included (old records keep them). */
  private async dictionaryLabels(locale: MessageLocale): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const list of DICTIONARIES) {
      for (const item of await this.classes.dictionaries.items(list, true)) {
        const label = locale === 'zh-TW' ? item.labelZhTw : locale === 'en' ? item.labelEn : item.labelZhCn;
        out.set(`${list}:${item.code}`, label);
      }
    }
    return out;
  }
}

/** 出生年月 as Chinese rosters print it: 1985.06 (1985-06 in English). */
function birthMonth(date: string, locale: MessageLocale): string {
  const month = date.slice(0, 7);
  return locale === 'en' ? month : month.replace('-', '.');
}

function regionName(t: TraineeRow, locale: MessageLocale): string {
  return (locale === 'zh-TW' ? t.regionNameZhTw : t.regionName) ?? t.regionCode;
}

/** `2030-03-09 14:30` in China time (the server may run in UTC). */
function shanghaiTime(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

/** `火车 G1234 2030-03-09 14:30`: how and when the trainee arrives. */
function arrivalText(t: TraineeRow, labels: RosterLabels): string | null {
  const parts = [
    t.arrivalTransport ? (labels.transport[t.arrivalTransport] ?? t.arrivalTransport) : null,
    t.arrivalNumber,
    t.arrivalAt ? shanghaiTime(t.arrivalAt) : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A file name any client can take (the real name goes in `filename*`). */
function asciiName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
