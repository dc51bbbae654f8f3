/** Standard reports: zh-TW. */
export const reportsZhTW = {
  title: '標準報表',
};
