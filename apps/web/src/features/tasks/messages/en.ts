import type { TasksMessages } from './zh-CN';

/** Task force, checklist, templates and my tasks (issue 9 item 1): en. */
export const tasksEn: TasksMessages = {
  tab: 'Task force',
};
