import type { Texts } from './types.js';

/**
 * Field and custom-issue messages of quotas, nominations and enrollments (keys raised by their
 * contracts in packages/domain and by their services).
 */
export const NOMINATIONS_MESSAGES: Record<string, Texts> = {
  // Quotas
  quota_holder_one: {
    'zh-CN': '请选择一个行政区划或一个单位（二选一）',
    'zh-TW': '請選擇一個行政區劃或一個單位（二選一）',
    en: 'give either a region or a unit, not both',
  },
  quota_duplicate_holder: {
    'zh-CN': '同一地区或单位只能分配一次名额',
    'zh-TW': '同一地區或單位只能分配一次名額',
    en: 'this region or unit already has a quota in the list',
  },
  quota_over_capacity: {
    'zh-CN': '名额合计超过班次容量 {x} 人',
    'zh-TW': '名額合計超過班次容量 {x} 人',
    en: 'the quotas add up to more than the class capacity of {x}',
  },
  quota_below_used: {
    'zh-CN': '不能少于已占用的 {x} 个名额',
    'zh-TW': '不能少於已佔用的 {x} 個名額',
    en: 'cannot be less than the {x} seats already taken',
  },
  quota_in_use: {
    'zh-CN': '“{x}”的名额已有报名，不能删除',
    'zh-TW': '「{x}」的名額已有報名，不能刪除',
    en: 'the quota of {x} has nominations and cannot be removed',
  },
  split_total_required: {
    'zh-CN': '班次未设置容量，请填写要分配的名额总数',
    'zh-TW': '班次未設定容量，請填寫要分配的名額總數',
    en: 'the class has no capacity: give the number of seats to split',
  },
  class_status_locked: {
    'zh-CN': '班次当前状态不允许此操作',
    'zh-TW': '班次目前狀態不允許此操作',
    en: 'not allowed in the class’s current status',
  },
  // Nominations
  nominations_not_open: {
    'zh-CN': '该班次当前不接受报名（仅已发布的班次可报名）',
    'zh-TW': '該班次目前不接受報名（僅已發布的班次可報名）',
    en: 'the class is not taking nominations (only published classes do)',
  },
  nomination_deadline_passed: {
    'zh-CN': '报名已于 {x} 截止',
    'zh-TW': '報名已於 {x} 截止',
    en: 'nominations closed on {x} (Beijing time)',
  },
  quota_required: {
    'zh-CN': '该班次按名额报名，请选择名额',
    'zh-TW': '該班次按名額報名，請選擇名額',
    en: 'this class takes nominations against quotas: choose one',
  },
  quota_not_found: {
    'zh-CN': '该班次没有这个名额',
    'zh-TW': '該班次沒有這個名額',
    en: 'is not a quota of this class',
  },
  person_not_found: { 'zh-CN': '人员不存在', 'zh-TW': '人員不存在', en: 'no such person' },
  person_outside_scope: {
    'zh-CN': '该人员不在您的管理范围内，不能由您报名',
    'zh-TW': '該人員不在您的管理範圍內，不能由您報名',
    en: 'this person works outside your unit or region; you cannot nominate them',
  },
  person_outside_quota: {
    'zh-CN': '该人员不属于“{x}”，不能占用其名额',
    'zh-TW': '該人員不屬於「{x}」，不能佔用其名額',
    en: 'this person does not work in {x} and cannot take its seat',
  },
  person_not_serving: {
    'zh-CN': '该人员不是在职状态，不能报名',
    'zh-TW': '該人員不是在職狀態，不能報名',
    en: 'this person is not serving (transferred or retired)',
  },
  already_nominated: {
    'zh-CN': '该人员已报名本班次',
    'zh-TW': '該人員已報名本班次',
    en: 'this person is already nominated to this class',
  },
  quota_full: {
    'zh-CN': '该名额已满（共 {x} 个名额）',
    'zh-TW': '該名額已滿（共 {x} 個名額）',
    en: 'this quota is full (all {x} seats are taken)',
  },
  capacity_full: {
    'zh-CN': '班次已满员（容量 {x} 人）',
    'zh-TW': '班次已滿員（容量 {x} 人）',
    en: 'the class is full (capacity {x})',
  },
  registration_not_open: {
    'zh-CN': '该班次不接受个人报名',
    'zh-TW': '該班次不接受個人報名',
    en: 'this class does not take self-registration',
  },
  no_person_record: {
    'zh-CN': '您的账号未关联干部人才信息，请联系本单位联络员',
    'zh-TW': '您的帳號未關聯幹部人才資訊，請聯絡本單位聯絡員',
    en: 'your account is not linked to a person record; ask your unit liaison',
  },
  not_releasable: {
    'zh-CN': '该报名已结束，不能再替换或撤回',
    'zh-TW': '該報名已結束，不能再替換或撤回',
    en: 'this nomination is already closed and cannot be substituted or withdrawn',
  },
  not_decidable: {
    'zh-CN': '该报名不是待审核状态，或不属于本班次',
    'zh-TW': '該報名不是待審核狀態，或不屬於本班次',
    en: 'is not a submitted nomination of this class',
  },
  // Enrollments and groups
  enrollment_withdrawn: {
    'zh-CN': '该学员已退学',
    'zh-TW': '該學員已退學',
    en: 'this trainee has withdrawn',
  },
  group_not_found: {
    'zh-CN': '该小组不属于本班次',
    'zh-TW': '該小組不屬於本班次',
    en: 'is not a group of this class',
  },
  group_required: {
    'zh-CN': '组长须先分入小组',
    'zh-TW': '組長須先分入小組',
    en: 'a group leader must be in a group',
  },
  role_taken: {
    'zh-CN': '该职务已由 {x} 担任',
    'zh-TW': '該職務已由 {x} 擔任',
    en: 'this role is already held by {x}',
  },
  already_checked_in: {
    'zh-CN': '已于 {x} 报到',
    'zh-TW': '已於 {x} 報到',
    en: 'already checked in at {x}',
  },
  group_name_taken: {
    'zh-CN': '本班次已有同名小组',
    'zh-TW': '本班次已有同名小組',
    en: 'the class already has a group of this name',
  },
};
