import type { Texts } from './types.js';

/** Field and custom-issue messages of the leave module. */
export const LEAVE_MESSAGES: Record<string, Texts> = {
  sessions_or_days_required: {
    'zh-CN': '请选择请假的课程或日期（二选一）',
    'zh-TW': '請選擇請假的課程或日期（二選一）',
    en: 'choose either items or days',
  },
  repeated: { 'zh-CN': '有重复项', 'zh-TW': '有重複項', en: 'has repeated entries' },
  required: { 'zh-CN': '必填', 'zh-TW': '必填', en: 'is required' },
  leave_class_closed: {
    'zh-CN': '班次已取消或已归档，不能请假',
    'zh-TW': '班次已取消或已歸檔，不能請假',
    en: 'the class is cancelled or archived',
  },
  leave_item_unknown: {
    'zh-CN': '不是您在本班次的课程',
    'zh-TW': '不是您在本班次的課程',
    en: 'not an item of yours in this class',
  },
  leave_no_items: {
    'zh-CN': '当天没有您的课程',
    'zh-TW': '當天沒有您的課程',
    en: 'you have no items that day',
  },
  leave_overlaps: {
    'zh-CN': '部分课程已在其他待审批或已批准的请假中',
    'zh-TW': '部分課程已在其他待審批或已批准的請假中',
    en: 'some items are already in another pending or approved request',
  },
  leave_attachment_unknown: {
    'zh-CN': '附件不存在或不是您上传的',
    'zh-TW': '附件不存在或不是您上傳的',
    en: 'no such attachment uploaded by you',
  },
  leave_attachment_type: {
    'zh-CN': '附件只能是 PDF、JPEG 或 PNG 文件',
    'zh-TW': '附件只能是 PDF、JPEG 或 PNG 檔案',
    en: 'the attachment must be a PDF, JPEG or PNG file',
  },
  leave_attachment_empty: { 'zh-CN': '附件是空文件', 'zh-TW': '附件是空檔案', en: 'the file is empty' },
  leave_attachment_too_large: {
    'zh-CN': '附件不能超过 {x} MB',
    'zh-TW': '附件不能超過 {x} MB',
    en: 'the attachment may be at most {x} MB',
  },
  leave_self_decision: {
    'zh-CN': '不能审批自己的请假，也不能在两级审批中审批两次',
    'zh-TW': '不能審批自己的請假，也不能在兩級審批中審批兩次',
    en: 'you may not decide your own request, nor both levels of one',
  },
  leave_not_pending: {
    'zh-CN': '该请假已审批或已撤销',
    'zh-TW': '該請假已審批或已撤銷',
    en: 'this request is already decided or cancelled',
  },
  leave_not_cancellable: {
    'zh-CN': '该请假已不能撤销（已驳回、已撤销，或请假课程已开始）',
    'zh-TW': '該請假已不能撤銷（已駁回、已撤銷，或請假課程已開始）',
    en: 'this request can no longer be cancelled (decided, cancelled, or its first item has started)',
  },
};
