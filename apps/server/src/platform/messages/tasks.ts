import type { Texts } from './types.js';

/** Field and custom-issue messages of the tasks module (issue 9). */
export const TASKS_MESSAGES: Record<string, Texts> = {
  due_before_plan: {
    'zh-CN': '完成期限不能早于班次创建日期',
    'zh-TW': '完成期限不能早於班次建立日期',
    en: 'the due day falls before the class was created',
  },
  not_class_staff: {
    'zh-CN': '负责人须为本班次的班主任、副班主任或工作专班成员',
    'zh-TW': '負責人須為本班次的班主任、副班主任或工作專班成員',
    en: "the owner must be the class's director, an assistant or a task force member",
  },
  task_user_not_active: {
    'zh-CN': '账号不存在或已停用',
    'zh-TW': '帳號不存在或已停用',
    en: 'no such active account',
  },
  task_member_exists: {
    'zh-CN': '已是工作专班成员',
    'zh-TW': '已是工作專班成員',
    en: 'is already a member of the task force',
  },
  task_member_has_open_tasks: {
    'zh-CN': '该成员还负责 {x} 项未完成任务，请先转交',
    'zh-TW': '該成員還負責 {x} 項未完成任務，請先轉交',
    en: 'still owns {x} open tasks; reassign them first',
  },
  task_template_unknown: {
    'zh-CN': '模板不存在或已归档',
    'zh-TW': '範本不存在或已歸檔',
    en: 'no such template (or it is archived)',
  },
  task_template_kind: {
    'zh-CN': '该模板不适用于本班次的类型',
    'zh-TW': '該範本不適用於本班次的類型',
    en: "the template is not made for this class's kind",
  },
};
