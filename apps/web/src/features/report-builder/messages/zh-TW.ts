/** Report builder: zh-TW. */
export const reportBuilderZhTW = {
  title: '報表生成',
};
