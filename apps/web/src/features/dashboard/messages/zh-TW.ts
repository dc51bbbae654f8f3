/** Dashboard: zh-TW. */
export const dashboardZhTW = {
  title: '統計看板',
};
