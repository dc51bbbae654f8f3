import type { Texts } from './types.js';

/** Field and custom-issue messages of the surveys module (contracts in domain/surveys.ts, the service). */
export const SURVEYS_MESSAGES: Record<string, Texts> = {
  // surveyTemplateBody
  question_id_format: {
    'zh-CN': '编号须以小写字母开头，只含小写字母、数字、下划线，最长40位',
    'zh-TW': '編號須以小寫字母開頭，只含小寫字母、數字、底線，最長40位',
    en: 'must start with a lowercase letter: lowercase letters, digits and underscores, up to 40',
  },
  label_required: {
    'zh-CN': '至少填写一种语言的文字',
    'zh-TW': '至少填寫一種語言的文字',
    en: 'give the text in at least one language',
  },
  question_repeated: {
    'zh-CN': '题目编号重复',
    'zh-TW': '題目編號重複',
    en: 'this question id is used twice',
  },
  option_repeated: {
    'zh-CN': '选项编号重复',
    'zh-TW': '選項編號重複',
    en: 'this option id is used twice',
  },
  too_many_answers: {
    'zh-CN': '回答的题目过多',
    'zh-TW': '回答的題目過多',
    en: 'too many answers',
  },
  // validateResponse (paths answers.<questionId>)
  unknown_question: {
    'zh-CN': '问卷中没有这道题',
    'zh-TW': '問卷中沒有這道題',
    en: 'is not a question of this form',
  },
  answer_type: {
    'zh-CN': '回答的类型不符合题型',
    'zh-TW': '回答的類型不符合題型',
    en: 'does not fit the kind of question',
  },
  rating_range: {
    'zh-CN': '评分应为 1 到 5 的整数',
    'zh-TW': '評分應為 1 到 5 的整數',
    en: 'must be a whole number from 1 to 5',
  },
  choice_unknown: {
    'zh-CN': '不是这道题的选项',
    'zh-TW': '不是這道題的選項',
    en: 'is not an option of this question',
  },
  choice_single: {
    'zh-CN': '这道题只能选一项',
    'zh-TW': '這道題只能選一項',
    en: 'only one option may be chosen',
  },
  choice_repeated: {
    'zh-CN': '同一选项选了两次',
    'zh-TW': '同一選項選了兩次',
    en: 'an option is chosen twice',
  },
  text_too_long: {
    'zh-CN': '回答过长',
    'zh-TW': '回答過長',
    en: 'the answer is too long',
  },
  // The service
  survey_already_submitted: {
    'zh-CN': '您已提交过这份问卷',
    'zh-TW': '您已提交過這份問卷',
    en: 'you have already submitted this form',
  },
  survey_not_open: {
    'zh-CN': '问卷尚未开放',
    'zh-TW': '問卷尚未開放',
    en: 'the form is not open yet',
  },
  survey_closed: {
    'zh-CN': '问卷已截止',
    'zh-TW': '問卷已截止',
    en: 'the form is closed',
  },
  survey_withdrawn: {
    'zh-CN': '问卷已撤销',
    'zh-TW': '問卷已撤銷',
    en: 'the form has been withdrawn',
  },
  survey_not_expected: {
    'zh-CN': '您不需要填写这份问卷',
    'zh-TW': '您不需要填寫這份問卷',
    en: 'this form is not for you',
  },
  template_builtin: {
    'zh-CN': '内置模板不能修改，请新建模板',
    'zh-TW': '內建模板不能修改，請新建模板',
    en: 'built-in templates cannot be changed; create a new one',
  },
  template_target_fixed: {
    'zh-CN': '模板的评估对象不能更改',
    'zh-TW': '模板的評估對象不能更改',
    en: 'the target of a template cannot change',
  },
  template_unknown: {
    'zh-CN': '模板不存在或已归档',
    'zh-TW': '模板不存在或已歸檔',
    en: 'no such template, or archived',
  },
  template_wrong_target: {
    'zh-CN': '模板的评估对象不符',
    'zh-TW': '模板的評估對象不符',
    en: 'the template is for another target',
  },
};
