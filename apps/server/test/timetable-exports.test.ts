import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCjkFont } from '../src/platform/pdf.js';
import { makeUser } from './factories.js';
import { auditOf, createTestContext, signIn, type TestContext } from './helpers.js';
import { makeItem, timetableWorld } from './schedules-fixtures.js';

/**
 * Exports of a class's timetable: PDF (read back with pdftotext), xlsx (read back with exceljs)
 * and iCalendar (parsed with ical.js); who may download them.
 */

const run = promisify(execFile);
let t: TestContext;
let w: Awaited<ReturnType<typeof timetableWorld>>;
let tmp: string;

beforeAll(async () => {
  t = await createTestContext();
  w = await timetableWorld(t);
  tmp = await mkdtemp(path.join(tmpdir(), 'gx-timetable-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await t?.close();
});

async function pdfText(bytes: Buffer, name: string): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-']);
  return stdout;
}

const url = (classId: string, ext: string) => `/api/v1/classes/${classId}/timetable.${ext}`;

describe.skipIf(!findCjkFont())('timetable.pdf', () => {
  it('prints the timetable in Chinese by day, with lecturers’ parts and total 学时', async () => {
    const res = await w.officer.get(url(w.klass.id, 'pdf'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`课程表-${w.klass.code}.pdf`));
    const text = await pdfText(res.rawPayload, 'a.pdf');
    if (process.env.KEEP_PDF) await writeFile(process.env.KEEP_PDF, res.rawPayload);
    for (const s of [
      '《全省乡村振兴专题研讨班》课程表',
      '湖北省委党校',
      '3月10日 星期日',
      '3月11日 星期一',
      '开班式',
      '乡村振兴战略专题讲座',
      '王教授（主讲）',
      '李主任（主持）',
      '第一报告厅',
      '09:00–09:45',
      '一组分组研讨（一组）',
      '第 1 页 共 1 页',
    ]) {
      expect(text).toContain(s);
    }
    // 45 min = 1 学时, 90 min = 2, 180 min = 4, set 4: 11.
    expect(text).toMatch(/合计学时：\s*11/);
    const audit = await auditOf(t, res);
    expect(audit.find((a) => a.action === 'timetable.export')?.detail).toMatchObject({ format: 'pdf' });
  });

  it('fills several pages, header repeated, in landscape when asked', async () => {
    const big = await (await import('./class-factories.js')).makeClass(t.database, {
      name: '长课表班次',
      leadOrganiserId: w.school.id,
      startDate: '2030-05-01',
      endDate: '2030-05-10',
    });
    for (let d = 1; d <= 10; d += 1) {
      for (const [start, end] of [
        ['08:30', '10:00'],
        ['10:15', '11:45'],
        ['14:30', '16:00'],
        ['16:15', '17:45'],
      ] as const) {
        await makeItem(t, {
          classId: big.id,
          title: `第${d}天专题${start}`,
          date: `2030-05-${String(d).padStart(2, '0')}`,
          start,
          end,
        });
      }
    }
    const res = await w.officer.get(`${url(big.id, 'pdf')}?layout=landscape`);
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload, 'b.pdf');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(page).toContain('授课人');
    expect(text).toContain('第10天专题16:15');
    expect(text).toContain(`共 ${pages.length} 页`);
  });
});

describe('timetable.xlsx', () => {
  it('has one row per item with the documented columns', async () => {
    const res = await w.officer.get(url(w.klass.id, 'xlsx'));
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.name).toBe('课程表');
    expect(sheet.getRow(1).getCell(1).value).toBe('全省乡村振兴专题研讨班 课程表');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
      '序号',
      '日期',
      '星期',
      '开始',
      '结束',
      '类型',
      '内容',
      '授课人',
      '地点',
      '适用小组',
      '必修',
      '学时',
      '说明',
    ]);
    const rows = [4, 5, 6, 7].map((n) => (sheet.getRow(n).values as unknown[]).slice(1, 13));
    expect(rows[0]).toEqual([
      1,
      '2030-03-10',
      '星期日',
      '09:00',
      '09:45',
      '开班式',
      '开班式',
      '李主任（主持）',
      '第一报告厅',
      undefined,
      '是',
      1,
    ]);
    expect(rows[1]?.[7]).toBe('王教授（主讲）、李主任（点评）');
    // The two group items start at the same time: find them by title.
    const byTitle = new Map(rows.map((r) => [r?.[6], r]));
    expect(byTitle.get('一组分组研讨')?.[9]).toBe('一组');
    expect(byTitle.get('二组现场教学')).toMatchObject({
      1: '2030-03-11',
      3: '14:30',
      4: '17:30',
      9: '二组',
      11: 4,
    });
    expect(sheet.getRow(8).values).toEqual([]);
  });
});

describe('timetable.ics', () => {
  it('parses with ical.js: UID, UTC times, Chinese summary, SEQUENCE = version', async () => {
    const res = await w.officer.get(url(w.klass.id, 'ics'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(res.body));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('全省乡村振兴专题研讨班');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(4);
    const opening = events.find((e) => e.uid === `${w.items.opening.id}@ganxun`);
    if (!opening) throw new Error('opening missing');
    expect(opening.summary).toBe('开班式');
    expect(opening.startDate.toJSDate().toISOString()).toBe('2030-03-10T01:00:00.000Z');
    expect(opening.endDate.toJSDate().toISOString()).toBe('2030-03-10T01:45:00.000Z');
    expect(opening.sequence).toBe(3);
    expect(opening.location).toContain('第一报告厅');
    expect(opening.description).toContain('李主任（主持）');
  });
});

describe('who may download', () => {
  it('lets enrolled trainees and the class’s lecturers download once published', async () => {
    expect((await w.traineeB.client.get(url(w.klass.id, 'pdf'))).statusCode).toBe(200);
    expect((await w.traineeB.client.get(url(w.klass.id, 'xlsx'))).statusCode).toBe(200);
    expect((await w.teacher.client.get(url(w.klass.id, 'ics'))).statusCode).toBe(200);
  });

  it('refuses a draft timetable to trainees (409) but not to its runners', async () => {
    const res = await w.traineeA.client.get(url(w.draftClass.id, 'xlsx'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].path).toBe('timetable');
    expect((await w.officer.get(url(w.draftClass.id, 'ics'))).statusCode).toBe(200);
  });

  it('refuses strangers (403) and unknown classes (404)', async () => {
    expect((await w.stranger.client.get(url(w.klass.id, 'pdf'))).statusCode).toBe(403);
    expect((await w.withdrawn.client.get(url(w.klass.id, 'ics'))).statusCode).toBe(200);
    const otherOfficer = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'training_officer', scopeId: w.home.id }] }),
    );
    expect((await otherOfficer.get(url(w.draftClass.id, 'xlsx'))).statusCode).toBe(403);
    expect((await w.officer.get(url(crypto.randomUUID(), 'xlsx'))).statusCode).toBe(404);
  });
});
