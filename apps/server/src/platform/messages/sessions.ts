import type { Texts } from './types.js';

/** Field and custom-issue messages of the sessions module (keys raised by its contracts and service). */
export const SESSIONS_MESSAGES: Record<string, Texts> = {
  end_not_after_start: {
    'zh-CN': '结束时间须晚于开始时间',
    'zh-TW': '結束時間須晚於開始時間',
    en: 'must be after the start',
  },
  session_too_long: {
    'zh-CN': '一项安排不能超过 24 小时，请按天拆分',
    'zh-TW': '一項安排不能超過 24 小時，請按天拆分',
    en: 'an item lasts at most 24 hours: split it into days',
  },
  lecturer_repeated: {
    'zh-CN': '同一讲师不能重复列出',
    'zh-TW': '同一講師不能重複列出',
    en: 'lists the same lecturer twice',
  },
  shift_zero: {
    'zh-CN': '移动天数不能为 0',
    'zh-TW': '移動天數不能為 0',
    en: 'must not be zero',
  },
  copy_source_required: {
    'zh-CN': '请选择一个来源：班次或模板（二选一）',
    'zh-TW': '請選擇一個來源：班次或範本（二選一）',
    en: 'give either a class or a template to copy from',
  },
  lecturer_unknown: {
    'zh-CN': '讲师不存在或已停用',
    'zh-TW': '講師不存在或已停用',
    en: 'is not an active lecturer of the pool',
  },
  venue_unknown: {
    'zh-CN': '场地不存在或已停用',
    'zh-TW': '場地不存在或已停用',
    en: 'is not an active venue',
  },
  group_unknown: {
    'zh-CN': '不是本班次的小组',
    'zh-TW': '不是本班次的小組',
    en: 'is not a group of this class',
  },
  session_type_unknown: {
    'zh-CN': '课程类型不存在或已停用',
    'zh-TW': '課程類型不存在或已停用',
    en: 'is not an active session type',
  },
  session_unknown: {
    'zh-CN': '课程安排不存在或不属于本班次',
    'zh-TW': '課程安排不存在或不屬於本班次',
    en: 'is not an item of this class',
  },
  template_unknown: {
    'zh-CN': '模板不存在',
    'zh-TW': '範本不存在',
    en: 'is not a known template',
  },
  timetable_locked: {
    'zh-CN': '班次在当前状态下不能修改课程表',
    'zh-TW': '班次在目前狀態下不能修改課程表',
    en: 'the timetable can no longer be changed in the class’s current status',
  },
  version_conflict: {
    'zh-CN': '该安排已被他人修改（当前版本 {x}），请刷新后再改',
    'zh-TW': '該安排已被他人修改（目前版本 {x}），請重新整理後再改',
    en: 'someone else changed this item (now version {x}): reload it and try again',
  },
  lecturer_double_booked: {
    'zh-CN': '讲师在该时段已安排在 {x}',
    'zh-TW': '講師在該時段已安排在 {x}',
    en: 'the lecturer is already booked at this time in {x}',
  },
  venue_double_booked: {
    'zh-CN': '场地在该时段已被 {x} 使用',
    'zh-TW': '場地在該時段已被 {x} 使用',
    en: 'the venue is already booked at this time by {x}',
  },
  timetable_blocked: {
    'zh-CN': '课程表还有 {x} 个冲突，解决后才能发布',
    'zh-TW': '課程表還有 {x} 個衝突，解決後才能發布',
    en: 'the timetable still has {x} conflicts: resolve them to publish',
  },
  warnings_unacknowledged: {
    'zh-CN': '有 {x} 条提醒尚未确认',
    'zh-TW': '有 {x} 條提醒尚未確認',
    en: '{x} warnings have not been acknowledged',
  },
  session_has_records: {
    'zh-CN': '该课程已有 {x} 条考勤记录或评估答卷，不能删除；如课程未按计划举行，请修改其时间或标题',
    'zh-TW': '該課程已有 {x} 條考勤記錄或評估答卷，不能刪除；如課程未按計劃舉行，請修改其時間或標題',
    en: 'this item has {x} attendance records or evaluation answers and cannot be deleted; if it did not take place as planned, change its time or title',
  },
  timetable_empty: {
    'zh-CN': '课程表为空',
    'zh-TW': '課程表為空',
    en: 'the timetable has no items',
  },
  start_date_required: {
    'zh-CN': '请指定起始日期（班次未设开班日期）',
    'zh-TW': '請指定起始日期（班次未設開班日期）',
    en: 'give a start date (the class has none)',
  },
};

/**
 * Sentences describing a conflict (`conflictView.message`). Placeholders: {lecturer}, {venue},
 * {other} (the other item: 本班「title」 or the other class's code and name), {time}, {have},
 * {need}, {dates}, {group}.
 */
export const CONFLICT_SENTENCES: Record<string, Texts> = {
  invalid_interval: {
    'zh-CN': '时间无效：结束须晚于开始',
    'zh-TW': '時間無效：結束須晚於開始',
    en: 'invalid time: the end must be after the start',
  },
  outside_class_dates: {
    'zh-CN': '不在班次日期（{dates}）之内',
    'zh-TW': '不在班次日期（{dates}）之內',
    en: 'falls outside the class dates ({dates})',
  },
  lecturer_double_booked: {
    'zh-CN': '讲师{lecturer}在该时段已安排在 {other}（{time}）',
    'zh-TW': '講師{lecturer}在該時段已安排在 {other}（{time}）',
    en: 'lecturer {lecturer} is already booked at this time in {other} ({time})',
  },
  venue_double_booked: {
    'zh-CN': '场地{venue}在该时段已被 {other} 使用（{time}）',
    'zh-TW': '場地{venue}在該時段已被 {other} 使用（{time}）',
    en: 'venue {venue} is already used at this time by {other} ({time})',
  },
  venue_too_small: {
    'zh-CN': '场地{venue}可容纳 {have} 人，少于参加人数 {need} 人',
    'zh-TW': '場地{venue}可容納 {have} 人，少於參加人數 {need} 人',
    en: 'venue {venue} seats {have}, fewer than the {need} attending',
  },
  group_overlap: {
    'zh-CN': '{group}在该时段已有 {other}（{time}）',
    'zh-TW': '{group}在該時段已有 {other}（{time}）',
    en: '{group} already have {other} at this time ({time})',
  },
  travel_time: {
    'zh-CN': '与 {other}（{time}）之间需约 {need} 分钟路程，只有 {have} 分钟',
    'zh-TW': '與 {other}（{time}）之間需約 {need} 分鐘路程，只有 {have} 分鐘',
    en: 'about {need} minutes of travel are needed from or to {other} ({time}), only {have} available',
  },
  same_class_item: { 'zh-CN': '本班「{title}」', 'zh-TW': '本班「{title}」', en: 'this class’s “{title}”' },
  whole_class: { 'zh-CN': '全班学员', 'zh-TW': '全班學員', en: 'the whole class' },
  group_named: { 'zh-CN': '小组「{name}」', 'zh-TW': '小組「{name}」', en: 'group “{name}”' },
  unknown_name: { 'zh-CN': '（未知）', 'zh-TW': '（未知）', en: '(unknown)' },
};
