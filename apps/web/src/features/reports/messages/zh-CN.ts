/** Standard reports: zh-CN (the reference key set). */
export const reportsZhCN = {
  title: '标准报表',
};
