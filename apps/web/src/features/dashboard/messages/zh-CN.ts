/** Dashboard: zh-CN (the reference key set). */
export const dashboardZhCN = {
  title: '统计看板',
};
