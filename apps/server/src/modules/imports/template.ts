import {
  enumLabels,
  idCheckChar,
  PERSON_IMPORT_COLUMNS,
  PERSON_IMPORT_FIELDS,
  type PersonImportField,
} from '@ganxun/domain';
import ExcelJS from 'exceljs';
import type { Dictionaries, DictionaryField } from './values.js';

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** Rows of the roster sheet that carry the drop-down lists. */
const LIST_ROWS = 2000;

const NOTES: Record<PersonImportField, string> = {
  name: '必填。照身份证填写。',
  gender: '男 / 女；不填则按身份证号推出。',
  ethnicity: '必填。如“汉族”“土家族”，或 GB 3304 代码（见“民族”表）。',
  birthDate: '如 1985-06-15、1985/6/15、1985年6月15日；不填则按身份证号推出。',
  idNumber: '必填。18 位居民身份证号，本列已设为文本格式，请勿改成数字。',
  mobile: '11 位手机号码。',
  politicalStatus: '如“中共党员”“群众”，见“政治面貌”表。',
  education: '如“大学本科”“硕士研究生”，见“学历”表。',
  unit: '必填。单位全称；重名单位写成“上级单位/单位”。',
  post: '现任职务，如“副局长”。',
  rank: '如“乡科级正职”，见“职级”表。',
  category: '必填。党政干部 / 专技人才 / 其他。',
  specialty: '专技人才必填：医疗 / 教育 / 农业 / 其他。',
  status: '在职 / 调离 / 退休；不填为在职。',
  region: '新建单位时填写：6 位区划代码或地区名称，如 422801 或 恩施市。',
};

const EXAMPLE: Record<PersonImportField, string> = {
  name: '张三',
  gender: '男',
  ethnicity: '土家族',
  birthDate: '1985-06-15',
  idNumber: `42280119850615001${idCheckChar('42280119850615001')}`,
  mobile: '13800138000',
  politicalStatus: '中共党员',
  education: '大学本科',
  unit: '恩施市卫生健康局',
  post: '科员',
  rank: '科员级',
  category: '党政干部',
  specialty: '',
  status: '在职',
  region: '422801',
};

const LIST_SHEETS: [DictionaryField, string][] = [
  ['ethnicity', '民族'],
  ['politicalStatus', '政治面貌'],
  ['education', '学历'],
  ['rank', '职级'],
];

const FIXED_LISTS: Partial<Record<PersonImportField, 'gender' | 'category' | 'specialty' | 'status'>> = {
  gender: 'gender',
  category: 'category',
  specialty: 'specialty',
  status: 'status',
};

/**
 * The people roster template: one sheet to fill (Chinese headers, required ones marked *, a note on
 * each header, drop-down lists), a sheet of instructions with an example row, and one sheet per
 * code list with codes and labels.
 */
export async function peopleTemplate(dicts: Dictionaries): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('人员名单');
  // Present at run time (lib/doc/worksheet.js) but missing from exceljs's typings.
  const validations = (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
  const header = (f: PersonImportField) =>
    `${PERSON_IMPORT_COLUMNS[f].header}${PERSON_IMPORT_COLUMNS[f].required ? '*' : ''}`;
  const headerRow = sheet.addRow(PERSON_IMPORT_FIELDS.map(header));
  headerRow.font = { bold: true };
  PERSON_IMPORT_FIELDS.forEach((field, i) => {
    const col = i + 1;
    const column = sheet.getColumn(col);
    column.width = field === 'unit' ? 28 : field === 'idNumber' ? 22 : 14;
    // Text everywhere: Excel must not turn ID numbers into numbers or dates into serials.
    column.numFmt = '@';
    headerRow.getCell(col).note = NOTES[field];
    const range = `${column.letter}2:${column.letter}${LIST_ROWS + 1}`;
    const fixed = FIXED_LISTS[field];
    const listed = LIST_SHEETS.find(([f]) => f === field);
    if (fixed) {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${enumLabels(fixed).join(',')}"`],
      });
    } else if (listed) {
      const [dict, title] = listed;
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        // A warning, not a stop: codes and short forms (党员, 本科) are accepted too.
        errorStyle: 'warning',
        showErrorMessage: true,
        formulae: [`'${title}'!$B$2:$B$${dicts[dict].length + 1}`],
      });
    }
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const guide = workbook.addWorksheet('填写说明');
  guide.columns = [
    { header: '列名', width: 14 },
    { header: '必填', width: 8 },
    { header: '说明', width: 70 },
    { header: '示例', width: 24 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const field of PERSON_IMPORT_FIELDS) {
    const spec = PERSON_IMPORT_COLUMNS[field];
    guide.addRow([spec.header, spec.required ? '是' : '', NOTES[field], EXAMPLE[field]]);
  }
  guide.addRow([]);
  guide.addRow(['示例行（请在“人员名单”表中填写，不要复制示例本身）：']).font = { italic: true };
  guide.addRow(PERSON_IMPORT_FIELDS.map(header)).font = { bold: true };
  guide.addRow(PERSON_IMPORT_FIELDS.map((f) => EXAMPLE[f]));
  guide.addRow([]);
  guide.addRow([
    '表头可用繁体或别名（如 身份證號、公民身份号码、手机、單位）；列的顺序不限；多余的列会被忽略。',
  ]);
  guide.addRow(['已登记的人员按身份证号更新；单元格留空表示保留原有内容。']);

  for (const [dict, title] of LIST_SHEETS) {
    const list = workbook.addWorksheet(title);
    list.columns = [
      { header: '代码', width: 10, style: { numFmt: '@' } },
      { header: '名称', width: 30 },
    ];
    list.getRow(1).font = { bold: true };
    for (const item of dicts[dict]) list.addRow([item.code, item.labels[0] ?? '']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
