import type { MessageLocale } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import type { dictionaryItems } from '../../db/schema/index.js';
import { nameOfDirection, type PartnershipInfo } from '../partnerships/sides.js';
import { COLUMNS, type ColumnKey } from './columns.js';

type FormItem = typeof dictionaryItems.$inferSelect;

/** What each column takes (the 说明 sheet), Simplified; Traditional headers are accepted too. */
const EXPLAIN: Record<ColumnKey, string> = {
  name: '人员姓名',
  idNumber:
    '18 位居民身份证号（请设为文本格式）；库中没有该人员时按本行新建人员，出生日期和性别由身份证号得出',
  gender: '可不填；填写时须与身份证号一致（男 / 女）',
  ethnicity: '民族（如 汉族、土家族）；仅新建人员时必填',
  sending: '派出方名称（结对双方之一，如 恩施市 或 江干区），或写作“恩施市→江干区”',
  form: '交流形式',
  category: '党政干部 / 专业技术人才',
  specialty: '专业技术人才必填：医疗卫生 / 教育 / 农业 / 其他；党政干部不填',
  homeUnit:
    '派出单位：派出方地区内的单位全称，重名时写完整路径“上级单位/单位”；新建人员时必填，已有人员不填则取其所在单位',
  homePost: '原单位职务',
  hostUnit: '接收单位：接收方地区内的单位，写法同派出单位；系统不会新建单位',
  hostPost: '挂任职务',
  fullTime: '是 / 否（不填为 是）',
  plannedStart: '日期，如 2018-04-01 或 2018/4/1',
  plannedEnd: '日期，不早于计划开始',
  actualStart: '已到岗的填写实际到岗日期（不晚于今天）；不填为计划中',
  actualEnd: '已期满返回的填写实际结束日期；填写后状态为期满',
  mentor: '带教老师（跟岗学习等）',
  partyTransfer: '是 / 否（不填为 否）',
  note: '备注',
};

const EXAMPLE: Record<ColumnKey, string | Date> = {
  name: '张三（示例，导入前请删除）',
  idNumber: '422801198506150011',
  gender: '男',
  ethnicity: '土家族',
  sending: '恩施市',
  form: '跟岗学习',
  category: '专业技术人才',
  specialty: '医疗卫生',
  homeUnit: '恩施市中心医院',
  homePost: '主治医师',
  hostUnit: '江干区人民医院',
  hostPost: '',
  fullTime: '是',
  plannedStart: '2019-04-01',
  plannedEnd: '2019-06-30',
  actualStart: '2019-04-01',
  actualEnd: '2019-06-30',
  mentor: '李医生',
  partyTransfer: '否',
  note: '',
};

/**
 * The import template: the sheet to fill (headers, one example row that the import skips), and a
 * 说明 sheet listing every column, whether it is required, what it takes, the forms of the
 * dictionary and — for a given pairing — its two directions and the names 派出方 accepts.
 */
export async function secondmentTemplate(
  info: PartnershipInfo | null,
  forms: FormItem[],
  locale: MessageLocale,
): Promise<Buffer> {
  const tw = locale === 'zh-TW';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  const sheet = workbook.addWorksheet(tw ? '掛職交流' : '挂职交流', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((c) => ({
    header: tw ? c.zhTW : c.zhCN,
    key: c.key,
    width: c.key === 'idNumber' ? 22 : c.key.endsWith('Unit') ? 28 : 14,
    style: c.key === 'idNumber' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const example = { ...EXAMPLE };
  if (info) {
    example.sending = info.sideA.label;
    example.homeUnit = '';
    example.hostUnit = '';
  }
  const row = sheet.addRow(COLUMNS.map((c) => example[c.key]));
  row.font = { italic: true, color: { argb: 'FF888888' } };

  const help = workbook.addWorksheet(tw ? '說明' : '说明');
  help.columns = [{ width: 16 }, { width: 10 }, { width: 90 }];
  help.addRow(['列名', '是否必填', '说明']).font = { bold: true };
  for (const c of COLUMNS)
    help.addRow([
      tw ? c.zhTW : c.zhCN,
      c.required ? '必填' : c.key === 'ethnicity' || c.key === 'homeUnit' ? '新建人员必填' : '选填',
      c.key === 'form'
        ? `交流形式：${forms.map((f) => (tw ? f.labelZhTw : f.labelZhCn)).join(' / ')}`
        : EXPLAIN[c.key],
    ]);
  help.addRow([]);
  help.addRow([
    '所有行一并导入：任一行有错误时不写入任何数据，请按预览中的错误修改后重新上传；每个文件最多 5,000 行。',
  ]);
  if (info) {
    help.addRow([]);
    help.addRow([`结对：${info.name}`]).font = { bold: true };
    for (const d of ['a_to_b', 'b_to_a'] as const) {
      const sending = d === 'a_to_b' ? info.sideA : info.sideB;
      help.addRow([
        `方向：${nameOfDirection(info, d)}`,
        '',
        `派出方填写：${sending.label}（或 ${sending.names.zhTW}）`,
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
