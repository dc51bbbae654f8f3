import type { Texts } from './types.js';

/** Field and custom-issue messages of secondments (挂职交流): terms, changes, logs, talks, assessments, alerts. */
export const SECONDMENTS_MESSAGES: Record<string, Texts> = {
  secondment_overlaps: {
    'zh-CN': '该人员在此期间已有挂职安排（{x}），任期不能重叠',
    'zh-TW': '該人員在此期間已有掛職安排（{x}），任期不能重疊',
    en: 'this person already has a secondment over these days ({x}); terms may not overlap',
  },
  host_outside_pairing: {
    'zh-CN': '接收单位应在接收方（{x}）范围内',
    'zh-TW': '接收單位應在接收方（{x}）範圍內',
    en: 'the host unit must lie on the receiving side ({x})',
  },
  home_outside_pairing: {
    'zh-CN': '派出单位应在派出方（{x}）范围内',
    'zh-TW': '派出單位應在派出方（{x}）範圍內',
    en: 'the home unit must lie on the sending side ({x})',
  },
  partnership_not_found: {
    'zh-CN': '结对关系不存在',
    'zh-TW': '結對關係不存在',
    en: 'no such pairing',
  },
  partnership_ended: {
    'zh-CN': '该结对关系已结束，不能再安排挂职',
    'zh-TW': '該結對關係已結束，不能再安排掛職',
    en: 'this pairing has ended; no new secondments can be arranged',
  },
  secondment_unit_not_found: {
    'zh-CN': '单位不存在',
    'zh-TW': '單位不存在',
    en: 'no such unit',
  },
  specialty_not_for_cadre: {
    'zh-CN': '党政干部不填写专业类别',
    'zh-TW': '黨政幹部不填寫專業類別',
    en: 'a cadre has no specialty',
  },
  year_required: {
    'zh-CN': '年度考核请填写考核年度',
    'zh-TW': '年度考核請填寫考核年度',
    en: 'an annual assessment needs the year assessed',
  },
  extension_not_later: {
    'zh-CN': '延期后的结束日期应晚于原计划结束日期',
    'zh-TW': '延期後的結束日期應晚於原計畫結束日期',
    en: 'an extension must move the planned end later',
  },
  early_end_not_earlier: {
    'zh-CN': '提前结束的日期应早于计划结束日期',
    'zh-TW': '提前結束的日期應早於計畫結束日期',
    en: 'an early end must fall before the planned end',
  },
  early_end_before_start: {
    'zh-CN': '提前结束的日期不能早于到岗日期',
    'zh-TW': '提前結束的日期不能早於到崗日期',
    en: 'an early end cannot fall before the start of the term',
  },
  term_started: {
    'zh-CN': '挂职已开始，计划日期不能再修改（请走延期或提前结束）',
    'zh-TW': '掛職已開始，計畫日期不能再修改（請走延期或提前結束）',
    en: 'the term has started; its dates change only by extension or early end',
  },
  start_too_early: {
    'zh-CN': '到岗日期不能早于 {x}（计划开始前 30 天）',
    'zh-TW': '到崗日期不能早於 {x}（計畫開始前 30 天）',
    en: 'the start cannot be before {x} (30 days before the planned start)',
  },
  start_after_end: {
    'zh-CN': '到岗日期不能晚于计划结束日期 {x}',
    'zh-TW': '到崗日期不能晚於計畫結束日期 {x}',
    en: 'the start cannot be after the planned end {x}',
  },
  end_before_actual_start: {
    'zh-CN': '结束日期不能早于到岗日期 {x}',
    'zh-TW': '結束日期不能早於到崗日期 {x}',
    en: 'the end cannot be before the start {x}',
  },
  change_not_allowed: {
    'zh-CN': '当前状态下不能申请此项变更',
    'zh-TW': '目前狀態下不能申請此項變更',
    en: 'this change cannot be asked for in the current status',
  },
  change_pending: {
    'zh-CN': '已有一项待审批的变更申请',
    'zh-TW': '已有一項待審批的變更申請',
    en: 'a change is already waiting for a decision',
  },
  change_not_pending: {
    'zh-CN': '该变更申请已处理',
    'zh-TW': '該變更申請已處理',
    en: 'this change has already been decided or withdrawn',
  },
  change_outdated: {
    'zh-CN': '挂职情况已变化，该变更申请不再适用',
    'zh-TW': '掛職情況已變化，該變更申請不再適用',
    en: 'the term has changed since; this change no longer applies',
  },
  secondment_self_decision: {
    'zh-CN': '不能审批自己提出的变更申请',
    'zh-TW': '不能審批自己提出的變更申請',
    en: 'you cannot decide on a change you asked for yourself',
  },
  change_not_requester: {
    'zh-CN': '只有申请人可以撤回',
    'zh-TW': '只有申請人可以撤回',
    en: 'only the requester may withdraw it',
  },
  log_not_author: {
    'zh-CN': '只能修改自己填写的记录',
    'zh-TW': '只能修改自己填寫的記錄',
    en: 'only the author may change this entry',
  },
  assessment_year_taken: {
    'zh-CN': '{x} 年度已有考核结果',
    'zh-TW': '{x} 年度已有考核結果',
    en: 'the year {x} has already been assessed',
  },
  assessment_year_outside_term: {
    'zh-CN': '考核年度应在任期内（{x}）',
    'zh-TW': '考核年度應在任期內（{x}）',
    en: 'the year assessed must fall within the term ({x})',
  },
  final_assessment_taken: {
    'zh-CN': '已有期满考核结果',
    'zh-TW': '已有期滿考核結果',
    en: 'the final assessment has already been recorded',
  },
  term_not_ended: {
    'zh-CN': '任期结束后才能进行期满考核',
    'zh-TW': '任期結束後才能進行期滿考核',
    en: 'the final assessment comes after the term has ended',
  },
  category_differs: {
    'zh-CN': '人员类别与人员库记录不一致（人员库：{x}）',
    'zh-TW': '人員類別與人員庫記錄不一致（人員庫：{x}）',
    en: 'the category differs from the person’s record ({x})',
  },
  specialty_differs: {
    'zh-CN': '专业类别与人员库记录不一致（人员库：{x}）',
    'zh-TW': '專業類別與人員庫記錄不一致（人員庫：{x}）',
    en: 'the specialty differs from the person’s record ({x})',
  },
};
