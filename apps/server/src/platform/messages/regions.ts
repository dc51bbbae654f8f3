import type { Texts } from './types.js';

/** Field and custom-issue messages of the regions module (keys raised by its contracts and service). */
export const REGIONS_MESSAGES: Record<string, Texts> = {
  region_not_found: {
    'zh-CN': '行政区划代码不存在',
    'zh-TW': '行政區劃代碼不存在',
    en: 'is not a known administrative division code',
  },
  region_abolished: {
    'zh-CN': '该行政区划已撤销，请选择现行区划',
    'zh-TW': '該行政區劃已撤銷，請選擇現行區劃',
    en: 'has been abolished; choose a current division',
  },
  region_file_required: {
    'zh-CN': '请选择要上传的文件',
    'zh-TW': '請選擇要上傳的檔案',
    en: 'choose a file to upload',
  },
  region_file_unreadable: {
    'zh-CN': '无法读取文件，请上传 xlsx 或 csv 表格',
    'zh-TW': '無法讀取檔案，請上傳 xlsx 或 csv 表格',
    en: 'cannot be read; upload an xlsx or csv spreadsheet',
  },
  region_file_xls: {
    'zh-CN': '不支持旧版 xls 格式，请另存为 xlsx 后上传',
    'zh-TW': '不支援舊版 xls 格式，請另存為 xlsx 後上傳',
    en: 'old .xls files are not supported; save it as .xlsx',
  },
  region_file_empty: {
    'zh-CN': '文件中没有数据行',
    'zh-TW': '檔案中沒有資料列',
    en: 'contains no data rows',
  },
  region_file_too_many_rows: {
    'zh-CN': '数据行超过 {x} 行',
    'zh-TW': '資料列超過 {x} 列',
    en: 'has more than {x} rows',
  },
  region_header_missing: {
    'zh-CN': '表头须包含“代码”和“名称”两列（或 code、name）',
    'zh-TW': '表頭須包含「代碼」和「名稱」兩欄（或 code、name）',
    en: 'the header row must have the columns code and name',
  },
  region_duplicate_code: {
    'zh-CN': '代码与第 {x} 行重复',
    'zh-TW': '代碼與第 {x} 列重複',
    en: 'repeats the code of row {x}',
  },
  region_name_required: { 'zh-CN': '名称不能为空', 'zh-TW': '名稱不能為空', en: 'name is empty' },
  region_name_invalid: {
    'zh-CN': '名称过长或包含控制字符',
    'zh-TW': '名稱過長或包含控制字元',
    en: 'name is too long or contains control characters',
  },
  region_date_invalid: {
    'zh-CN': '日期无效，应为 YYYY-MM-DD',
    'zh-TW': '日期無效，應為 YYYY-MM-DD',
    en: 'is not a date YYYY-MM-DD',
  },
  region_parent_missing: {
    'zh-CN': '上级区划 {x} 不存在（文件和现有数据中都没有）',
    'zh-TW': '上級區劃 {x} 不存在（檔案和現有資料中都沒有）',
    en: 'its parent division {x} is neither in the file nor in the table',
  },
  region_cell_formula: {
    'zh-CN': '单元格是公式，请粘贴为数值',
    'zh-TW': '儲存格是公式，請貼上為值',
    en: 'the cell holds a formula; paste values instead',
  },
  region_cell_error: {
    'zh-CN': '单元格包含错误值',
    'zh-TW': '儲存格包含錯誤值',
    en: 'the cell holds an error value',
  },
  region_import_mode: {
    'zh-CN': '应为 full（完整名录）或 partial（部分更新）',
    'zh-TW': '應為 full（完整名錄）或 partial（部分更新）',
    en: 'must be full or partial',
  },
  region_import_flag: {
    'zh-CN': '应为 true 或 false',
    'zh-TW': '應為 true 或 false',
    en: 'must be true or false',
  },
  region_import_unknown_field: {
    'zh-CN': '不允许的字段',
    'zh-TW': '不允許的欄位',
    en: 'is not an allowed field',
  },
};
