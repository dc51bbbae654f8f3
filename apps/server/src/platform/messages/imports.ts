import type { Texts } from './types.js';

/** Field and custom-issue messages of the imports module (keys raised by its contracts and service). */
export const IMPORTS_MESSAGES: Record<string, Texts> = {
  // The upload and the file as a whole.
  file_required: {
    'zh-CN': '请选择要导入的文件（字段 file）',
    'zh-TW': '請選擇要匯入的檔案（欄位 file）',
    en: 'choose a file to import (field "file")',
  },
  file_too_large: {
    'zh-CN': '文件超过 {x} MB 的上限，请拆分后分批导入',
    'zh-TW': '檔案超過 {x} MB 的上限，請拆分後分批匯入',
    en: 'the file is larger than the {x} MB limit: split it and import the parts',
  },
  upload_field_invalid: { 'zh-CN': '取值无效', 'zh-TW': '取值無效', en: 'has an invalid value' },
  empty_file: { 'zh-CN': '文件是空的', 'zh-TW': '檔案是空的', en: 'the file is empty' },
  not_a_spreadsheet: {
    'zh-CN': '不是电子表格：请上传 xlsx 或 csv 文件',
    'zh-TW': '不是電子試算表：請上傳 xlsx 或 csv 檔案',
    en: 'not a spreadsheet: upload an xlsx or csv file',
  },
  xls_not_supported: {
    'zh-CN': '不支持旧版 .xls 格式，请在 Excel/WPS 中另存为 .xlsx 后再上传',
    'zh-TW': '不支援舊版 .xls 格式，請在 Excel/WPS 中另存為 .xlsx 後再上傳',
    en: 'the old .xls format is not supported: save it as .xlsx in Excel or WPS and upload that',
  },
  csv_malformed: {
    'zh-CN': 'CSV 文件第 {x} 行格式有误（引号不配对？）',
    'zh-TW': 'CSV 檔案第 {x} 行格式有誤（引號不配對？）',
    en: 'the csv file is malformed at line {x} (unbalanced quotes?)',
  },
  no_header_row: {
    'zh-CN': '找不到表头：前 10 行中没有“姓名”“身份证号”等列名',
    'zh-TW': '找不到表頭：前 10 行中沒有「姓名」「身分證號」等欄名',
    en: 'no header row: none of the first 10 rows names columns such as 姓名 or 身份证号',
  },
  missing_columns: {
    'zh-CN': '缺少必需的列：{x}',
    'zh-TW': '缺少必需的欄：{x}',
    en: 'required columns are missing: {x}',
  },
  too_many_rows: {
    'zh-CN': '数据超过 100,000 行（第 {x} 行起超出），请拆分后分批导入',
    'zh-TW': '資料超過 100,000 行（第 {x} 行起超出），請拆分後分批匯入',
    en: 'more than 100,000 data rows (row {x} is over the limit): split the file',
  },
  no_data_rows: {
    'zh-CN': '表头下面没有数据行',
    'zh-TW': '表頭下面沒有資料列',
    en: 'there are no data rows below the header',
  },
  interrupted: {
    'zh-CN': '服务器处理中断，请重新上传',
    'zh-TW': '伺服器處理中斷，請重新上傳',
    en: 'processing was interrupted: upload the file again',
  },
  import_failed: {
    'zh-CN': '处理文件时出错，请重新上传；如仍失败请联系管理员',
    'zh-TW': '處理檔案時出錯，請重新上傳；如仍失敗請聯絡管理員',
    en: 'the file could not be processed: upload it again, and ask an administrator if it fails again',
  },
  // Commit and cancel.
  import_has_errors: {
    'zh-CN': '还有 {x} 行错误，请修正后重新导入',
    'zh-TW': '還有 {x} 列錯誤，請修正後重新匯入',
    en: '{x} rows still have errors: fix them and import again',
  },
  import_not_validated: {
    'zh-CN': '该导入不在“校验完成”状态（可能正在提交或已提交）',
    'zh-TW': '該匯入不在「校驗完成」狀態（可能正在提交或已提交）',
    en: 'this import is not validated and waiting (it may be committing or committed already)',
  },
  import_not_cancellable: {
    'zh-CN': '该导入已提交或正在提交，不能取消',
    'zh-TW': '該匯入已提交或正在提交，不能取消',
    en: 'this import is committed or committing and cannot be cancelled',
  },
  unit_changed: {
    'zh-CN': '第 {x} 行的单位已被合并、停用或不在您的管理范围内，请重新导入',
    'zh-TW': '第 {x} 列的單位已被合併、停用或不在您的管理範圍內，請重新匯入',
    en: 'the unit of row {x} was merged or is no longer within your scope: import again',
  },
  unit_changed_named: {
    'zh-CN': '无法创建单位“{x}”：其上级单位已变更或不在您的管理范围内，请重新导入',
    'zh-TW': '無法建立單位「{x}」：其上級單位已變更或不在您的管理範圍內，請重新匯入',
    en: 'unit "{x}" cannot be created: its parent changed or is outside your scope; import again',
  },
  row_changed: {
    'zh-CN': '第 {x} 行与库中现有数据冲突（数据在预览后被修改），请重新导入',
    'zh-TW': '第 {x} 列與庫中現有資料衝突（資料在預覽後被修改），請重新匯入',
    en: 'row {x} conflicts with the directory as it is now (changed since the preview): import again',
  },
  commit_person_out_of_scope: {
    'zh-CN': '第 {x} 行的人员已由他人登记在您管理范围以外的单位，请重新导入',
    'zh-TW': '第 {x} 列的人員已由他人登記在您管理範圍以外的單位，請重新匯入',
    en: 'the person of row {x} was meanwhile registered outside your scope: import again',
  },
  // Cells.
  cell_required: { 'zh-CN': '必填', 'zh-TW': '必填', en: 'is required' },
  error_cell: {
    'zh-CN': '单元格是错误值 {x}，请填写实际内容',
    'zh-TW': '儲存格是錯誤值 {x}，請填寫實際內容',
    en: 'the cell holds the error {x}: type the actual value',
  },
  formula_cell: {
    'zh-CN': '单元格是公式且文件中没有计算结果，请粘贴为数值',
    'zh-TW': '儲存格是公式且檔案中沒有計算結果，請貼上為值',
    en: 'the cell is a formula without a saved result: paste it as a value',
  },
  id_number_numeric: {
    'zh-CN': '身份证号被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”后重新填写',
    'zh-TW': '身分證號被 Excel 存成了數字，後幾位已遺失：請把該欄設為「文字」後重新填寫',
    en: 'Excel stored the ID number as a number and lost its last digits: format the column as text and type it again',
  },
  date_unrecognized: {
    'zh-CN': '无法识别的日期，可写作 1985-06-15、1985/6/15 或 1985年6月15日',
    'zh-TW': '無法辨識的日期，可寫作 1985-06-15、1985/6/15 或 1985年6月15日',
    en: 'not a date: write 1985-06-15, 1985/6/15 or 1985年6月15日',
  },
  unknown_option: { 'zh-CN': '应为：{x}', 'zh-TW': '應為：{x}', en: 'must be one of: {x}' },
  duplicate_in_file: {
    'zh-CN': '身份证号与第 {x} 行重复',
    'zh-TW': '身分證號與第 {x} 列重複',
    en: 'the same ID number as row {x}',
  },
  person_out_of_scope: {
    'zh-CN': '该身份证号的人员已登记在您管理范围以外的单位',
    'zh-TW': '該身分證號的人員已登記在您管理範圍以外的單位',
    en: 'a person with this ID number is registered in a unit outside your scope',
  },
  unit_not_found: {
    'zh-CN': '找不到单位“{x}”（或不在您的管理范围内）',
    'zh-TW': '找不到單位「{x}」（或不在您的管理範圍內）',
    en: 'no unit "{x}" within your scope',
  },
  unit_ambiguous: {
    'zh-CN': '有多个名为“{x}”的单位，请写成“上级单位/单位”',
    'zh-TW': '有多個名為「{x}」的單位，請寫成「上級單位/單位」',
    en: 'several units are called "{x}": write "parent unit/unit"',
  },
  unit_create_forbidden: {
    'zh-CN': '您没有新建单位的权限',
    'zh-TW': '您沒有新建單位的權限',
    en: 'you may not create units',
  },
  unit_name_too_long: {
    'zh-CN': '单位名称不能超过 100 个字符',
    'zh-TW': '單位名稱不能超過 100 個字元',
    en: 'a unit name must have at most 100 characters',
  },
  region_required: {
    'zh-CN': '新建单位须填写所属地区（6 位区划代码或地区名称）',
    'zh-TW': '新建單位須填寫所屬地區（6 位區劃代碼或地區名稱）',
    en: 'a new unit needs its region (6-digit code or name)',
  },
  region_not_found: {
    'zh-CN': '找不到地区“{x}”',
    'zh-TW': '找不到地區「{x}」',
    en: 'no region "{x}"',
  },
  region_ambiguous: {
    'zh-CN': '有多个名为“{x}”的地区，请填写 6 位区划代码',
    'zh-TW': '有多個名為「{x}」的地區，請填寫 6 位區劃代碼',
    en: 'several regions are called "{x}": give the 6-digit code',
  },
  region_out_of_scope: {
    'zh-CN': '地区 {x} 不在您的管理范围内',
    'zh-TW': '地區 {x} 不在您的管理範圍內',
    en: 'region {x} is outside your scope',
  },
};
