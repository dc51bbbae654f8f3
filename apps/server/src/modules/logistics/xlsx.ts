import { DIETARY_NEEDS, type DietaryNeed, type LogisticsView } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import { styleSheet } from '../surveys/xlsx.js';

/**
 * A class's logistics as a workbook for the service staff (Chinese, as the class's other
 * workbooks): 住宿 (every room with its sleepers), 用餐 (counts by dietary need with the names of
 * those with a special one), 接站 (pick-up groups with vehicle and driver), 物资 (each material,
 * handed/total and who has not received it).
 */

export const DIET_LABELS: Record<DietaryNeed, string> = {
  none: '无特殊要求',
  halal: '清真',
  vegetarian: '素食',
  no_pork: '不食猪肉',
  diabetic: '糖尿病餐',
  allergy: '食物过敏',
  other: '其他',
};
const GENDER_LABELS: Record<string, string> = { male: '男', female: '女' };
const TRANSPORT_LABELS: Record<string, string> = { train: '火车', flight: '航班', other: '其他' };

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
/** Beijing time, `2026-11-24 09:05`. */
const beijing = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const names = (list: readonly { name: string }[]) => list.map((x) => x.name).join('、');

function sheet(book: ExcelJS.Workbook, name: string, title: string, headers: string[], widths: number[]) {
  const s = book.addWorksheet(name);
  styleSheet(s, title, headers, widths);
  return {
    add(values: (string | number)[]) {
      const row = s.addRow(values);
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = border;
        cell.alignment = { vertical: 'top', wrapText: true };
      });
    },
  };
}

export async function logisticsWorkbook(className: string, view: LogisticsView): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Ganxun';

  const rooms = sheet(
    book,
    '住宿',
    `${className} 住宿安排`,
    ['酒店', '房间', '床位', '性别', '入住人数', '入住学员'],
    [28, 10, 8, 8, 10, 50],
  );
  for (const hotel of view.hotels) {
    for (const room of hotel.rooms) {
      const gender = room.gender ?? room.occupants.find((o) => o.gender)?.gender ?? null;
      rooms.add([
        hotel.name,
        room.number,
        room.beds,
        gender ? (GENDER_LABELS[gender] ?? gender) : '',
        room.occupants.length,
        names(room.occupants),
      ]);
    }
  }
  const unplaced = view.trainees.filter((t) => !t.roomId);
  if (unplaced.length) rooms.add(['未安排住宿', '', '', '', unplaced.length, names(unplaced)]);

  const meals = sheet(
    book,
    '用餐',
    `${className} 用餐人数`,
    ['饮食需求', '人数', '学员（说明）'],
    [16, 8, 60],
  );
  for (const need of DIETARY_NEEDS) {
    const who =
      need === 'none'
        ? ''
        : view.trainees
            .filter((t) => t.dietaryNeed === need)
            .map((t) => (t.dietaryNote ? `${t.name}（${t.dietaryNote}）` : t.name))
            .join('、');
    meals.add([DIET_LABELS[need], view.meals.counts[need] ?? 0, who]);
  }
  meals.add(['合计', view.meals.total, '']);

  const pickUps = sheet(
    book,
    '接站',
    `${className} 接站安排`,
    ['接站时间', '车次/航班', '人数', '学员', '车辆', '司机', '司机电话', '备注'],
    [17, 16, 8, 40, 14, 10, 14, 24],
  );
  for (const p of view.pickUps) {
    const by = p.number ? `${TRANSPORT_LABELS[p.transport ?? ''] ?? ''} ${p.number}`.trim() : '按到达时间';
    pickUps.add([
      beijing(p.at),
      by,
      p.trainees.length,
      names(p.trainees),
      p.vehicle ?? '',
      p.driver ?? '',
      p.driverPhone ?? '',
      p.note ?? '',
    ]);
  }
  if (view.withoutArrival.length)
    pickUps.add(['未填到达时间', '', view.withoutArrival.length, names(view.withoutArrival), '', '', '', '']);

  const supplies = sheet(
    book,
    '物资',
    `${className} 物资发放`,
    ['物资', '每人数量', '已发放', '应发放', '未领取学员', '备注'],
    [24, 10, 8, 8, 50, 24],
  );
  for (const m of view.materials) {
    const missing = view.trainees.filter((t) => !t.materialIds.includes(m.id));
    supplies.add([m.name, m.quantityPerTrainee, m.handed, m.total, names(missing), m.note ?? '']);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
