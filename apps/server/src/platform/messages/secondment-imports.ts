import type { Texts } from './types.js';

/** Field and custom-issue messages of the secondment import and export (xlsx). */
export const SECONDMENT_IMPORTS_MESSAGES: Record<string, Texts> = {
  secondment_import_partnership_required: {
    'zh-CN': '请选择要导入的结对（字段 partnershipId）',
    'zh-TW': '請選擇要匯入的結對（欄位 partnershipId）',
    en: 'choose the pairing to import into (field "partnershipId")',
  },
  secondment_import_too_many_rows: {
    'zh-CN': '每个文件最多 {x} 行数据，请拆分后分批导入',
    'zh-TW': '每個檔案最多 {x} 列資料，請拆分後分批匯入',
    en: 'at most {x} data rows per file: split the file',
  },
  secondment_import_has_errors: {
    'zh-CN': '有 {x} 行错误，未导入任何数据；请修正后重新上传',
    'zh-TW': '有 {x} 列錯誤，未匯入任何資料；請修正後重新上傳',
    en: '{x} rows have errors and nothing was imported: fix them and upload again',
  },
  secondment_import_changed: {
    'zh-CN': '文件中的人员刚被他人登记（可能同时导入了同一文件），请重新上传',
    'zh-TW': '檔案中的人員剛被他人登記（可能同時匯入了同一檔案），請重新上傳',
    en: 'people of the file were registered meanwhile (the same file imported twice at once?): upload it again',
  },
  secondment_import_unknown_side: {
    'zh-CN': '应为结对双方之一的名称：{x}',
    'zh-TW': '應為結對雙方之一的名稱：{x}',
    en: 'must name one side of the pairing: {x}',
  },
  secondment_import_unit_not_found: {
    'zh-CN': '找不到单位：{x}',
    'zh-TW': '找不到單位：{x}',
    en: 'no such unit: {x}',
  },
  secondment_import_name_differs: {
    'zh-CN': '与系统中该身份证号人员的姓名不一致',
    'zh-TW': '與系統中該身分證號人員的姓名不一致',
    en: 'differs from the name of the person with this ID number',
  },
  secondment_import_name_differs_in_file: {
    'zh-CN': '同一身份证号在第 {x} 行的姓名不同',
    'zh-TW': '同一身分證號在第 {x} 列的姓名不同',
    en: 'the same ID number has another name in row {x}',
  },
  secondment_import_rows_overlap: {
    'zh-CN': '同一人员与第 {x} 行的交流期限重叠',
    'zh-TW': '同一人員與第 {x} 列的交流期限重疊',
    en: 'the same person has an overlapping term in row {x}',
  },
  secondment_import_ethnicity_required: {
    'zh-CN': '系统中没有该人员，新建人员须填写民族',
    'zh-TW': '系統中沒有該人員，新建人員須填寫民族',
    en: 'the person is not in the directory: give the ethnicity to create them',
  },
  secondment_import_future: {
    'zh-CN': '实际日期不能晚于今天',
    'zh-TW': '實際日期不能晚於今天',
    en: 'an actual date cannot be later than today',
  },
};
