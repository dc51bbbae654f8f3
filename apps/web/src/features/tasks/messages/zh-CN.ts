/** Task force, checklist, templates and my tasks (issue 9 item 1): zh-CN, the reference key set. */
export const tasksZhCN = {
  tab: '专班与任务',
};
export type TasksMessages = typeof tasksZhCN;
