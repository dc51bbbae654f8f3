import type { Texts } from './types.js';

/** Field and custom-issue messages of the completion module (completion and reflections). */
export const COMPLETION_MESSAGES: Record<string, Texts> = {
  reflection_empty: {
    'zh-CN': '请填写心得内容或上传文件',
    'zh-TW': '請填寫心得內容或上傳檔案',
    en: 'write the reflection or upload a file',
  },
  reflection_file_type: {
    'zh-CN': '只能上传 PDF、Word（doc、docx）或图片（jpg、png）文件',
    'zh-TW': '只能上傳 PDF、Word（doc、docx）或圖片（jpg、png）檔案',
    en: 'upload a PDF, Word (doc, docx) or image (jpg, png) file',
  },
  reflection_file_empty: {
    'zh-CN': '文件是空的',
    'zh-TW': '檔案是空的',
    en: 'the file is empty',
  },
  reflection_file_too_large: {
    'zh-CN': '文件超过 {x} MB 的上限',
    'zh-TW': '檔案超過 {x} MB 的上限',
    en: 'the file is larger than the {x} MB limit',
  },
  reflection_file_unknown: {
    'zh-CN': '找不到您上传的这个文件，请重新上传',
    'zh-TW': '找不到您上傳的這個檔案，請重新上傳',
    en: 'this is not a file you uploaded; upload it again',
  },
  reflection_graded: {
    'zh-CN': '心得已评定等次，不能再修改',
    'zh-TW': '心得已評定等次，不能再修改',
    en: 'the reflection has been graded and can no longer be changed',
  },
  class_status: {
    'zh-CN': '班次当前状态（{x}）下不能进行此操作',
    'zh-TW': '班次目前狀態（{x}）下不能進行此操作',
    en: 'not possible while the class is {x}',
  },
  completion_too_early: {
    'zh-CN': '班次的课程尚未全部结束，暂不能结业确认',
    'zh-TW': '班次的課程尚未全部結束，暫不能結業確認',
    en: 'completion can be confirmed once every item of the class has ended',
  },
  completion_enrollment_withdrawn: {
    'zh-CN': '该学员已退学，不能认定结业',
    'zh-TW': '該學員已退學，不能認定結業',
    en: 'this trainee has withdrawn; completion cannot be decided',
  },
};
