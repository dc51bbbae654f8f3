import type { TasksMessages } from './zh-CN';

/** Task force, checklist, templates and my tasks (issue 9 item 1): zh-TW. */
export const tasksZhTW: TasksMessages = {
  tab: '專班與任務',
};
